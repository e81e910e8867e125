--TEST--
pfsockopen(): a public destination connects once and the persistent stream is reused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$a = pfsockopen('public2.test', 80, $errno, $errstr, 2);
aes_result($a, $errno, $errstr);
$b = pfsockopen('public2.test', 80, $errno, $errstr, 2);
var_dump(get_resource_type($b), $a === $b);
fwrite($b, "again\n");
var_dump(fgets($b));
echo aes_connections($mark);
?>
--EXPECTF--
persistent stream: HELLO 11.0.0.2 80, errno 0, errstr ""
string(17) "persistent stream"
bool(true)
string(6) "again
"
catcher: tcp 11.0.0.2 80 11.0.0.2
