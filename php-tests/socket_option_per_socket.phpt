--TEST--
socket_set_option(): remembered values belong to one socket; a new socket (even reusing the object handle) starts from the defaults
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$a = socket_create(AF_INET, SOCK_STREAM, 0);
$b = socket_create(AF_INET, SOCK_STREAM, 0);
socket_set_option($a, SOL_SOCKET, SO_RCVBUF, 4096);
socket_set_option($a, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 9]);
socket_set_option($b, SOL_SOCKET, SO_KEEPALIVE, 1);
echo 'a: ', socket_get_option($a, SOL_SOCKET, SO_RCVBUF), ' ', socket_get_option($a, SOL_SOCKET, SO_KEEPALIVE),
    ' ', json_encode(socket_get_option($a, SOL_SOCKET, SO_LINGER)), "\n";
echo 'b: ', socket_get_option($b, SOL_SOCKET, SO_RCVBUF), ' ', socket_get_option($b, SOL_SOCKET, SO_KEEPALIVE),
    ' ', json_encode(socket_get_option($b, SOL_SOCKET, SO_LINGER)), "\n";
// Free $a: its object handle is reused by the next object created.
$handle = spl_object_id($a);
socket_close($a);
unset($a);
$c = socket_create(AF_INET, SOCK_STREAM, 0);
echo 'c reuses the handle: ', var_export(spl_object_id($c) === $handle, true), "\n";
echo 'c: ', socket_get_option($c, SOL_SOCKET, SO_RCVBUF), ' ', json_encode(socket_get_option($c, SOL_SOCKET, SO_LINGER)), "\n";
// The same through socket_import_stream() and socket_addrinfo_connect().
socket_set_option($c, SOL_SOCKET, SO_SNDBUF, 1234);
$handle = spl_object_id($c);
unset($c);
$d = socket_import_stream(stream_socket_client('udp://11.0.0.1:9999'));
echo 'd reuses the handle: ', var_export(spl_object_id($d) === $handle, true), ', SO_SNDBUF ', socket_get_option($d, SOL_SOCKET, SO_SNDBUF), "\n";
$ai = socket_addrinfo_lookup('11.0.0.1', '9999', ['ai_family' => AF_INET, 'ai_socktype' => SOCK_DGRAM]);
socket_set_option($d, SOL_SOCKET, SO_SNDBUF, 4321);
$handle = spl_object_id($d);
unset($d);
$e = socket_addrinfo_connect($ai[0]);
echo 'e reuses the handle: ', var_export(spl_object_id($e) === $handle, true), ', SO_SNDBUF ', socket_get_option($e, SOL_SOCKET, SO_SNDBUF), "\n";
?>
--EXPECT--
a: 8192 0 {"l_onoff":1,"l_linger":9}
b: 131072 1 {"l_onoff":0,"l_linger":0}
c reuses the handle: true
c: 131072 {"l_onoff":0,"l_linger":0}
d reuses the handle: true, SO_SNDBUF 16384
e reuses the handle: true, SO_SNDBUF 16384
