--TEST--
socket_sendmsg(): DNS rebinding: the datagram goes to the address that was checked
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// rebind3.test: first A query 11.0.0.1, later ones 10.0.0.5.
socket_test_dns_reset();
$mark = socket_test_mark();
$dns = socket_test_mark('AES_NETNS_DNS_LOG');
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
$msg = ['name' => ['addr' => 'rebind3.test', 'port' => 9999], 'iov' => ["ping\n"]];
var_dump(socket_sendmsg($u, $msg, 0));
$r = [$u];
$w = $e = null;
socket_select($r, $w, $e, 2);
socket_recvfrom($u, $buf, 100, MSG_DONTWAIT, $from, $port);
echo "reply from $from:$port: ", rtrim($buf), "\n";
echo socket_test_dns($dns, '/ rebind3\.test type=1 /');
var_dump(socket_sendmsg($u, $msg, 0));
echo socket_test_catcher($mark);
?>
--EXPECTF--
int(5)
reply from 11.0.0.1:9999: HELLO 11.0.0.1 9999
dns: %s rebind3.test type=1 rcode=0 -> 11.0.0.1

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (private address 10.0.0.5) in %s on line %d
bool(false)
catcher: udp 11.0.0.1 9999 11.0.0.1
