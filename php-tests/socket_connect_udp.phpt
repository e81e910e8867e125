--TEST--
socket_connect(): a UDP socket's connect is judged too; a refused one stays unconnected and sends nothing
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_connect($u, '10.0.0.5', 9999), socket_last_error($u));
socket_clear_error($u);
// Not connected: a plain write has no destination.
var_dump(@socket_write($u, "leak\n"), socket_strerror(socket_last_error($u)));
var_dump(socket_connect($u, 'public.test', 9999));
var_dump(socket_write($u, "ping\n"), socket_test_read($u));
$u6 = socket_create(AF_INET6, SOCK_DGRAM, 0);
var_dump(socket_connect($u6, 'mapped.test', 9999), socket_last_error($u6));
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
bool(false)
string(28) "Destination address required"
bool(true)
int(5)
string(19) "HELLO 11.0.0.1 9999"

Warning: socket_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
catcher: udp 11.0.0.1 9999 11.0.0.1
