--TEST--
fsockopen(): public IPv6 destinations, literal or by name, connect as in stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['[2400:cb00::10]', 'v6.test', 'dnsv6.test'] as $host) {
    $f = fsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 2400:cb00::10 80, errno 0, errstr ""
stream: HELLO 2400:cb00::10 80, errno 0, errstr ""
stream: HELLO 2400:cb00::11 80, errno 0, errstr ""
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::11 80 2400:cb00::11
