--TEST--
socket_create()/socket_create_pair() before PHP 8.4: a type with the SOCK_NONBLOCK bit gets ext/sockets' own ValueError
--DESCRIPTION--
PHP 8.2's ext/sockets has no SOCK_NONBLOCK/SOCK_CLOEXEC and rejects a type above 10 with
its ValueError: the extension leaves such a call to it, for allowed and refused types
alike, and nothing is created. (PHP 8.4: socket_create_type_flags.phpt.)
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (defined('SOCK_NONBLOCK')) die('skip ext/sockets with SOCK_NONBLOCK (PHP 8.4 and later)');
?>
--FILE--
<?php
foreach ([[AF_INET, 2048 | SOCK_RAW, 1], [AF_INET, 2048 | SOCK_STREAM, 0]] as [$domain, $type, $proto]) {
    try {
        var_dump(socket_create($domain, $type, $proto));
    } catch (ValueError $e) {
        echo "socket_create($domain, $type): ", $e->getMessage(), "\n";
    }
}
try {
    $p = [];
    var_dump(socket_create_pair(AF_UNIX, 2048 | SOCK_STREAM, 0, $p));
} catch (ValueError $e) {
    echo 'socket_create_pair: ', $e->getMessage(), "\n";
}
var_dump(socket_last_error());
?>
--EXPECT--
socket_create(2, 2051): socket_create(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM
socket_create(2, 2049): socket_create(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM
socket_create_pair: socket_create_pair(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM
int(0)
