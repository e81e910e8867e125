--TEST--
socket_get_option(): the mocked options report their documented defaults before any set
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$opts = [
    'SO_KEEPALIVE' => [SOL_SOCKET, SO_KEEPALIVE],
    'SO_DEBUG' => [SOL_SOCKET, SO_DEBUG],
    'TCP_NODELAY' => [SOL_TCP, TCP_NODELAY],
    'SO_OOBINLINE' => [SOL_SOCKET, SO_OOBINLINE],
    'SO_SNDBUF' => [SOL_SOCKET, SO_SNDBUF],
    'SO_RCVBUF' => [SOL_SOCKET, SO_RCVBUF],
    'SO_REUSEADDR' => [SOL_SOCKET, SO_REUSEADDR],
];
foreach ([[AF_INET, SOCK_STREAM], [AF_INET6, SOCK_DGRAM]] as [$domain, $type]) {
    $s = socket_create($domain, $type, 0);
    foreach ($opts as $name => [$level, $opt]) {
        echo "$name: ", var_export(socket_get_option($s, $level, $opt), true), "\n";
    }
    echo 'SO_LINGER (getopt): ', json_encode(socket_getopt($s, SOL_SOCKET, SO_LINGER)), "\n";
}
var_dump(socket_last_error());
?>
--EXPECT--
SO_KEEPALIVE: 0
SO_DEBUG: 0
TCP_NODELAY: 0
SO_OOBINLINE: 0
SO_SNDBUF: 16384
SO_RCVBUF: 131072
SO_REUSEADDR: 0
SO_LINGER (getopt): {"l_onoff":0,"l_linger":0}
SO_KEEPALIVE: 0
SO_DEBUG: 0
TCP_NODELAY: 0
SO_OOBINLINE: 0
SO_SNDBUF: 16384
SO_RCVBUF: 131072
SO_REUSEADDR: 0
SO_LINGER (getopt): {"l_onoff":0,"l_linger":0}
int(0)
