--TEST--
appengine_sockets.report_only=1: refused ext/sockets operations (connect, sendto, socket types, binds) go ahead with an E_NOTICE
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.report_only=1
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
settings_socket_connect('10.0.0.5', 80);
settings_socket_connect('11.0.0.1', 25);
settings_socket_connect('8.8.8.8', 8080);
settings_socket_connect('11.0.0.1', 8080);
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_bind($u, '127.0.0.1', 0));
var_dump(socket_sendto($u, "ping\n", 5, 0, '192.168.7.7', 9999));
echo settings_socket_read($u), "\n";
socket_close($u);
$unix = socket_create(AF_UNIX, SOCK_STREAM, 0);
var_dump($unix instanceof Socket);
settings_print_rows(settings_my_info(), ['Decisions in this process']);
echo settings_catcher($mark);
?>
--EXPECTF--
Notice: socket_connect(): would be refused: private address 10.0.0.5 in %s on line %d
10.0.0.5:80: true, HELLO 10.0.0.5 80, socket error 0, last error 0

Notice: socket_connect(): would be refused: port 25 is blocked in %s on line %d
11.0.0.1:25: true, HELLO 11.0.0.1 25, socket error 0, last error 0

Notice: socket_connect(): would be refused: Google address 8.8.8.8 (Google APIs and services ranges) in %s on line %d
8.8.8.8:8080: true, HELLO 8.8.8.8 8080, socket error 0, last error 0
11.0.0.1:8080: true, HELLO 11.0.0.1 8080, socket error 0, last error 0

Notice: socket_bind(): would be refused: binding to a specific address or port is not allowed: 127.0.0.1:0 in %s on line %d
bool(true)

Notice: socket_sendto(): would be refused: private address 192.168.7.7 in %s on line %d
int(5)
HELLO 192.168.7.7 9999

Notice: socket_create(): would be refused: unix sockets are not allowed, only outbound TCP and UDP in %s on line %d
bool(true)
Decisions in this process => 1 allowed, 0 refused, 6 reported
catcher: tcp 10.0.0.5 80
catcher: tcp 11.0.0.1 25
catcher: tcp 11.0.0.1 8080
catcher: tcp 8.8.8.8 8080
catcher: udp 192.168.7.7 9999
