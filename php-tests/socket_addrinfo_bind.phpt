--TEST--
socket_addrinfo_bind(): only the wildcard address with port 0
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([
    ['11.0.0.1', '0', AF_INET],
    ['0.0.0.0', '8080', AF_INET],
    ['0.0.0.0', '0', AF_INET],
    ['::', '0', AF_INET6],
] as [$host, $service, $family]) {
    socket_clear_error();
    $ai = socket_addrinfo_lookup($host, $service, ['ai_family' => $family, 'ai_socktype' => SOCK_DGRAM]);
    $s = socket_addrinfo_bind($ai[0]);
    echo "$host $service: ", get_debug_type($s), ', last error ', socket_last_error(), "\n";
    if ($s instanceof Socket) {
        socket_getsockname($s, $a, $p);
        echo "  bound to $a, ephemeral port: ", var_export($p > 0, true), "\n";
    }
}
?>
--EXPECTF--
Warning: socket_addrinfo_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 11.0.0.1:0) in %s on line %d
11.0.0.1 0: bool, last error 13

Warning: socket_addrinfo_bind(): Unable to bind address [13]: Permission denied (binding to a specific address or port is not allowed: 0.0.0.0:8080) in %s on line %d
0.0.0.0 8080: bool, last error 13
0.0.0.0 0: Socket, last error 0
  bound to 0.0.0.0, ephemeral port: true
:: 0: Socket, last error 0
  bound to ::, ephemeral port: true
