--TEST--
idle_timeout=1: stream_select() and socket_select() report a reclaimed connection readable (end of file) at once; the read then fails
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
$f = fsockopen('public.test', 80, $errno, $errstr, 2);
stream_set_timeout($f, 2);
app_show('stream banner', app_line($f));
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($s, '11.0.0.1', 8080);
app_show('Socket banner', app_socket_line($s));
echo "-- 2 s without an operation\n";
sleep(2);
$r = [$f];
$w = $e = null;
$t = microtime(true);
try {
    app_show('stream_select', stream_select($r, $w, $e, 1));
    app_show('readable', count($r));
} catch (ValueError $x) {
    echo 'ValueError: ', $x->getMessage(), "\n";
}
app_show('fread', fread($f, 100));
$r = [$s];
$t = microtime(true);
app_show('socket_select', socket_select($r, $w, $e, 1));
app_show('readable', count($r));
app_show('at once', microtime(true) - $t < 0.5);
app_show('socket_read', socket_read($s, 100));
?>
--EXPECTF--
stream banner: 'HELLO 11.0.0.1 80'
Socket banner: 'HELLO 11.0.0.1 8080'
-- 2 s without an operation
stream_select: 1
readable: 1

Warning: fread(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fread: false
socket_select: 1
readable: 1
at once: true

Warning: socket_read(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_read: false
