--TEST--
socket_connect(): private, shared and link-local IPv4 addresses are refused and never reached
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
foreach (['10.0.0.5', '192.168.7.7', '172.16.1.1', '100.64.0.9', '169.254.1.1'] as $ip) {
    socket_test_connect(AF_INET, $ip, 80);
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
10.0.0.5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 192.168.7.7) in %s on line %d
192.168.7.7:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 172.16.1.1) in %s on line %d
172.16.1.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (shared (carrier-grade NAT) address 100.64.0.9) in %s on line %d
100.64.0.9:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (link-local address 169.254.1.1) in %s on line %d
169.254.1.1:80: false, socket error 13, last error 13
catcher: nothing
