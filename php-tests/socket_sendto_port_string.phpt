--TEST--
socket_sendto(): a port given as a string is judged as the port ext/sockets uses
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
// TCP Fast Open: sendto() on an unconnected TCP socket connects it, so the
// catcher's TCP 25 listener would log a leak.
$t = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_sendto($t, "x", 1, 0x20000000 /* MSG_FASTOPEN */, '11.0.0.1', '25'));
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_sendto($u, "q", 1, 0, '8.8.8.8', '53'));
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (port 25 is blocked) in %s on line %d
bool(false)
int(1)
catcher: udp 8.8.8.8 53 8.8.8.8
