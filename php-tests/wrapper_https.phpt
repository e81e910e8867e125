--TEST--
https:// wrapper (verified with the test CA): private servers refused before any handshake, a public one reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';

// The catcher's HTTPS responder (port 8444) presents fixtures/tls.test.crt,
// signed by fixtures/ca.crt; tls.test is 11.0.0.3.
$ctx = stream_context_create(['ssl' => wrapper_tls_options(), 'http' => ['timeout' => 3]]);
foreach (['https://10.0.0.5:8444/a', 'https://private.test:8444/b', 'https://0x7f.1:8444/c',
          'https://[::ffff:10.0.0.5]:8444/d', 'https://mixed.test:8444/e', 'https://localhost:8444/f'] as $url) {
    wrapper_step($url, fn() => file_get_contents($url, false, $ctx));
}
// Allowed: verified against the test CA, for the name written.
wrapper_step('https://tls.test:8444/ok', fn() => file_get_contents('https://tls.test:8444/ok', false, $ctx));
wrapper_step('fopen https://tls.test:8444/fopen', function () use ($ctx) {
    $f = fopen('https://tls.test:8444/fopen', 'r', false, $ctx);
    return $f ? fgets($f) : false;
});
wrapper_step('get_headers https://tls.test:8444/h', fn() => get_headers('https://tls.test:8444/h', false, $ctx)[0] ?? false);
// other.test is 11.0.0.3 too, but the certificate is not for it: the connection
// is allowed (and reaches the catcher), the handshake then fails as in stock PHP.
wrapper_step('https://other.test:8444/name-mismatch', fn() => file_get_contents('https://other.test:8444/name-mismatch', false, $ctx));

?>
--EXPECTF--
https://10.0.0.5:8444/a: false
  warning: file_get_contents(https://10.0.0.5:8444/a): Failed to open stream: private address 10.0.0.5
  reached: nothing
https://private.test:8444/b: false
  warning: file_get_contents(https://private.test:8444/b): Failed to open stream: private address 10.0.0.5
  reached: nothing
https://0x7f.1:8444/c: false
  warning: file_get_contents(https://0x7f.1:8444/c): Failed to open stream: loopback address 127.0.0.1
  reached: nothing
https://[::ffff:10.0.0.5]:8444/d: false
  warning: file_get_contents(https://[::ffff:10.0.0.5]:8444/d): Failed to open stream: IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5
  reached: nothing
https://mixed.test:8444/e: false
  warning: file_get_contents(https://mixed.test:8444/e): Failed to open stream: private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: nothing
https://localhost:8444/f: false
  warning: file_get_contents(https://localhost:8444/f): Failed to open stream: loopback address ::1; localhost resolves to ::1, 127.0.0.1
  reached: nothing
https://tls.test:8444/ok: "HTTP 11.0.0.3 8444 GET /ok"
  reached: https 11.0.0.3 8444
fopen https://tls.test:8444/fopen: "HTTP 11.0.0.3 8444 GET /fopen"
  reached: https 11.0.0.3 8444
get_headers https://tls.test:8444/h: "HTTP/1.0 200 OK"
  reached: https 11.0.0.3 8444
https://other.test:8444/name-mismatch: false
  warning: file_get_contents(): Peer certificate %r(subjectAltName did not match expected name |CN=`appengine_sockets test server' did not match expected CN=)%r`other.test'
  warning: file_get_contents(): Failed to enable crypto
  warning: file_get_contents(https://other.test:8444/name-mismatch): Failed to open stream: operation failed
  reached: https 11.0.0.3 8444
