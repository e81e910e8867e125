--TEST--
socket_create(): SOCK_SEQPACKET and SOCK_RDM are refused
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([[AF_INET, SOCK_SEQPACKET], [AF_INET6, SOCK_SEQPACKET], [AF_INET, SOCK_RDM]] as [$domain, $type]) {
    socket_clear_error();
    var_dump(socket_create($domain, $type, 0));
    var_dump(socket_last_error());
}
?>
--EXPECTF--
Warning: socket_create(): Unable to create socket [13]: Permission denied (SOCK_SEQPACKET sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (SOCK_SEQPACKET sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (SOCK_RDM sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)
