--TEST--
pfsockopen(): port 25, directly or by wrap-around, is refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['11.0.0.1', 25], ['public.test', 65561], ['smtp.gmail.com', 25]] as [$host, $port]) {
    $f = pfsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: pfsockopen(): Unable to connect to 11.0.0.1:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: pfsockopen(): Unable to connect to public.test:65561 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: pfsockopen(): Unable to connect to smtp.gmail.com:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
catcher: nothing
