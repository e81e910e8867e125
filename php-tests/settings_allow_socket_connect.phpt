--TEST--
appengine_sockets.allow: socket_connect() and socket_sendto() reach an allowed private address on every port, 25 included
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=10.0.0.5/32
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
settings_socket_connect('10.0.0.5', 80);
settings_socket_connect('10.0.0.5', 25);
settings_socket_connect('private.test', 8080);
settings_socket_connect('10.0.0.5', 53, AF_INET, SOCK_DGRAM);
settings_socket_connect('::ffff:10.0.0.5', 80, AF_INET6);
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_sendto($u, "ping\n", 5, 0, '10.0.0.5', 9999));
echo settings_socket_read($u), "\n";
socket_close($u);
// Still refused: another private address, and port 25 of a public one.
settings_socket_connect('172.16.1.1', 80);
settings_socket_connect('11.0.0.1', 25);
echo settings_catcher($mark);
?>
--EXPECTF--
10.0.0.5:80: true, HELLO 10.0.0.5 80, socket error 0, last error 0
10.0.0.5:25: true, HELLO 10.0.0.5 25, socket error 0, last error 0
private.test:8080: true, HELLO 10.0.0.5 8080, socket error 0, last error 0
10.0.0.5:53: true, HELLO 10.0.0.5 53, socket error 0, last error 0
::ffff:10.0.0.5:80: true, HELLO 10.0.0.5 80, socket error 0, last error 0
int(5)
HELLO 10.0.0.5 9999

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 172.16.1.1) in %s on line %d
172.16.1.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:25: false, socket error 13, last error 13
catcher: tcp 10.0.0.5 25
catcher: tcp 10.0.0.5 80
catcher: tcp 10.0.0.5 80
catcher: tcp 10.0.0.5 8080
catcher: udp 10.0.0.5 53
catcher: udp 10.0.0.5 9999
