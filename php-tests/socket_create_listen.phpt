--TEST--
socket_create_listen(): refused, nothing listens
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
var_dump(socket_create_listen(0), socket_last_error());
socket_clear_error();
var_dump(socket_create_listen(18080, 5), socket_last_error());
// Nothing listens on 18080: a connection there is refused by the kernel.
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(@socket_connect($s, '11.0.0.1', 18080), socket_strerror(socket_last_error($s)));
?>
--EXPECTF--
Warning: socket_create_listen(): Unable to create listening socket [13]: Permission denied (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)

Warning: socket_create_listen(): Unable to create listening socket [13]: Permission denied (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
bool(false)
string(18) "Connection refused"
