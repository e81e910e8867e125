--TEST--
stream_socket_server(): unix:// and udg:// servers are refused and no socket file is created
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$path = sys_get_temp_dir() . '/aes-phpt-server-' . getmypid() . '.sock';
@unlink($path);
foreach ([['unix', STREAM_SERVER_BIND | STREAM_SERVER_LISTEN], ['udg', STREAM_SERVER_BIND]] as [$scheme, $flags]) {
    $s = stream_socket_server("$scheme://$path", $errno, $errstr, $flags);
    var_dump($s, $errno, $errstr, file_exists($path));
    @unlink($path);
}
?>
--EXPECTF--
Warning: stream_socket_server(): Unable to connect to unix://%s/aes-phpt-server-%d.sock (%r(listening sockets are not allowed|unix sockets are not allowed, only outbound TCP and UDP)%r) in %s on line %d
bool(false)
int(13)
string(%d) "%r(listening sockets are not allowed|unix sockets are not allowed, only outbound TCP and UDP)%r"
bool(false)

Warning: stream_socket_server(): Unable to connect to udg://%s/aes-phpt-server-%d.sock (%r(listening sockets are not allowed|udg sockets are not allowed, only outbound TCP and UDP)%r) in %s on line %d
bool(false)
int(13)
string(%d) "%r(listening sockets are not allowed|udg sockets are not allowed, only outbound TCP and UDP)%r"
bool(false)
