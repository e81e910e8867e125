--TEST--
socket_create(): SOCK_RAW is refused for AF_INET and AF_INET6
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([[AF_INET, 1 /* ICMP */], [AF_INET, SOL_TCP], [AF_INET6, 58 /* ICMPv6 */]] as [$domain, $proto]) {
    socket_clear_error();
    var_dump(socket_create($domain, SOCK_RAW, $proto));
    var_dump(socket_last_error());
}
?>
--EXPECTF--
Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)
