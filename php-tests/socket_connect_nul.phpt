--TEST--
socket_connect(): an address with a NUL byte is refused (ext/sockets would read only up to the NUL)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET, "11.0.0.1\0.evil", 80);
socket_test_connect(AF_INET, "10.0.0.5\0", 80);
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (address contains a NUL byte) in %s on line %d
11.0.0.1%0.evil:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (address contains a NUL byte) in %s on line %d
10.0.0.5%0:80: false, socket error 13, last error 13
catcher: nothing
