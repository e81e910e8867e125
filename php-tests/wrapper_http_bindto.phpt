--TEST--
http:// wrapper: context option socket.bindto is refused unless it is the wildcard address with port 0
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// The context option socket.bindto reaches the http:// wrapper's transport:
// only the wildcard address with port 0 may be bound.
foreach (['11.0.0.1:0', '127.0.0.1:0', '0.0.0.0:8000', '0:8000', '10.0.0.5:0', '[::1]:0', '[2400:cb00::10]:0', '11.0.0.2:4000'] as $bind) {
    wrapper_step("bindto $bind, http://11.0.0.2:8081/", fn() => file_get_contents('http://11.0.0.2:8081/bind',
        false, wrapper_http_context([], ['socket' => ['bindto' => $bind]])));
}
wrapper_step('bindto 11.0.0.3:0, https://tls.test:8444/', fn() => file_get_contents('https://tls.test:8444/bind',
    false, stream_context_create(['ssl' => wrapper_tls_options(), 'socket' => ['bindto' => '11.0.0.3:0']])));
// Allowed: the wildcard with port 0, in each spelling.
foreach (['0:0', '0.0.0.0:0'] as $bind) {
    wrapper_step("bindto $bind, http://11.0.0.2:8081/", fn() => file_get_contents('http://11.0.0.2:8081/bind',
        false, wrapper_http_context([], ['socket' => ['bindto' => $bind]])));
}
wrapper_step('bindto [::]:0, http://[2400:cb00::10]:8081/', fn() => file_get_contents('http://[2400:cb00::10]:8081/bind',
    false, wrapper_http_context([], ['socket' => ['bindto' => '[::]:0']])));
// An allowed bindto does not make a private server allowed.
wrapper_step('bindto 0:0, http://10.0.0.5:8081/', fn() => file_get_contents('http://10.0.0.5:8081/bind',
    false, wrapper_http_context([], ['socket' => ['bindto' => '0:0']])));
?>
--EXPECT--
bindto 11.0.0.1:0, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 11.0.0.1:0
  reached: nothing
bindto 127.0.0.1:0, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 127.0.0.1:0
  reached: nothing
bindto 0.0.0.0:8000, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 0.0.0.0:8000
  reached: nothing
bindto 0:8000, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 0.0.0.0:8000
  reached: nothing
bindto 10.0.0.5:0, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 10.0.0.5:0
  reached: nothing
bindto [::1]:0, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: [::1]:0
  reached: nothing
bindto [2400:cb00::10]:0, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: [2400:cb00::10]:0
  reached: nothing
bindto 11.0.0.2:4000, http://11.0.0.2:8081/: false
  warning: file_get_contents(http://11.0.0.2:8081/bind): Failed to open stream: binding to a specific address or port is not allowed: 11.0.0.2:4000
  reached: nothing
bindto 11.0.0.3:0, https://tls.test:8444/: false
  warning: file_get_contents(https://tls.test:8444/bind): Failed to open stream: binding to a specific address or port is not allowed: 11.0.0.3:0
  reached: nothing
bindto 0:0, http://11.0.0.2:8081/: "HTTP 11.0.0.2 8081 GET /bind"
  reached: http 11.0.0.2 8081
bindto 0.0.0.0:0, http://11.0.0.2:8081/: "HTTP 11.0.0.2 8081 GET /bind"
  reached: http 11.0.0.2 8081
bindto [::]:0, http://[2400:cb00::10]:8081/: "HTTP 2400:cb00::10 8081 GET /bind"
  reached: http 2400:cb00::10 8081
bindto 0:0, http://10.0.0.5:8081/: false
  warning: file_get_contents(http://10.0.0.5:8081/bind): Failed to open stream: private address 10.0.0.5
  reached: nothing
