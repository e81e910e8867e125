--TEST--
socket_connect(): a port given as a string or float is judged as the port ext/sockets uses ('25' is port 25)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// The catcher listens on TCP 25: a leak would be logged.
$mark = socket_test_mark();
foreach (['25', 25.0, ' 25'] as $port) {
    $s = socket_create(AF_INET, SOCK_STREAM, 0);
    $ok = socket_connect($s, '11.0.0.1', $port);
    echo var_export($port, true), ': ', var_export($ok, true), ', socket error ', socket_last_error($s), "\n";
}
// Google Public DNS with the port as a string is still whitelisted.
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_connect($s, '8.8.8.8', '53'));
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
'25': false, socket error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
25.0: false, socket error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
' 25': false, socket error 13
bool(true)
catcher: tcp 8.8.8.8 53 8.8.8.8
