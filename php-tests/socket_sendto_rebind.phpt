--TEST--
socket_sendto(): DNS rebinding: the datagram goes to the address that was checked
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// rebind2.test: first A query 11.0.0.1, later ones 10.0.0.5.
socket_test_dns_reset();
$mark = socket_test_mark();
$dns = socket_test_mark('AES_NETNS_DNS_LOG');
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_sendto($u, "ping\n", 5, 0, 'rebind2.test', 9999));
$r = [$u];
$w = $e = null;
socket_select($r, $w, $e, 2);
socket_recvfrom($u, $buf, 100, MSG_DONTWAIT, $from, $port);
echo "reply from $from:$port: ", rtrim($buf), "\n";
echo socket_test_dns($dns, '/ rebind2\.test type=1 /');
var_dump(socket_sendto($u, "ping\n", 5, 0, 'rebind2.test', 9999), socket_last_error($u));
echo socket_test_catcher($mark);
?>
--EXPECTF--
int(5)
reply from 11.0.0.1:9999: HELLO 11.0.0.1 9999
dns: %s rebind2.test type=1 rcode=0 -> 11.0.0.1

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
catcher: udp 11.0.0.1 9999 11.0.0.1
