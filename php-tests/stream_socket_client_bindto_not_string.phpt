--TEST--
stream_socket_client(): a non-string socket.bindto gets PHP's own error, as in stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$ctx = stream_context_create(['socket' => ['bindto' => 5]]);
$f = stream_socket_client('tcp://11.0.0.1:80', $errno, $errstr, 2, STREAM_CLIENT_CONNECT, $ctx);
aes_result($f, $errno, $errstr);
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (local_addr context option is not a string.) in %s on line %d
false, errno 0, errstr "local_addr context option is not a string."
catcher: nothing
