--TEST--
socket_create(): a stream socket must be TCP and a datagram socket UDP; the allowed combinations still work
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
socket_clear_error();
var_dump(socket_create(AF_INET, SOCK_STREAM, SOL_UDP), socket_last_error());
socket_clear_error();
var_dump(socket_create(AF_INET6, SOCK_DGRAM, SOL_TCP), socket_last_error());
socket_clear_error();
foreach ([AF_INET, AF_INET6] as $domain) {
    foreach ([[SOCK_STREAM, 0], [SOCK_STREAM, SOL_TCP], [SOCK_DGRAM, 0], [SOCK_DGRAM, SOL_UDP]] as [$type, $proto]) {
        $s = socket_create($domain, $type, $proto);
        echo "$domain/$type/$proto: ", get_debug_type($s), "\n";
    }
}
var_dump(socket_last_error());
?>
--EXPECTF--
Warning: socket_create(): Unable to create socket [13]: Permission denied (protocol 17 is not allowed on a stream socket, only TCP) in %s on line %d
bool(false)
int(13)

Warning: socket_create(): Unable to create socket [13]: Permission denied (protocol 6 is not allowed on a datagram socket, only UDP) in %s on line %d
bool(false)
int(13)
2/1/0: Socket
2/1/6: Socket
2/2/0: Socket
2/2/17: Socket
10/1/0: Socket
10/1/6: Socket
10/2/0: Socket
10/2/17: Socket
int(0)
