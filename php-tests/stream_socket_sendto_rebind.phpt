--TEST--
stream_socket_sendto(): DNS rebinding: the destination name is resolved once, the checked address receives
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://11.0.0.2:9999', $errno, $errstr, 2);
aes_dns_reset();
$mark = aes_log_mark();
var_dump(stream_socket_sendto($u, 'hi', 0, 'rebind4.test:9999'));
echo 'rebind4.test now resolves to ', gethostbyname('rebind4.test'), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
int(2)
rebind4.test now resolves to 10.0.0.5
catcher: udp 11.0.0.1 9999 11.0.0.2
