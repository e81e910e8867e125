--TEST--
socket_bind(): a specific address or port is refused with EACCES and the socket is left unbound
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([
    [AF_INET, '11.0.0.1', 0],
    [AF_INET, '0.0.0.0', 8080],
    [AF_INET, '127.0.0.1', 0],
    [AF_INET, '10.0.0.5', 4000],
    [AF_INET6, '::1', 0],
    [AF_INET6, '::', 443],
] as [$domain, $addr, $port]) {
    $s = socket_create($domain, SOCK_DGRAM, 0);
    socket_clear_error();
    var_dump(socket_bind($s, $addr, $port), socket_last_error($s), socket_last_error());
    socket_getsockname($s, $a, $p);
    echo "still unbound: $a port $p\n";
}
?>
--EXPECTF--
Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 11.0.0.1:0) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: 0.0.0.0 port 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 0.0.0.0:8080) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: 0.0.0.0 port 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 127.0.0.1:0) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: 0.0.0.0 port 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 10.0.0.5:4000) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: 0.0.0.0 port 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: [::1]:0) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: :: port 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: [::]:443) in %s on line %d
bool(false)
int(13)
int(13)
still unbound: :: port 0
