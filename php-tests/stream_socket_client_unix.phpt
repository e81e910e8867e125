--TEST--
stream_socket_client(): unix:// and udg:// transports are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
// Stock PHP would try the path and fail with ENOENT (2); the refusal comes first.
foreach (['unix:///tmp/aes-phpt-nonexistent.sock', 'udg:///tmp/aes-phpt-nonexistent.sock'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to unix:///tmp/aes-phpt-nonexistent.sock (unix sockets are not allowed, only outbound TCP and UDP) in %s on line %d
false, errno 13, errstr "unix sockets are not allowed, only outbound TCP and UDP"

Warning: stream_socket_client(): Unable to connect to udg:///tmp/aes-phpt-nonexistent.sock (udg sockets are not allowed, only outbound TCP and UDP) in %s on line %d
false, errno 13, errstr "udg sockets are not allowed, only outbound TCP and UDP"
