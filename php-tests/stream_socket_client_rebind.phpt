--TEST--
stream_socket_client(): DNS rebinding: one lookup, and the connection goes to the checked address
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
// rebind2.test: 11.0.0.1 for the first A query after a reset, then 10.0.0.5.
aes_dns_reset();
$mark = aes_log_mark();
$f = stream_socket_client('tcp://rebind2.test:80', $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
echo 'peer: ', stream_socket_get_name($f, true), "\n";
echo 'rebind2.test now resolves to ', gethostbyname('rebind2.test'), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.1 80, errno 0, errstr ""
peer: 11.0.0.1:80
rebind2.test now resolves to 10.0.0.5
catcher: tcp 11.0.0.1 80 11.0.0.1
