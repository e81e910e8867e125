--TEST--
stream_socket_client(): udp:// to private addresses is refused; no datagram is sent
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['udp://10.0.0.5:9999', 'udp://private.test:53', 'udp://192.168.7.7:53'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak'); // a UDP "connect" sends nothing: a stream here must show in the log
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to udp://10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to udp://private.test:53 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to udp://192.168.7.7:53 (private address 192.168.7.7) in %s on line %d
bool(false)
int(13)
string(27) "private address 192.168.7.7"
catcher: nothing
