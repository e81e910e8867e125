--TEST--
socket_set_option()/socket_setopt(): mocked options return true and read back what Linux reports for the value set (flags 1, buffer sizes doubled)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$s = socket_create(AF_INET, SOCK_STREAM, 0);
$set = [
    'SO_KEEPALIVE' => [SOL_SOCKET, SO_KEEPALIVE, 1],
    'SO_DEBUG' => [SOL_SOCKET, SO_DEBUG, 1],
    'TCP_NODELAY' => [SOL_TCP, TCP_NODELAY, 1],
    'SO_OOBINLINE' => [SOL_SOCKET, SO_OOBINLINE, 1],
    'SO_SNDBUF' => [SOL_SOCKET, SO_SNDBUF, 65536],
    'SO_RCVBUF' => [SOL_SOCKET, SO_RCVBUF, 4096],
    'SO_REUSEADDR' => [SOL_SOCKET, SO_REUSEADDR, 1],
];
foreach ($set as $name => [$level, $opt, $value]) {
    echo "$name: set ", var_export(socket_set_option($s, $level, $opt, $value), true),
        ', get ', var_export(socket_get_option($s, $level, $opt), true), "\n";
}
// The aliases, and a second set overriding the first.
var_dump(socket_setopt($s, SOL_TCP, TCP_NODELAY, 0), socket_getopt($s, SOL_TCP, TCP_NODELAY));
var_dump(socket_setopt($s, SOL_SOCKET, SO_SNDBUF, 8192), socket_get_option($s, SOL_SOCKET, SO_SNDBUF));
// Still connects normally.
var_dump(socket_connect($s, '11.0.0.1', 80), socket_last_error($s), socket_last_error());
?>
--EXPECT--
SO_KEEPALIVE: set true, get 1
SO_DEBUG: set true, get 1
TCP_NODELAY: set true, get 1
SO_OOBINLINE: set true, get 1
SO_SNDBUF: set true, get 131072
SO_RCVBUF: set true, get 8192
SO_REUSEADDR: set true, get 1
bool(true)
int(0)
bool(true)
int(16384)
bool(true)
int(0)
int(0)
