--TEST--
appengine_sockets.log=syslog: accepted; each decision goes to /dev/log as "<14>appengine_sockets: <JSON>" (facility user)
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
// /dev/log is replaced only inside a nested private mount namespace (unshare --mount),
// so the machine's syslog never sees these lines.
exec('unshare --mount --propagation private true 2>&1', $out, $rc);
if ($rc !== 0) {
    die('skip cannot make a private mount namespace (unshare --mount): ' . implode(' ', $out));
}
?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$dir = sys_get_temp_dir() . '/aes-settings-syslog-' . getmypid();
mkdir("$dir/dev", 0700, true);
// A stock PHP (no appengine_sockets) listens on the socket that will be /dev/log.
$listen = <<<'PHP'
$s = stream_socket_server('udg://' . $argv[1], $errno, $errstr, STREAM_SERVER_BIND);
if ($s === false) { echo "listener: [$errno] $errstr\n"; exit(1); }
echo "ready\n";
$deadline = microtime(true) + 5;
for ($got = 0; $got < (int) $argv[2] && microtime(true) < $deadline; ) {
    $r = [$s]; $w = $e = null;
    if (stream_select($r, $w, $e, 0, 200000)) { echo stream_socket_recvfrom($s, 65536), "\n"; $got++; }
}
PHP;
$lp = proc_open([PHP_BINARY, '-n', '-r', $listen, "$dir/dev/log", '2'], [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $lpipes);
echo 'listener: ', fgets($lpipes[1]);
// The app: PHP with appengine_sockets.log=syslog, in a mount namespace whose /dev is $dir/dev.
$sh = 'set -e; d=$1; shift; for n in null zero random urandom; do : > "$d/dev/$n"; mount --bind "/dev/$n" "$d/dev/$n"; done; mount --bind "$d/dev" /dev; exec "$@"';
$app = <<<'PHP'
$f = fsockopen('11.0.0.1', 80, $errno, $errstr, 2); echo fgets($f);
var_dump(@fsockopen('10.0.0.5', 80, $errno, $errstr, 2), $errno);
ob_start(); (new ReflectionExtension('appengine_sockets'))->info();
preg_match_all('/^(App Engine socket rules|Decision log) => .*$/m', ob_get_clean(), $m); echo implode("\n", $m[0]), "\n";
PHP;
$cmd = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', $sh, 'sh', $dir,
        PHP_BINARY, '-d', 'extension=' . settings_ext(), '-d', 'appengine_sockets.log=syslog',
        '-d', 'appengine_sockets.app_id=settings-syslog', '-d', 'display_startup_errors=1', '-r', $app];
$p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
echo stream_get_contents($pipes[1]);
echo 'app exit: ', proc_close($p), "\n";
$datagrams = stream_get_contents($lpipes[1]);
proc_close($lp);
foreach (explode("\n", trim($datagrams)) as $d) {
    if (!preg_match('/^<14>appengine_sockets: (\{.*\})$/', $d, $m)) {
        echo 'unexpected datagram: ', var_export($d, true), "\n";
        continue;
    }
    $r = json_decode($m[1], true);
    settings_show_record($r);
}
foreach (['null', 'zero', 'random', 'urandom', 'log'] as $n) {
    @unlink("$dir/dev/$n");
}
rmdir("$dir/dev");
rmdir($dir);
echo settings_catcher($mark);
?>
--EXPECT--
listener: ready
HELLO 11.0.0.1 80
bool(false)
int(13)
App Engine socket rules => enforced
Decision log => syslog
app exit: 0
allow public fsockopen target="11.0.0.1:80" address="11.0.0.1" port=80 app_id="settings-syslog": public address 11.0.0.1
deny special-purpose[private] fsockopen target="10.0.0.5:80" address="10.0.0.5" port=80 app_id="settings-syslog": private address 10.0.0.5
catcher: tcp 11.0.0.1 80
