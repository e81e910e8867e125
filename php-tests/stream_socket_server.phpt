--TEST--
stream_socket_server(): listening sockets are refused (TCP and UDP); nothing listens afterwards
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
foreach ([['tcp://0.0.0.0:8000', STREAM_SERVER_BIND | STREAM_SERVER_LISTEN], ['tcp://[::]:8000', STREAM_SERVER_BIND | STREAM_SERVER_LISTEN],
          ['tcp://11.0.0.1:8000', STREAM_SERVER_BIND | STREAM_SERVER_LISTEN], ['udp://0.0.0.0:8000', STREAM_SERVER_BIND]] as [$local, $flags]) {
    $s = stream_socket_server($local, $errno, $errstr, $flags);
    var_dump($s, $errno, $errstr);
}
// Had the first server been made, this connection would reach it.
$f = stream_socket_client('tcp://11.0.0.1:8000', $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
?>
--EXPECTF--
Warning: stream_socket_server(): Unable to connect to tcp://0.0.0.0:8000 (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
string(33) "listening sockets are not allowed"

Warning: stream_socket_server(): Unable to connect to tcp://[::]:8000 (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
string(33) "listening sockets are not allowed"

Warning: stream_socket_server(): Unable to connect to tcp://11.0.0.1:8000 (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
string(33) "listening sockets are not allowed"

Warning: stream_socket_server(): Unable to connect to udp://0.0.0.0:8000 (listening sockets are not allowed) in %s on line %d
bool(false)
int(13)
string(33) "listening sockets are not allowed"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:8000 (Connection refused) in %s on line %d
false, errno 111, errstr "Connection refused"
