--TEST--
socket_sendto(): UDP round trips to public addresses and names (IPv4 and IPv6)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$u4 = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$u6 = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP);
foreach ([[$u4, '11.0.0.1'], [$u4, 'public2.test'], [$u6, 'v6.test'], [$u6, '2400:cb00::11']] as [$u, $host]) {
    $sent = socket_sendto($u, "ping\n", 5, 0, $host, 9999);
    $r = [$u];
    $w = $e = null;
    socket_select($r, $w, $e, 2);
    $got = socket_recvfrom($u, $buf, 100, MSG_DONTWAIT, $from, $port);
    echo "$host: sent $sent, got $got from $from:$port: ", rtrim($buf), "\n";
}
echo socket_test_catcher($mark);
?>
--EXPECT--
11.0.0.1: sent 5, got 20 from 11.0.0.1:9999: HELLO 11.0.0.1 9999
public2.test: sent 5, got 20 from 11.0.0.2:9999: HELLO 11.0.0.2 9999
v6.test: sent 5, got 25 from 2400:cb00::10:9999: HELLO 2400:cb00::10 9999
2400:cb00::11: sent 5, got 25 from 2400:cb00::11:9999: HELLO 2400:cb00::11 9999
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.2 9999 11.0.0.2
catcher: udp 2400:cb00::10 9999 2400:cb00::10
catcher: udp 2400:cb00::11 9999 2400:cb00::11
