--TEST--
socket_connect(): a name is connected with an address of the socket's family; none gives "Host lookup failed" and no connection
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET, 'v6.test', 80);       // only 2400:cb00::10
socket_test_connect(AF_INET6, 'public.test', 80);  // only 11.0.0.1
socket_test_connect(AF_INET6, 'dnsv6.test', 80);   // AAAA only: allowed
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): Host lookup failed: v6.test has no IPv4 address in %s on line %d
v6.test:80: false, socket error 0, last error 0

Warning: socket_connect(): Host lookup failed: public.test has no IPv6 address in %s on line %d
public.test:80: false, socket error 0, last error 0
dnsv6.test:80: true, 'HELLO 2400:cb00::11 80', socket error 0, last error 0
catcher: tcp 2400:cb00::11 80 2400:cb00::11
