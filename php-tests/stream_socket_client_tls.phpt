--TEST--
stream_socket_client(): ssl://, tls:// and tlsv1.x:// verify the certificate for the name the app wrote
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['ssl://tls.test:443', 'tls://tls.test:8443', 'tlsv1.2://tls.test:443', 'tlsv1.3://tls.test:8443'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, aes_tls_context());
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.3 443, errno 0, errstr ""
stream: HELLO 11.0.0.3 8443, errno 0, errstr ""
stream: HELLO 11.0.0.3 443, errno 0, errstr ""
stream: HELLO 11.0.0.3 8443, errno 0, errstr ""
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: tls 11.0.0.3 8443 11.0.0.3
catcher: tls 11.0.0.3 8443 11.0.0.3
