--TEST--
stream_socket_client(): ssl:// to another name for the same address fails verification (not verified against the literal)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// other.test is 11.0.0.3 like tls.test, but the certificate names tls.test only.
foreach (['ssl://other.test:443', 'ssl://11.0.0.3:443'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, aes_tls_context());
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`other.test' in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://other.test:443 (Unknown error) in %s on line %d
false, errno 0, errstr ""

Warning: stream_socket_client(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`11.0.0.3' in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://11.0.0.3:443 (Unknown error) in %s on line %d
false, errno 0, errstr ""
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
