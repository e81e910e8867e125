--TEST--
stream_socket_client(): IPv6 forms that carry an IPv4 address are judged by that IPv4 address
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// mapped.test has the single AAAA record ::ffff:10.0.0.5.
foreach (['tcp://[::ffff:10.0.0.5]:80', 'tcp://mapped.test:80', 'tcp://[::ffff:127.0.0.1]:80', 'tcp://[64:ff9b::a00:5]:80', 'tcp://[::ffff:11.0.0.1]:80'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://[::ffff:10.0.0.5]:80 (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://mapped.test:80 (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://[::ffff:127.0.0.1]:80 (IPv4-mapped address ::ffff:127.0.0.1 carries loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "IPv4-mapped address ::ffff:127.0.0.1 carries loopback address 127.0.0.1"

Warning: stream_socket_client(): Unable to connect to tcp://[64:ff9b::a00:5]:80 (NAT64 address 64:ff9b::a00:5 carries private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "NAT64 address 64:ff9b::a00:5 carries private address 10.0.0.5"
stream: HELLO 11.0.0.1 80, errno 0, errstr ""
catcher: tcp 11.0.0.1 80 11.0.0.1
