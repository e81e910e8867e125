--TEST--
stream_socket_client(): every C-library spelling of 127.0.0.1 (and 0) is judged as the address it means
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Stock PHP connects every one of these to the catcher on 127.0.0.1:80
// ("0" is 0.0.0.0, which Linux connects to the local host).
foreach (['127.1', '0x7f.1', '0177.0.0.1', '2130706433', '0x7f000001', '0'] as $host) {
    $f = stream_socket_client("tcp://$host:80", $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://127.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://0x7f.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://0177.0.0.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://2130706433:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://0x7f000001:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://0:80 (unspecified address 0.0.0.0) in %s on line %d
false, errno 13, errstr "unspecified address 0.0.0.0"
catcher: nothing
