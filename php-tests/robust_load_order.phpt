--TEST--
Load order: appengine_sockets refuses the same whether ext/sockets is loaded before or after it (php -n children, both orders)
--DESCRIPTION--
Functions of every extension are registered before any module starts, so the handlers are
swapped whatever the order; transports (openssl's ssl:// and tls:// are built into Debian's
PHP) are wrapped at start-up and again at each request start. Each child PHP runs without php.ini
and conf.d (as -n) and only the two extensions, in the order given.
tests/robustness/run.sh checks more (every Debian extension, handlers restored at shutdown).
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$code = <<<'PHP'
set_error_handler(fn () => true);
socket_clear_error();
$s = socket_create(AF_UNIX, SOCK_STREAM, 0);
echo 'socket_create(AF_UNIX): ', var_export($s, true), ', ', socket_last_error(), "\n";
$r = fsockopen('10.0.0.5', 80, $errno, $errstr, 2);
echo 'fsockopen(10.0.0.5): ', var_export($r, true), ", $errno, $errstr\n";
$r = stream_socket_client('ssl://10.0.0.5:443', $errno, $errstr, 2);
echo 'ssl://10.0.0.5:443: ', var_export($r, true), ", $errno\n";
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
echo 'socket_connect(10.0.0.5): ', var_export(socket_connect($s, '10.0.0.5', 80), true), ', ', socket_last_error($s), "\n";
PHP;
$ext = settings_ext();
$noconf = sys_get_temp_dir() . '/aes-robust-load-order-' . getmypid();
@mkdir($noconf);
foreach (['sockets first' => ['sockets', $ext], 'appengine_sockets first' => [$ext, 'sockets']] as $label => $order) {
    // No php.ini and no conf.d, as with -n (spelt this way so that tests/memory/memcheck.sh,
    // which leaves `php -n` stock-PHP helpers untraced, traces these children).
    $cmd = [PHP_BINARY, '-c', '/dev/null', '-d', 'display_startup_errors=1', '-d', 'extension=' . $order[0], '-d', 'extension=' . $order[1], '-r', $code];
    $env = getenv();
    $env['PHP_INI_SCAN_DIR'] = $noconf;  // an empty directory (proc_open drops an empty value)
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, null, $env);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    echo "$label (exit ", proc_close($p), "):\n$out";
}
rmdir($noconf);
?>
--EXPECT--
sockets first (exit 0):
socket_create(AF_UNIX): false, 13
fsockopen(10.0.0.5): false, 13, private address 10.0.0.5
ssl://10.0.0.5:443: false, 13
socket_connect(10.0.0.5): false, 13
appengine_sockets first (exit 0):
socket_create(AF_UNIX): false, 13
fsockopen(10.0.0.5): false, 13, private address 10.0.0.5
ssl://10.0.0.5:443: false, 13
socket_connect(10.0.0.5): false, 13
