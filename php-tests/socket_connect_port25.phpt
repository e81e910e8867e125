--TEST--
socket_connect(): port 25 is refused for every destination, including ports that wrap around to 25
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// The catcher listens on TCP 25: a leak would be logged.
$mark = socket_test_mark();
socket_test_connect(AF_INET, '11.0.0.1', 25);
socket_test_connect(AF_INET, 'public.test', 25);
socket_test_connect(AF_INET, '11.0.0.1', 65561);   // 65536 + 25: ext/sockets uses it as port 25
socket_test_connect(AF_INET, '11.0.0.1', 131097);  // 2 * 65536 + 25
socket_test_connect(AF_INET6, 'v6.test', 25);
socket_test_connect(AF_INET, 'smtp.gmail.com', 25);
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:25: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
public.test:25: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:65561: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:131097: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
v6.test:25: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
smtp.gmail.com:25: false, socket error 13, last error 13
catcher: nothing
