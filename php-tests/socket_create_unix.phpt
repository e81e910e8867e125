--TEST--
socket_create(): AF_UNIX sockets are refused with EACCES (rule 1: only outbound TCP and UDP)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([SOCK_STREAM, SOCK_DGRAM] as $type) {
    socket_clear_error();
    var_dump(socket_create(AF_UNIX, $type, 0));
    var_dump(socket_last_error());
}
?>
--EXPECTF--
Warning: socket_create(): Unable to create socket [13]: Permission denied (unix sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (unix sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)
