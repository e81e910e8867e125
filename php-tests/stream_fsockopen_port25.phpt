--TEST--
fsockopen(): port 25 is refused for any host, whitelisted names included
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['11.0.0.1', 'public.test', 'smtp.gmail.com', '[2400:cb00::10]'] as $host) {
    $f = fsockopen($host, 25, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
// The port inside the host string (port argument -1), as fsockopen allows.
$f = fsockopen('11.0.0.1:25', -1, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 11.0.0.1:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: fsockopen(): Unable to connect to public.test:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: fsockopen(): Unable to connect to smtp.gmail.com:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: fsockopen(): Unable to connect to [2400:cb00::10]:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"

Warning: fsockopen(): Unable to connect to 11.0.0.1:25:-1 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
catcher: nothing
