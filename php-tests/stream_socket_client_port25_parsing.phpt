--TEST--
stream_socket_client(): port texts PHP reads as 25 (wrap-around, sign, junk, space) are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// PHP reads the port with atoi() and narrows it to 16 bits: stock PHP
// connects each of these to port 25.
foreach (['11.0.0.1:65561', '11.0.0.1:-65511', '11.0.0.1:4294967321', '11.0.0.1:25abc', '11.0.0.1: 25', '11.0.0.1:+25', '[2400:cb00::10]:65561'] as $name) {
    $f = stream_socket_client("tcp://$name", $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:65561 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:-65511 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:4294967321 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:25abc (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1: 25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:+25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:65561 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
catcher: nothing
