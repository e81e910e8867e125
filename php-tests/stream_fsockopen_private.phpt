--TEST--
fsockopen(): RFC 1918 private addresses, literal or by name, are refused and never reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['10.0.0.5', 80], ['private.test', 80], ['192.168.7.7', 80], ['172.16.1.1', 8080]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to private.test:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 192.168.7.7:80 (private address 192.168.7.7) in %s on line %d
false, errno 13, errstr "private address 192.168.7.7"

Warning: fsockopen(): Unable to connect to 172.16.1.1:8080 (private address 172.16.1.1) in %s on line %d
false, errno 13, errstr "private address 172.16.1.1"
catcher: nothing
