--TEST--
http:// wrapper: the proxy connection is judged (private proxies refused, a public one allowed)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// With a proxy the http:// wrapper connects to the proxy only: that is the
// connection judged.
foreach (['tcp://10.0.0.5:8081', 'tcp://127.1:8081', 'tcp://[::1]:8081', 'tcp://private.test:8081',
          'tcp://mixed.test:8081', 'tcp://11.0.0.1:65561'] as $proxy) {
    wrapper_step("proxy $proxy", fn() => file_get_contents('http://11.0.0.2:8081/via-proxy', false,
        wrapper_http_context(['proxy' => $proxy])));
}
// A public proxy is allowed; the URL's host is the proxy's business (the catcher,
// as a proxy, just answers with the request line it got).
wrapper_step('proxy tcp://11.0.0.1:8081 for http://10.0.0.5/', fn() => file_get_contents('http://10.0.0.5/x', false,
    wrapper_http_context(['proxy' => 'tcp://11.0.0.1:8081', 'request_fulluri' => true])));
?>
--EXPECT--
proxy tcp://10.0.0.5:8081: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: private address 10.0.0.5
  reached: nothing
proxy tcp://127.1:8081: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: loopback address 127.0.0.1
  reached: nothing
proxy tcp://[::1]:8081: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: loopback address ::1
  reached: nothing
proxy tcp://private.test:8081: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: private address 10.0.0.5
  reached: nothing
proxy tcp://mixed.test:8081: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: nothing
proxy tcp://11.0.0.1:65561: false
  warning: file_get_contents(http://11.0.0.2:8081/via-proxy): Failed to open stream: port 25 is blocked
  reached: nothing
proxy tcp://11.0.0.1:8081 for http://10.0.0.5/: "HTTP 11.0.0.1 8081 GET http://10.0.0.5/x"
  reached: http 11.0.0.1 8081
