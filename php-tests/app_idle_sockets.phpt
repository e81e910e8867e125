--TEST--
idle_timeout=1: ext/sockets Sockets idle for 2 s are reclaimed (socket_write, socket_read, socket_connect); a new Socket has its own clock
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
$mark = app_mark();
$tcp = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
app_show('connect public.test:80', socket_connect($tcp, 'public.test', 80));
app_show('banner', app_socket_line($tcp));
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
app_show('udp connect 11.0.0.1:9999', socket_connect($udp, '11.0.0.1', 9999));
$fresh = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);  // created, never connected
echo "-- 2 s without an operation\n";
sleep(2);
echo "-- connected TCP Socket\n";
app_show('socket_write', socket_write($tcp, "ping\n"));
app_show('socket_read', socket_read($tcp, 100));
app_show('socket_write again', socket_write($tcp, "ping\n"));
echo "-- connected UDP Socket\n";
app_show('socket_write', socket_write($udp, "x"));
echo "-- unconnected Socket\n";
app_show('socket_connect', socket_connect($fresh, '11.0.0.1', 80));
socket_close($tcp);
socket_close($udp);
socket_close($fresh);
echo "-- a Socket created now\n";
$new = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
app_show('connect 11.0.0.1:8080', socket_connect($new, '11.0.0.1', 8080));
app_show('banner', app_socket_line($new));
app_show('socket_write', socket_write($new, "ping\n"));
app_show('echo', app_socket_line($new));
socket_close($new);
echo app_catcher($mark);
?>
--EXPECTF--
connect public.test:80: true
banner: 'HELLO 11.0.0.1 80'
udp connect 11.0.0.1:9999: true
-- 2 s without an operation
-- connected TCP Socket

Warning: socket_write(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_write: false

Warning: socket_read(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_read: false

Warning: socket_write(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_write again: false
-- connected UDP Socket

Warning: socket_write(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_write: false
-- unconnected Socket

Warning: socket_connect(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_connect: false
-- a Socket created now
connect 11.0.0.1:8080: true
banner: 'HELLO 11.0.0.1 8080'
socket_write: 5
echo: 'ping'
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
