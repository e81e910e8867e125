--TEST--
php://filter/resource=http://...: the inner http:// (and https://, ftp://) connection is judged
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// php://filter opens its resource with REPORT_ERRORS off, so PHP itself only
// says "operation failed": the catcher shows that nothing was reached.
foreach (['php://filter/resource=http://10.0.0.5:8081/a',
          'php://filter/read=string.toupper/resource=http://private.test:8081/b',
          'php://filter/read=string.rot13|string.toupper/resource=http://[::1]:8081/c',
          'php://filter/resource=php://filter/resource=http://0x7f.1:8081/d',
          'php://filter/resource=' . wrapper_redirect('http://10.0.0.5:8081/second'),
          'php://filter/resource=https://10.0.0.5:8444/e',
          'php://filter/resource=ftp://10.0.0.5/f'] as $url) {
    wrapper_step($url, fn() => file_get_contents($url));
}
wrapper_step('php://filter/read=string.toupper/resource=http://11.0.0.2:8081/ok',
    fn() => file_get_contents('php://filter/read=string.toupper/resource=http://11.0.0.2:8081/ok'));
wrapper_step('fopen php://filter/read=string.rot13/resource=http://11.0.0.2:8081/fopen', function () {
    $f = fopen('php://filter/read=string.rot13/resource=http://11.0.0.2:8081/fopen', 'r');
    return $f ? fgets($f) : false;
});
?>
--EXPECT--
php://filter/resource=http://10.0.0.5:8081/a: false
  warning: file_get_contents(php://filter/resource=http://10.0.0.5:8081/a): Failed to open stream: operation failed
  reached: nothing
php://filter/read=string.toupper/resource=http://private.test:8081/b: false
  warning: file_get_contents(php://filter/read=string.toupper/resource=http://private.test:8081/b): Failed to open stream: operation failed
  reached: nothing
php://filter/read=string.rot13|string.toupper/resource=http://[::1]:8081/c: false
  warning: file_get_contents(php://filter/read=string.rot13|string.toupper/resource=http://[::1]:8081/c): Failed to open stream: operation failed
  reached: nothing
php://filter/resource=php://filter/resource=http://0x7f.1:8081/d: false
  warning: file_get_contents(php://filter/resource=php://filter/resource=http://0x7f.1:8081/d): Failed to open stream: operation failed
  reached: nothing
php://filter/resource=http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond: false
  warning: file_get_contents(php://filter/resource=http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: operation failed
  reached: http 11.0.0.2 8081
php://filter/resource=https://10.0.0.5:8444/e: false
  warning: file_get_contents(php://filter/resource=https://10.0.0.5:8444/e): Failed to open stream: operation failed
  reached: nothing
php://filter/resource=ftp://10.0.0.5/f: false
  warning: file_get_contents(): connect() failed: private address 10.0.0.5
  warning: file_get_contents(php://filter/resource=ftp://10.0.0.5/f): Failed to open stream: operation failed
  reached: nothing
php://filter/read=string.toupper/resource=http://11.0.0.2:8081/ok: "HTTP 11.0.0.2 8081 GET /OK"
  reached: http 11.0.0.2 8081
fopen php://filter/read=string.rot13/resource=http://11.0.0.2:8081/fopen: "UGGC 11.0.0.2 8081 TRG /sbcra"
  reached: http 11.0.0.2 8081
