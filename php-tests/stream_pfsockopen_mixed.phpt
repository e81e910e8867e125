--TEST--
pfsockopen(): a name with a public and a private address is refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['mixed.test', 'dual.test'] as $host) {
    $f = pfsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: pfsockopen(): Unable to connect to mixed.test:80 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"

Warning: pfsockopen(): Unable to connect to dual.test:80 (private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5"
catcher: nothing
