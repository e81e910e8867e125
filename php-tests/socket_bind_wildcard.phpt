--TEST--
socket_bind(): the wildcard address with port 0 is allowed (IPv4 and IPv6), and the socket still connects
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
foreach ([[AF_INET, '0.0.0.0', '11.0.0.1'], [AF_INET6, '::', '2400:cb00::10']] as [$domain, $any, $peer]) {
    $s = socket_create($domain, SOCK_STREAM, 0);
    var_dump(socket_bind($s, $any, 0));
    socket_getsockname($s, $addr, $port);
    echo "bound to $addr, ephemeral port: ", var_export($port > 0, true), "\n";
    var_dump(socket_connect($s, $peer, 80), socket_test_read($s));
}
$s = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_bind($s, '0.0.0.0'));
var_dump(socket_last_error());
echo socket_test_catcher($mark);
?>
--EXPECTF--
bool(true)
bound to 0.0.0.0, ephemeral port: true
bool(true)
string(17) "HELLO 11.0.0.1 80"
bool(true)
bound to ::, ephemeral port: true
bool(true)
string(22) "HELLO 2400:cb00::10 80"
bool(true)
int(0)
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 2400:cb00::10 80 2400:cb00::10
