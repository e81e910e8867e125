--TEST--
fsockopen(): Gmail names on other ports, and other names for the same address, are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['smtp.gmail.com', 993], ['pop.gmail.com', 465], ['imap.gmail.com', 995], ['evil-gmail.test', 587], ['gmail-private.test', 465]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to smtp.gmail.com:993 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to pop.gmail.com:465 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to imap.gmail.com:995 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to evil-gmail.test:587 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: fsockopen(): Unable to connect to gmail-private.test:465 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
catcher: nothing
