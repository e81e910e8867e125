--TEST--
pfsockopen(): the Gmail whitelist is by exact name: smtp.gmail.com:587 connects, evil-gmail.test:587 does not
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['smtp.gmail.com', 'evil-gmail.test', 'smtp.gmail.com.evil-gmail.test'] as $host) {
    $f = pfsockopen($host, 587, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
persistent stream: HELLO 8.8.4.4 587, errno 0, errstr ""

Warning: pfsockopen(): Unable to connect to evil-gmail.test:587 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: pfsockopen(): php_network_getaddresses: getaddrinfo for smtp.gmail.com.evil-gmail.test failed: Name or service not known in %s on line %d

Warning: pfsockopen(): Unable to connect to smtp.gmail.com.evil-gmail.test:587 (php_network_getaddresses: getaddrinfo for smtp.gmail.com.evil-gmail.test failed: Name or service not known) in %s on line %d
false, errno 0, errstr "php_network_getaddresses: getaddrinfo for smtp.gmail.com.evil-gmail.test failed: Name or service not known"
catcher: tcp 8.8.4.4 587 8.8.4.4
