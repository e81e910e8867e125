--TEST--
socket_sendto(): datagrams to private, loopback and mapped addresses are refused and never sent
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// The catcher listens on UDP 9999 on every address: a leak would be logged.
$mark = socket_test_mark();
$u4 = socket_create(AF_INET, SOCK_DGRAM, 0);
$u6 = socket_create(AF_INET6, SOCK_DGRAM, 0);
foreach ([[$u4, '10.0.0.5'], [$u4, '192.168.7.7'], [$u4, '127.1'], [$u4, 'private.test'],
          [$u6, '::ffff:10.0.0.5'], [$u6, 'mapped.test'], [$u6, 'fd00::5']] as [$u, $host]) {
    socket_clear_error();
    socket_clear_error($u);
    $r = socket_sendto($u, "leak\n", 5, 0, $host, 9999);
    echo "$host: ", var_export($r, true), ', socket error ', socket_last_error($u), ', last error ', socket_last_error(), "\n";
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address 10.0.0.5) in %s on line %d
10.0.0.5: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address 192.168.7.7) in %s on line %d
192.168.7.7: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
127.1: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address 10.0.0.5) in %s on line %d
private.test: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
::ffff:10.0.0.5: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
mapped.test: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address fd00::5) in %s on line %d
fd00::5: false, socket error 13, last error 13
catcher: nothing
