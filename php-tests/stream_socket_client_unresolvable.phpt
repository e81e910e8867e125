--TEST--
stream_socket_client(): an unresolvable name gives PHP's own getaddrinfo warnings and errno 0
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
foreach (['tcp://nope.test:80', 'udp://nope.test:53'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
?>
--EXPECTF--
Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known in %s on line %d

Warning: stream_socket_client(): Unable to connect to tcp://nope.test:80 (php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known) in %s on line %d
false, errno 0, errstr "php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known"

Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known in %s on line %d

Warning: stream_socket_client(): Unable to connect to udp://nope.test:53 (php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known) in %s on line %d
false, errno 0, errstr "php_network_getaddresses: getaddrinfo for nope.test failed: Name or service not known"
