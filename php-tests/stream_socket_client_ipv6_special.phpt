--TEST--
stream_socket_client(): special-purpose IPv6 addresses (ULA, loopback, unspecified) are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Stock PHP reaches the catcher with each of these ([::] means the local host).
foreach (['tcp://[fd00::5]:80', 'tcp://[::1]:80', 'tcp://[::]:80'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://[fd00::5]:80 (private address fd00::5) in %s on line %d
false, errno 13, errstr "private address fd00::5"

Warning: stream_socket_client(): Unable to connect to tcp://[::1]:80 (loopback address ::1) in %s on line %d
false, errno 13, errstr "loopback address ::1"

Warning: stream_socket_client(): Unable to connect to tcp://[::]:80 (unspecified address ::) in %s on line %d
false, errno 13, errstr "unspecified address ::"
catcher: nothing
