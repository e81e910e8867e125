--TEST--
socket_connect(): a refusal leaves the socket unconnected and usable for an allowed destination
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_connect($s, '10.0.0.5', 80));
var_dump(@socket_getpeername($s, $peer), socket_strerror(socket_last_error($s)));
socket_clear_error($s);
var_dump(socket_connect($s, '11.0.0.1', 80), socket_test_read($s), socket_last_error($s));
socket_getpeername($s, $peer, $port);
echo "peer: $peer:$port\n";
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
bool(false)
bool(false)
string(35) "Transport endpoint is not connected"
bool(true)
string(17) "HELLO 11.0.0.1 80"
int(0)
peer: 11.0.0.1:80
catcher: tcp 11.0.0.1 80 11.0.0.1
