--TEST--
fsockopen(): ssl:// verifies the certificate against the name the app wrote (openssl.cafile)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--INI--
openssl.cafile={PWD}/../tests/netns/fixtures/ca.crt
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// tls.test and other.test are both 11.0.0.3; the certificate names tls.test only.
foreach (['ssl://tls.test', 'ssl://other.test'] as $host) {
    $f = fsockopen($host, 443, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.3 443, errno 0, errstr ""

Warning: fsockopen(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`other.test' in %s on line %d

Warning: fsockopen(): Failed to enable crypto in %s on line %d

Warning: fsockopen(): Unable to connect to ssl://other.test:443 (Unknown error) in %s on line %d
false, errno 0, errstr ""
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
