--TEST--
socket_create(): invalid domain and type still throw ext/sockets' own ValueError
--DESCRIPTION--
The message is ext/sockets' own, so it is the running PHP's: PHP 8.4's adds that the type
may carry SOCK_CLOEXEC and SOCK_NONBLOCK, PHP 8.5's names AF_PACKET among the domains.
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([[99, SOCK_STREAM], [AF_INET, 99]] as [$domain, $type]) {
    try {
        var_dump(socket_create($domain, $type, 0));
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(socket_last_error());
?>
--EXPECTF--
ValueError: socket_create(): Argument #1 ($domain) must be one of AF_UNIX, %r(AF_PACKET, )?%rAF_INET6, or AF_INET
ValueError: socket_create(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM%r( optionally OR'ed with SOCK_CLOEXEC, SOCK_NONBLOCK)?%r
int(0)
