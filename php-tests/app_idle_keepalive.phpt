--TEST--
idle_timeout=1: any operation restarts the clock: a stream and a Socket used every 0.6 s for 3 s stay alive; then 2 s idle reclaims both
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
$mark = app_mark();
$f = fsockopen('public.test', 80, $errno, $errstr, 2);
stream_set_timeout($f, 2);
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($s, '11.0.0.1', 8080);
app_show('stream banner', app_line($f));
app_show('Socket banner', app_socket_line($s));
// One different operation per step, 0.6 s apart: 3 s in all, three times the timeout.
$steps = [
    ['fwrite', fn() => fwrite($f, "a\n"), 'socket_write', fn() => socket_write($s, "a\n")],
    ['fgets', fn() => app_line($f), 'socket_read', fn() => socket_read($s, 2)],
    ['stream_set_timeout', fn() => stream_set_timeout($f, 2), 'socket_set_option', fn() => socket_set_option($s, SOL_SOCKET, SO_KEEPALIVE, 1)],
    ['stream_socket_get_name', fn() => stream_socket_get_name($f, true), 'socket_getpeername', function () use ($s) {
        return socket_getpeername($s, $addr, $port) ? "$addr:$port" : false;
    }],
    ['stream_set_blocking', fn() => stream_set_blocking($f, true), 'socket_get_option', fn() => socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE)],
];
foreach ($steps as [$fname, $fop, $sname, $sop]) {
    usleep(600000);
    echo "+0.6 s: $fname ", var_export($fop(), true), ", $sname ", var_export($sop(), true), "\n";
}
usleep(600000);
echo "+0.6 s: round trip: ";
fwrite($f, "b\n");
socket_write($s, "b\n");
echo var_export(app_line($f), true), ', ', var_export(app_socket_line($s), true), "\n";
echo "-- 2 s without an operation\n";
sleep(2);
app_show('fwrite', fwrite($f, "c\n"));
app_show('socket_write', socket_write($s, "c\n"));
fclose($f);
socket_close($s);
echo app_catcher($mark);
?>
--EXPECTF--
stream banner: 'HELLO 11.0.0.1 80'
Socket banner: 'HELLO 11.0.0.1 8080'
+0.6 s: fwrite 2, socket_write 2
+0.6 s: fgets 'a', socket_read 'a
'
+0.6 s: stream_set_timeout true, socket_set_option true
+0.6 s: stream_socket_get_name '11.0.0.1:80', socket_getpeername '11.0.0.1:8080'
+0.6 s: stream_set_blocking true, socket_get_option 1
+0.6 s: round trip: 'b', 'b'
-- 2 s without an operation

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: socket_write(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_write: false
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
