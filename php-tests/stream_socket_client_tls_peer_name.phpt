--TEST--
stream_socket_client(): an app-set ssl.peer_name is the name verified
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['ssl://other.test:443', 'tls.test'], ['ssl://11.0.0.3:443', 'tls.test'], ['ssl://tls.test:443', 'other.test']] as [$target, $peer]) {
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, aes_tls_context(['peer_name' => $peer]));
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.3 443, errno 0, errstr ""
stream: HELLO 11.0.0.3 443, errno 0, errstr ""

Warning: stream_socket_client(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`other.test' in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://tls.test:443 (Unknown error) in %s on line %d
false, errno 0, errstr ""
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
