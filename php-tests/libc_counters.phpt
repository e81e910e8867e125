--TEST--
Refusals beneath C libraries count in phpinfo's "Decisions in this process" like any other, once per refused connection
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl') || !extension_loaded('ffi')) die('skip curl/ffi not loaded'); ?>
--INI--
ffi.enable=1
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
echo 'before: ', libc_counters(), "\n";
@libc_curl('http://10.0.0.5:8081/');
echo 'after one curl refusal: ', libc_counters(), "\n";
@libc_curl('http://[fd00::5]:8081/');
@libc_curl('smtp://11.0.0.1:25/');
echo 'after three: ', libc_counters(), "\n";
$ffi = libc_ffi();
@libc_ffi_call($ffi, 'connect', '10.0.0.5', 80);
echo 'after an FFI refusal: ', libc_counters(), "\n";
libc_curl('http://11.0.0.2:8081/');
echo 'after an allowed one: ', libc_counters(), "\n";
?>
--EXPECT--
before: 0 refused, 0 reported
after one curl refusal: 1 refused, 0 reported
after three: 3 refused, 0 reported
after an FFI refusal: 4 refused, 0 reported
after an allowed one: 4 refused, 0 reported
