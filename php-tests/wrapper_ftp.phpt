--TEST--
ftp:// wrapper: the control connection and the PASV data connection are each judged
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!in_array('ftp', stream_get_wrappers())) die('skip no ftp:// wrapper'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// Control connection to a private server: refused before anything is sent.
foreach (['ftp://10.0.0.5/file', 'ftp://u:p@private.test:21/file', 'ftp://0x7f.1:21/file',
          'ftp://[::1]:21/file', 'ftp://mixed.test/file', 'ftp://11.0.0.1:65561/file'] as $url) {
    wrapper_step($url, fn() => file_get_contents($url));
}
// The catcher's FTP responder on 11.0.0.1:21 is public (allowed), but answers
// PASV with 10.0.0.5:80: the data connection is judged on its own and refused;
// only the control connection reaches the catcher.
wrapper_step('ftp://11.0.0.1/file (PASV -> 10.0.0.5:80)', fn() => file_get_contents('ftp://11.0.0.1/file'));
wrapper_step('fopen ftp://public.test:21/file (PASV -> 10.0.0.5:80)', fn() => fopen('ftp://public.test:21/file', 'r'));
// 11.0.0.1:2121 answers PASV with 11.0.0.1:80 (the catcher's banner): allowed.
wrapper_step('ftp://11.0.0.1:2121/file (PASV -> 11.0.0.1:80)', function () {
    $f = fopen('ftp://11.0.0.1:2121/file', 'r');
    return $f ? fgets($f) : false;
});
?>
--EXPECT--
ftp://10.0.0.5/file: false
  warning: file_get_contents(): connect() failed: private address 10.0.0.5
  warning: file_get_contents(ftp://10.0.0.5/file): Failed to open stream: operation failed
  reached: nothing
ftp://u:p@private.test:21/file: false
  warning: file_get_contents(): connect() failed: private address 10.0.0.5
  warning: file_get_contents(ftp://...@private.test:21/file): Failed to open stream: operation failed
  reached: nothing
ftp://0x7f.1:21/file: false
  warning: file_get_contents(): connect() failed: loopback address 127.0.0.1
  warning: file_get_contents(ftp://0x7f.1:21/file): Failed to open stream: operation failed
  reached: nothing
ftp://[::1]:21/file: false
  warning: file_get_contents(): connect() failed: loopback address ::1
  warning: file_get_contents(ftp://[::1]:21/file): Failed to open stream: operation failed
  reached: nothing
ftp://mixed.test/file: false
  warning: file_get_contents(): connect() failed: private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  warning: file_get_contents(ftp://mixed.test/file): Failed to open stream: operation failed
  reached: nothing
ftp://11.0.0.1:65561/file: false
  warning: file_get_contents(ftp://11.0.0.1:65561/file): Failed to open stream: operation failed
  reached: nothing
ftp://11.0.0.1/file (PASV -> 10.0.0.5:80): false
  warning: file_get_contents(ftp://11.0.0.1/file): Failed to open stream: Failed to set up data channel: private address 10.0.0.5
  reached: ftp 11.0.0.1 21
fopen ftp://public.test:21/file (PASV -> 10.0.0.5:80): false
  warning: fopen(ftp://public.test:21/file): Failed to open stream: Failed to set up data channel: private address 10.0.0.5
  reached: ftp 11.0.0.1 21
ftp://11.0.0.1:2121/file (PASV -> 11.0.0.1:80): "HELLO 11.0.0.1 80"
  reached: ftp 11.0.0.1 2121
  reached: tcp 11.0.0.1 80
