--TEST--
idle_timeout=0 turns reclaim off: a stream and a Socket idle for 2 s still work
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=0
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
app_show('idle_timeout', ini_get('appengine_sockets.idle_timeout'));
$mark = app_mark();
$f = fsockopen('public.test', 80, $errno, $errstr, 2);
stream_set_timeout($f, 2);
app_show('stream banner', app_line($f));
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
app_show('socket_connect', socket_connect($s, '11.0.0.1', 8080));
app_show('Socket banner', app_socket_line($s));
$unconnected = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
echo "-- 2 s without an operation\n";
sleep(2);
app_show('fwrite', fwrite($f, "ping\n"));
app_show('fgets', app_line($f));
app_show('socket_write', socket_write($s, "ping\n"));
app_show('socket_read', app_socket_line($s));
app_show('socket_connect (created 2 s ago)', socket_connect($unconnected, '11.0.0.1', 8080));
app_show('its banner', app_socket_line($unconnected));
fclose($f);
socket_close($s);
socket_close($unconnected);
echo app_catcher($mark);
?>
--EXPECT--
idle_timeout: '0'
stream banner: 'HELLO 11.0.0.1 80'
socket_connect: true
Socket banner: 'HELLO 11.0.0.1 8080'
-- 2 s without an operation
fwrite: 5
fgets: 'ping'
socket_write: 5
socket_read: 'ping'
socket_connect (created 2 s ago): true
its banner: 'HELLO 11.0.0.1 8080'
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
