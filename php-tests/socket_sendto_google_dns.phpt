--TEST--
socket_sendto(): Google Public DNS is whitelisted on UDP port 53 only
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$u4 = socket_create(AF_INET, SOCK_DGRAM, 0);
$u6 = socket_create(AF_INET6, SOCK_DGRAM, 0);
foreach ([[$u4, '8.8.8.8', 53], [$u4, '8.8.4.4', 53], [$u6, '2001:4860:4860::8888', 53],
          [$u4, '8.8.8.8', 9999], [$u6, '2001:4860:4860::8888', 9999]] as [$u, $host, $port]) {
    socket_clear_error();
    $sent = socket_sendto($u, "q", 1, 0, $host, $port);
    echo "$host:$port: sent ", var_export($sent, true), ', last error ', socket_last_error();
    if ($sent !== false) {
        $r = [$u];
        $w = $e = null;
        socket_select($r, $w, $e, 2);
        socket_recvfrom($u, $buf, 100, MSG_DONTWAIT, $from, $p);
        echo ", reply from $from:$p: ", rtrim($buf);
    }
    echo "\n";
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
8.8.8.8:53: sent 1, last error 0, reply from 8.8.8.8:53: HELLO 8.8.8.8 53
8.8.4.4:53: sent 1, last error 0, reply from 8.8.4.4:53: HELLO 8.8.4.4 53
2001:4860:4860::8888:53: sent 1, last error 0, reply from 2001:4860:4860::8888:53: HELLO 2001:4860:4860::8888 53

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
8.8.8.8:9999: sent false, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (Google address 2001:4860:4860::8888 (Google APIs and services ranges)) in %s on line %d
2001:4860:4860::8888:9999: sent false, last error 13
catcher: udp 2001:4860:4860::8888 53 2001:4860:4860::8888
catcher: udp 8.8.4.4 53 8.8.4.4
catcher: udp 8.8.8.8 53 8.8.8.8
