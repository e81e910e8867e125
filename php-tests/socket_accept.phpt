--TEST--
socket_accept(): refused, with errno 13 on the socket and globally
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$s = socket_create(AF_INET6, SOCK_STREAM, 0);
var_dump(socket_accept($s), socket_last_error($s), socket_last_error());
?>
--EXPECTF--
Warning: socket_accept(): unable to accept incoming connection [13]: Permission denied (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
int(13)
