--TEST--
socket_connect(): public IPv4 addresses and names connect normally
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
socket_test_connect(AF_INET, '11.0.0.1', 80);
socket_test_connect(AF_INET, 'public.test', 8080);
socket_test_connect(AF_INET, 'dnspublic.test', 80);  // DNS: 11.0.0.2
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(socket_connect($s, 'public2.test', 80));
socket_test_read($s);
var_dump(socket_write($s, "ping\n"), socket_test_read($s));
echo socket_test_catcher($mark);
?>
--EXPECT--
11.0.0.1:80: true, 'HELLO 11.0.0.1 80', socket error 0, last error 0
public.test:8080: true, 'HELLO 11.0.0.1 8080', socket error 0, last error 0
dnspublic.test:80: true, 'HELLO 11.0.0.2 80', socket error 0, last error 0
bool(true)
int(5)
string(4) "ping"
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
