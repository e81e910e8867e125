--TEST--
socket_sendmsg(): ["name"]["port"] is judged as the number ext/sockets converts it to ('2.5e1' is port 25)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
// TCP Fast Open: sendmsg() on an unconnected TCP socket connects it to
// ["name"], so the catcher's TCP 25 listener would log a leak.
$t = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_sendmsg($t, ['name' => ['addr' => '11.0.0.1', 'port' => '2.5e1'], 'iov' => ["x"]], 0x20000000 /* MSG_FASTOPEN */));
// '9.999e3' is port 9999 for ext/sockets: allowed, and answered.
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_sendmsg($u, ['name' => ['addr' => '11.0.0.1', 'port' => '9.999e3'], 'iov' => ["x"]], 0));
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_sendmsg(): Error in sendmsg [13]: Permission denied (port 25 is blocked) in %s on line %d
bool(false)
int(1)
catcher: udp 11.0.0.1 9999 11.0.0.1
