--TEST--
socket_listen(): refused on a bound socket, errno 13 on the socket and globally
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_bind($s, '0.0.0.0', 0));
var_dump(socket_listen($s, 5), socket_last_error($s), socket_last_error());
var_dump(socket_listen($s));
// The kernel never put it in LISTEN state.
socket_getsockname($s, $addr, $port);
echo 'listening: [', trim((string) shell_exec("ss -ltnH 'sport = :$port'")), "]\n";
?>
--EXPECTF--
bool(true)

Warning: socket_listen(): Unable to listen on socket [13]: Permission denied (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
int(13)

Warning: socket_listen(): Unable to listen on socket [13]: Permission denied (listening sockets are not allowed) in %s on line %d
bool(false)
listening: []
