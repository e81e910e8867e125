--TEST--
stream_socket_enable_crypto(): TLS started on a tcp:// stream verifies the name the app connected to
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tls.test', 'other.test'] as $host) {
    $f = stream_socket_client("tcp://$host:443", $errno, $errstr, 2, STREAM_CLIENT_CONNECT, aes_tls_context());
    var_dump(get_resource_type($f));
    $ok = stream_socket_enable_crypto($f, true, STREAM_CRYPTO_METHOD_TLS_CLIENT);
    var_dump($ok);
    if ($ok) {
        echo aes_banner($f), "\n";
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
string(6) "stream"
bool(true)
HELLO 11.0.0.3 443
string(6) "stream"

Warning: stream_socket_enable_crypto(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`other.test' in %s on line %d
bool(false)
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
