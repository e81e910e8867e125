--TEST--
stream_socket_client(): public IPv6 destinations (literal, hosts file, DNS AAAA, UDP) connect
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://[2400:cb00::10]:80', 'tcp://v6.test:80', 'tcp://dnsv6.test:8080'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
$u = stream_socket_client('udp://[2400:cb00::11]:9999', $errno, $errstr, 2);
var_dump(fwrite($u, 'hi'));
echo aes_banner($u), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 2400:cb00::10 80, errno 0, errstr ""
stream: HELLO 2400:cb00::10 80, errno 0, errstr ""
stream: HELLO 2400:cb00::11 8080, errno 0, errstr ""
int(2)
HELLO 2400:cb00::11 9999
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::11 8080 2400:cb00::11
catcher: udp 2400:cb00::11 9999 2400:cb00::11
