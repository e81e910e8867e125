--TEST--
fsockopen(): every C-library spelling of 10.0.0.5 is judged as 10.0.0.5 and refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// inet_aton forms: short dotted, hex, octal, one 32-bit number. Stock PHP
// connects to 10.0.0.5 with each of them.
foreach (['10.5', '10.0.5', '0xa.0.0.5', '012.0.0.5', '167772165', '0xa000005'] as $host) {
    $f = fsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 10.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 10.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 0xa.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 012.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 167772165:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to 0xa000005:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
catcher: nothing
