--TEST--
fsockopen(): a port that wraps around to 25 (65561, 131097) is refused as port 25
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// PHP narrows the port to 16 bits: stock PHP connects these to port 25.
foreach ([['11.0.0.1', 65561], ['public.test', 131097]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 11.0.0.1:65561 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: fsockopen(): Unable to connect to public.test:131097 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
catcher: nothing
