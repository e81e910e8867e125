--TEST--
fsockopen(): ssl:// and tls:// to a private address are refused before any TCP connection
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['ssl://10.0.0.5', 443], ['tls://private.test', 8443]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to ssl://10.0.0.5:443 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to tls://private.test:8443 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
catcher: nothing
