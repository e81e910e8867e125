--TEST--
pfsockopen(): loopback and link-local addresses are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['127.1', 'loop.test', '169.254.1.1'] as $host) {
    $f = pfsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: pfsockopen(): Unable to connect to 127.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: pfsockopen(): Unable to connect to loop.test:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: pfsockopen(): Unable to connect to 169.254.1.1:80 (link-local address 169.254.1.1) in %s on line %d
false, errno 13, errstr "link-local address 169.254.1.1"
catcher: nothing
