--TEST--
stream_socket_client(): Google Public DNS on port 53 is whitelisted (TCP, UDP, IPv6, IPv4-mapped)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['udp://8.8.8.8:53', 'udp://[2001:4860:4860::8888]:53'] as $target) {
    $u = stream_socket_client($target, $errno, $errstr, 2);
    var_dump(get_resource_type($u), $errno, $errstr, fwrite($u, 'query'));
    echo aes_banner($u), "\n";
}
foreach (['tcp://8.8.4.4:53', 'tcp://[::ffff:8.8.8.8]:53'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
string(6) "stream"
int(0)
string(0) ""
int(5)
HELLO 8.8.8.8 53
string(6) "stream"
int(0)
string(0) ""
int(5)
HELLO 2001:4860:4860::8888 53
stream: HELLO 8.8.4.4 53, errno 0, errstr ""
stream: HELLO 8.8.8.8 53, errno 0, errstr ""
catcher: tcp 8.8.4.4 53 8.8.4.4
catcher: tcp 8.8.8.8 53 8.8.8.8
catcher: udp 2001:4860:4860::8888 53 2001:4860:4860::8888
catcher: udp 8.8.8.8 53 8.8.8.8
