--TEST--
fsockopen(): an unresolvable name gives PHP's own getaddrinfo warnings and errno 0
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$f = fsockopen('nope.test', 80, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
?>
--EXPECTF--
Warning: fsockopen(): php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known in %s on line %d

Warning: fsockopen(): Unable to connect to nope.test:80 (php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known) in %s on line %d
false, errno 0, errstr "php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known"
