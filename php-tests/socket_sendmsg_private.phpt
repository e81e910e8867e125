--TEST--
socket_sendmsg(): a refused ["name"] destination is never sent to
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$u4 = socket_create(AF_INET, SOCK_DGRAM, 0);
$u6 = socket_create(AF_INET6, SOCK_DGRAM, 0);
foreach ([[$u4, '10.0.0.5', 9999], [$u4, 'private.test', 9999], [$u4, '0x7f.1', 9999], [$u4, 167772165, 9999],
          [$u4, '8.8.8.8', 9999], [$u4, '11.0.0.1', 25], [$u6, '::ffff:10.0.0.5', 9999]] as [$u, $addr, $port]) {
    socket_clear_error();
    socket_clear_error($u);
    $r = socket_sendmsg($u, ['name' => ['addr' => $addr, 'port' => $port], 'iov' => ["leak\n"]], 0);
    echo "$addr:$port: ", var_export($r, true), ', socket error ', socket_last_error($u), ', last error ', socket_last_error(), "\n";
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (private address 10.0.0.5) in %s on line %d
10.0.0.5:9999: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (private address 10.0.0.5) in %s on line %d
private.test:9999: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
0x7f.1:9999: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (private address 10.0.0.5) in %s on line %d
167772165:9999: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
8.8.8.8:9999: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:25: false, socket error 13, last error 13

Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
::ffff:10.0.0.5:9999: false, socket error 13, last error 13
catcher: nothing
