--TEST--
stream_socket_client(): RFC 1918 private addresses are refused, with or without tcp://
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://10.0.0.5:80', 'tcp://private.test:80', '10.0.0.5:80', 'tcp://192.168.7.7:80', 'tcp://172.16.1.1:8080'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://private.test:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://192.168.7.7:80 (private address 192.168.7.7) in %s on line %d
false, errno 13, errstr "private address 192.168.7.7"

Warning: stream_socket_client(): Unable to connect to tcp://172.16.1.1:8080 (private address 172.16.1.1) in %s on line %d
false, errno 13, errstr "private address 172.16.1.1"
catcher: nothing
