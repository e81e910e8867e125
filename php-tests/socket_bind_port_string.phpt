--TEST--
socket_bind(): a port given as a string is judged as the port ext/sockets binds ('5555' is refused)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach (['5555', 5556.0] as $port) {
    $u = socket_create(AF_INET, SOCK_DGRAM, 0);
    var_dump(socket_bind($u, '0.0.0.0', $port));
    socket_getsockname($u, $addr, $p);
    echo "bound port: $p\n";
}
?>
--EXPECTF--
Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 0.0.0.0:5555) in %s on line %d
bool(false)
bound port: 0

Warning: socket_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 0.0.0.0:5556) in %s on line %d
bool(false)
bound port: 0
