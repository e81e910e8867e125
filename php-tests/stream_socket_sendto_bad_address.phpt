--TEST--
stream_socket_sendto(): an address without a port gets PHP's own parse warning, as in stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
$mark = aes_log_mark();
foreach (['nohost', '10.0.0.5'] as $to) {
    var_dump(stream_socket_sendto($u, 'hi', 0, $to));
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_sendto(): Failed to parse `nohost' into a valid network address in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Failed to parse `10.0.0.5' into a valid network address in %s on line %d
bool(false)
catcher: nothing
