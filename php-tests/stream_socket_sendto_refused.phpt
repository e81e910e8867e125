--TEST--
stream_socket_sendto(): a datagram to a refused address is not sent
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
$mark = aes_log_mark();
// Stock PHP sends every one of these (127.1 and 11.0.0.1:65561 included).
foreach (['10.0.0.5:9999', 'private.test:9999', 'mixed.test:9999', '8.8.8.8:9999', '127.1:9999', '11.0.0.1:65561'] as $to) {
    var_dump(stream_socket_sendto($u, 'leak', 0, $to));
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_sendto(): Unable to send to 10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to private.test:9999 (private address 10.0.0.5) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to mixed.test:9999 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to 8.8.8.8:9999 (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to 127.1:9999 (loopback address 127.0.0.1) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to 11.0.0.1:65561 (port 25 is blocked) in %s on line %d
bool(false)
catcher: nothing
