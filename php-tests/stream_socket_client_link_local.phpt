--TEST--
stream_socket_client(): link-local addresses (the metadata server's included) are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://169.254.1.1:80', 'tcp://169.254.169.254:80', 'tcp://[fe80::1%lo]:80'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://169.254.1.1:80 (link-local address 169.254.1.1) in %s on line %d
false, errno 13, errstr "link-local address 169.254.1.1"

Warning: stream_socket_client(): Unable to connect to tcp://169.254.169.254:80 (link-local address 169.254.169.254) in %s on line %d
false, errno 13, errstr "link-local address 169.254.169.254"

Warning: stream_socket_client(): Unable to connect to tcp://[fe80::1%lo]:80 (link-local address fe80::1) in %s on line %d
false, errno 13, errstr "link-local address fe80::1"
catcher: nothing
