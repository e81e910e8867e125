--TEST--
stream_socket_client(): port 25 is refused over tcp://, udp:// and ssl://, whitelisted names included
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://11.0.0.1:25', 'udp://11.0.0.1:25', 'ssl://tls.test:25', 'tcp://smtp.gmail.com:25', 'tcp://8.8.8.8:25'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to udp://11.0.0.1:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to ssl://tls.test:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://smtp.gmail.com:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: stream_socket_client(): Unable to connect to tcp://8.8.8.8:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
catcher: nothing
