--TEST--
socket_connect(): every C spelling of loopback, and a hosts-file name for it, is refused
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// The catcher listens on 0.0.0.0 too: a leak to 127.0.0.1 would be logged.
$mark = socket_test_mark();
foreach (['127.1', '0x7f.1', '2130706433', '0177.0.0.1', '127.0.0.1', 'loop.test', 'localhost'] as $host) {
    socket_test_connect(AF_INET, $host, 80);
}
socket_test_connect(AF_INET6, '::1', 80);
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
127.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
0x7f.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
2130706433:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
0177.0.0.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
127.0.0.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address 127.0.0.1) in %s on line %d
loop.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address %s; localhost resolves to %s) in %s on line %d
localhost:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (loopback address ::1) in %s on line %d
::1:80: false, socket error 13, last error 13
catcher: nothing
