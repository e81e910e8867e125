--TEST--
socket_connect(): DNS rebinding: the name is resolved once and ext/sockets connects to the checked address
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// rebind.test answers 11.0.0.1 to the first A query after a reset, then
// 10.0.0.5: had ext/sockets looked the name up again it would have connected
// to 10.0.0.5.
socket_test_dns_reset();
$mark = socket_test_mark();
$dns = socket_test_mark('AES_NETNS_DNS_LOG');
$s = socket_test_connect(AF_INET, 'rebind.test', 80);
socket_getpeername($s, $peer, $port);
echo "peer: $peer:$port\n";
echo socket_test_dns($dns, '/ rebind\.test type=1 /');
// The next lookup gets the private address, and is refused.
socket_test_connect(AF_INET, 'rebind.test', 80);
echo socket_test_catcher($mark);
?>
--EXPECTF--
rebind.test:80: true, 'HELLO 11.0.0.1 80', socket error 0, last error 0
peer: 11.0.0.1:80
dns: %s rebind.test type=1 rcode=0 -> 11.0.0.1

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
rebind.test:80: false, socket error 13, last error 13
catcher: tcp 11.0.0.1 80 11.0.0.1
