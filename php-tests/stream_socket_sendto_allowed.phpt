--TEST--
stream_socket_sendto(): datagrams to allowed addresses, and to the connected peer, are sent
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
$mark = aes_log_mark();
foreach (['11.0.0.2:9999', 'dnspublic.test:53', '8.8.8.8:53'] as $to) {
    var_dump(stream_socket_sendto($u, 'hi', 0, $to));
}
var_dump(stream_socket_sendto($u, 'hi'));
echo aes_banner($u), "\n"; // only the connected peer's reply is delivered
echo aes_connections($mark);
?>
--EXPECTF--
int(2)
int(2)
int(2)
int(2)
HELLO 11.0.0.1 9999
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.2 53 11.0.0.1
catcher: udp 11.0.0.2 9999 11.0.0.1
catcher: udp 8.8.8.8 53 11.0.0.1
