--TEST--
socket_connect(): names are judged by every address they resolve to (hosts file and DNS)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET, 'private.test', 80);      // /etc/hosts: 10.0.0.5
socket_test_connect(AF_INET, 'gmail-private.test', 80); // /etc/hosts: 10.0.0.5
socket_test_connect(AF_INET, 'mixed.test', 80);        // DNS: 11.0.0.1 and 10.0.0.5
socket_test_connect(AF_INET, 'dual.test', 80);         // /etc/hosts: 11.0.0.1 and 10.0.0.5
socket_test_connect(AF_INET6, 'mapped.test', 80);      // DNS AAAA ::ffff:10.0.0.5
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
private.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
gmail-private.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
mixed.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
dual.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
mapped.test:80: false, socket error 13, last error 13
catcher: nothing
