--TEST--
libc layer: a library's thread sending from a pthread_key destructor at its exit (after its thread-locals are destroyed) is refused with EACCES, and PHP goes on (stock PHP's datagrams reach 10.0.0.5)
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
if (trim((string) shell_exec('command -v gcc')) === '') die('skip gcc not installed');
?>
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
require __DIR__ . '/include/settings.inc';

$dir = sys_get_temp_dir() . '/aes-key-exit-' . getmypid();
@mkdir($dir);
$so = "$dir/key_exit_send.so";
register_shutdown_function(static function () use ($dir, $so) {
    @unlink($so);
    @rmdir($dir);
});
exec('gcc -shared -fPIC -O1 -Wall -pthread -o ' . escapeshellarg($so) . ' '
    . escapeshellarg(__DIR__ . '/fixtures/threads/key_exit_send.c') . ' 2>&1', $out, $rc);
if ($rc !== 0) {
    echo "gcc failed:\n", implode("\n", $out), "\n";
}

function key_exit_run(bool $extension, string $so): void
{
    $mark = aes_log_mark();
    $cmd = [PHP_BINARY];
    if ($extension) {
        array_push($cmd, '-d', 'extension=' . settings_ext());
    }
    array_push($cmd, '-d', 'ffi.enable=1', '-d', 'display_errors=1', '-d', 'log_errors=0', __DIR__ . '/fixtures/thread_exit.php', $so);
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    echo $extension ? 'extension' : 'stock', ': exit ', proc_close($p), "\n", preg_replace('/^/m', '  ', rtrim($out)), "\n";
    foreach (libc_reached($mark) as $l) {
        echo "  reached: $l\n";
    }
}
key_exit_run(false, $so);
key_exit_run(true, $so);
?>
--EXPECT--
stock: exit 0
  key_exit_send: 0, routine errno 0, exit errno 0
  PHP goes on
  reached: udp 10.0.0.5 9999
  reached: udp 10.0.0.5 9999
extension: exit 0
    warning: sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  key_exit_send: 0, routine errno 13, exit errno 13
  PHP goes on