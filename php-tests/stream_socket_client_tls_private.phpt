--TEST--
stream_socket_client(): TLS transports to refused destinations fail before any TCP connection
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['ssl://10.0.0.5:443', 'tls://private.test:8443', 'tlsv1.2://mixed.test:443', 'tlsv1.3://8.8.4.4:443'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, aes_tls_context());
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to ssl://10.0.0.5:443 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tls://private.test:8443 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tlsv1.2://mixed.test:443 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tlsv1.3://8.8.4.4:443 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"
catcher: nothing
