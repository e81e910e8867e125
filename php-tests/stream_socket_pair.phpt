--TEST--
stream_socket_pair(): socket pairs are refused with PHP's own warning format and errno 13
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
var_dump(stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP));
var_dump(stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_DGRAM, 0));
?>
--EXPECTF--
Warning: stream_socket_pair(): Failed to create sockets: [13]: Permission denied (socket pairs are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)

Warning: stream_socket_pair(): Failed to create sockets: [13]: Permission denied (socket pairs are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
