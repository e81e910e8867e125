--TEST--
fsockopen(): Google Public DNS is whitelisted on port 53, over TCP and UDP, IPv4 and IPv6
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$f = fsockopen('8.8.8.8', 53, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
$f = fsockopen('[2001:4860:4860::8888]', 53, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
$u = fsockopen('udp://8.8.4.4', 53, $errno, $errstr, 2);
var_dump(get_resource_type($u), $errno, $errstr, fwrite($u, "query"));
echo aes_banner($u), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 8.8.8.8 53, errno 0, errstr ""
stream: HELLO 2001:4860:4860::8888 53, errno 0, errstr ""
string(6) "stream"
int(0)
string(0) ""
int(5)
HELLO 8.8.4.4 53
catcher: tcp 2001:4860:4860::8888 53 2001:4860:4860::8888
catcher: tcp 8.8.8.8 53 8.8.8.8
catcher: udp 8.8.4.4 53 8.8.4.4
