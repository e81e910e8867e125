--TEST--
socket_connect(): IPv6 forms that carry a private IPv4 address (mapped, NAT64, 6to4) and ULA are refused
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
foreach (['::ffff:10.0.0.5', '::ffff:a00:5', '64:ff9b::a00:5', '2002:a00:5::1', 'fd00::5', '::ffff:127.0.0.1'] as $ip) {
    socket_test_connect(AF_INET6, $ip, 80);
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
::ffff:10.0.0.5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
::ffff:a00:5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (NAT64 address 64:ff9b::a00:5 carries private address 10.0.0.5) in %s on line %d
64:ff9b::a00:5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (6to4 address 2002:a00:5::1 carries private address 10.0.0.5) in %s on line %d
2002:a00:5::1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (private address fd00::5) in %s on line %d
fd00::5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:127.0.0.1 carries loopback address 127.0.0.1) in %s on line %d
::ffff:127.0.0.1:80: false, socket error 13, last error 13
catcher: nothing
