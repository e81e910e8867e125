--TEST--
socket_connect(): Google's ranges are refused, except Google Public DNS on port 53
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET, '8.8.8.8', 80);
socket_test_connect(AF_INET, '8.8.4.4', 8080);
socket_test_connect(AF_INET6, '2001:4860:4860::8888', 80);
socket_test_connect(AF_INET, '8.8.8.8', 53);
socket_test_connect(AF_INET6, '2001:4860:4860::8888', 53);
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
8.8.8.8:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
8.8.4.4:8080: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 2001:4860:4860::8888 (Google APIs and services ranges)) in %s on line %d
2001:4860:4860::8888:80: false, socket error 13, last error 13
8.8.8.8:53: true, 'HELLO 8.8.8.8 53', socket error 0, last error 0
2001:4860:4860::8888:53: true, 'HELLO 2001:4860:4860::8888 53', socket error 0, last error 0
catcher: tcp 2001:4860:4860::8888 53 2001:4860:4860::8888
catcher: tcp 8.8.8.8 53 8.8.8.8
