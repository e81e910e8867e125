--TEST--
fsockopen(): a name with a public and a private address is refused as a whole
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// mixed.test: two A records from tests/netns/dns.py; dual.test: two lines in
// tests/netns/hosts. Stock PHP connects to the first address, 11.0.0.1.
foreach (['mixed.test', 'dual.test'] as $host) {
    $f = fsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to mixed.test:80 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"

Warning: fsockopen(): Unable to connect to dual.test:80 (private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5"
catcher: nothing
