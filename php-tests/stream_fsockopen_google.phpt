--TEST--
fsockopen(): addresses in Google's ranges are refused off the whitelist
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Google Public DNS off port 53, and the Gmail address as a literal: the
// Gmail whitelist is for the names only.
foreach ([['8.8.8.8', 80], ['8.8.4.4', 8080], ['8.8.4.4', 465], ['[2001:4860:4860::8888]', 80]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 8.8.8.8:80 (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.8.8 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to 8.8.4.4:8080 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to 8.8.4.4:465 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to [2001:4860:4860::8888]:80 (Google address 2001:4860:4860::8888 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 2001:4860:4860::8888 (Google APIs and services ranges)"
catcher: nothing
