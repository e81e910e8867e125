--TEST--
socket_create(): AF_PACKET (PHP 8.5's ext/sockets on Linux) is refused as a raw socket
--DESCRIPTION--
PHP 8.5 lets socket_create() make AF_PACKET sockets, which send and receive whole
link-layer frames (SOCK_RAW with the Ethernet header, SOCK_DGRAM without): raw sockets
by another name. Refused with EACCES whatever the type and protocol; socket_create_pair()
still takes only AF_UNIX, AF_INET and AF_INET6 and throws its own ValueError, as stock.
(Before 8.5, no AF_PACKET constant, and 17 gets ext/sockets' ValueError: invalid_args.)
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (!defined('AF_PACKET')) die('skip ext/sockets without AF_PACKET (before PHP 8.5)');
?>
--FILE--
<?php
$eth_p_all = 0x0300; // htons(ETH_P_ALL)
foreach ([[SOCK_RAW, $eth_p_all], [SOCK_DGRAM, $eth_p_all], [SOCK_RAW, 0]] as [$type, $proto]) {
    socket_clear_error();
    var_dump(socket_create(AF_PACKET, $type, $proto));
    var_dump(socket_last_error());
}
try {
    $pair = [];
    var_dump(socket_create_pair(AF_PACKET, SOCK_DGRAM, 0, $pair));
} catch (ValueError $e) {
    echo get_class($e), "\n";
}
?>
--EXPECTF--
Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets (AF_PACKET) are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets (AF_PACKET) are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (raw sockets (AF_PACKET) are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
int(13)
ValueError
