--TEST--
compress.zlib://http://... and gzopen()/gzfile()/readgzfile() of URLs: the http:// connection is judged
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('zlib')) die('skip zlib'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// compress.zlib:// (and gzopen/gzfile/readgzfile) open the inner URL through
// the http:// wrapper; a non-gzip body is passed through unchanged.
foreach (['compress.zlib://http://10.0.0.5:8081/a', 'compress.zlib://http://loop.test:8081/b',
          'compress.zlib://https://[::ffff:10.0.0.5]:8444/c',
          'compress.zlib://' . wrapper_redirect('http://10.0.0.5:8081/second')] as $url) {
    wrapper_step($url, fn() => file_get_contents($url));
}
wrapper_step('gzopen http://10.0.0.5:8081/gz', fn() => gzopen('http://10.0.0.5:8081/gz', 'r'));
wrapper_step('gzfile http://private.test:8081/gz', fn() => gzfile('http://private.test:8081/gz'));
wrapper_step('readgzfile http://127.1:8081/gz', fn() => readgzfile('http://127.1:8081/gz'));
wrapper_step('compress.zlib://http://11.0.0.2:8081/ok', fn() => file_get_contents('compress.zlib://http://11.0.0.2:8081/ok'));
wrapper_step('gzfile http://11.0.0.2:8081/gzfile', fn() => gzfile('http://11.0.0.2:8081/gzfile'));
?>
--EXPECT--
compress.zlib://http://10.0.0.5:8081/a: false
  warning: file_get_contents(compress.zlib://http://10.0.0.5:8081/a): Failed to open stream: operation failed
  reached: nothing
compress.zlib://http://loop.test:8081/b: false
  warning: file_get_contents(compress.zlib://http://loop.test:8081/b): Failed to open stream: operation failed
  reached: nothing
compress.zlib://https://[::ffff:10.0.0.5]:8444/c: false
  warning: file_get_contents(compress.zlib://https://[::ffff:10.0.0.5]:8444/c): Failed to open stream: operation failed
  reached: nothing
compress.zlib://http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond: false
  warning: file_get_contents(compress.zlib://http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: operation failed
  reached: http 11.0.0.2 8081
gzopen http://10.0.0.5:8081/gz: false
  warning: gzopen(http://10.0.0.5:8081/gz): Failed to open stream: private address 10.0.0.5
  reached: nothing
gzfile http://private.test:8081/gz: false
  warning: gzfile(http://private.test:8081/gz): Failed to open stream: private address 10.0.0.5
  reached: nothing
readgzfile http://127.1:8081/gz: false
  warning: readgzfile(http://127.1:8081/gz): Failed to open stream: loopback address 127.0.0.1
  reached: nothing
compress.zlib://http://11.0.0.2:8081/ok: "HTTP 11.0.0.2 8081 GET /ok"
  reached: http 11.0.0.2 8081
gzfile http://11.0.0.2:8081/gzfile: ["HTTP 11.0.0.2 8081 GET /gzfile\n"]
  reached: http 11.0.0.2 8081
