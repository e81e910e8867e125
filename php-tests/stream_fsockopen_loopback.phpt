--TEST--
fsockopen(): loopback addresses, literal or by name, are refused and never reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['127.0.0.1', 'loop.test', '[::1]'] as $host) {
    $f = fsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 127.0.0.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: fsockopen(): Unable to connect to loop.test:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"

Warning: fsockopen(): Unable to connect to [::1]:80 (loopback address ::1) in %s on line %d
false, errno 13, errstr "loopback address ::1"
catcher: nothing
