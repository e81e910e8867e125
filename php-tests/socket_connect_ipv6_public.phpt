--TEST--
socket_connect(): AF_INET6 sockets reach public IPv6 literals and names
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET6, '2400:cb00::10', 80);
socket_test_connect(AF_INET6, 'v6.test', 8080);      // /etc/hosts
socket_test_connect(AF_INET6, 'dnsv6.test', 80);     // DNS AAAA 2400:cb00::11
echo socket_test_catcher($mark);
?>
--EXPECT--
2400:cb00::10:80: true, 'HELLO 2400:cb00::10 80', socket error 0, last error 0
v6.test:8080: true, 'HELLO 2400:cb00::10 8080', socket error 0, last error 0
dnsv6.test:80: true, 'HELLO 2400:cb00::11 80', socket error 0, last error 0
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 8080 2400:cb00::10
catcher: tcp 2400:cb00::11 80 2400:cb00::11
