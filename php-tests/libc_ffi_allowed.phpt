--TEST--
FFI: libc's connect() and sendto(), declared with FFI::cdef (from the process, and from dlopen("libc.so.6")), reach allowed addresses over IPv4 and IPv6
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ffi')) die('skip ffi not loaded'); ?>
--INI--
ffi.enable=1
appengine_sockets.log={TMP}/aes-libc-ffi-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
// Each result: [return value, errno, the catcher's banner or reply].
libc_decisions_reset();
foreach (['process' => null, 'libc.so.6' => 'libc.so.6'] as $from => $lib) {
    $ffi = libc_ffi($lib);
    libc_step("$from: connect 11.0.0.1:80", fn() => libc_ffi_call($ffi, 'connect', '11.0.0.1', 80));
    libc_step("$from: connect [2400:cb00::10]:80", fn() => libc_ffi_call($ffi, 'connect', '2400:cb00::10', 80));
    libc_step("$from: sendto 11.0.0.2:9999", fn() => libc_ffi_call($ffi, 'sendto', '11.0.0.2', 9999));
    libc_step("$from: sendto 8.8.8.8:53 (whitelisted)", fn() => libc_ffi_call($ffi, 'sendto', '8.8.8.8', 53));
}
?>
--EXPECT--
process: connect 11.0.0.1:80: [0,0,"HELLO 11.0.0.1 80"]
  reached: tcp 11.0.0.1 80
process: connect [2400:cb00::10]:80: [0,0,"HELLO 2400:cb00::10 80"]
  reached: tcp 2400:cb00::10 80
process: sendto 11.0.0.2:9999: [4,0,"HELLO 11.0.0.2 9999"]
  reached: udp 11.0.0.2 9999
process: sendto 8.8.8.8:53 (whitelisted): [4,0,"HELLO 8.8.8.8 53"]
  reached: udp 8.8.8.8 53
libc.so.6: connect 11.0.0.1:80: [0,0,"HELLO 11.0.0.1 80"]
  reached: tcp 11.0.0.1 80
libc.so.6: connect [2400:cb00::10]:80: [0,0,"HELLO 2400:cb00::10 80"]
  reached: tcp 2400:cb00::10 80
libc.so.6: sendto 11.0.0.2:9999: [4,0,"HELLO 11.0.0.2 9999"]
  reached: udp 11.0.0.2 9999
libc.so.6: sendto 8.8.8.8:53 (whitelisted): [4,0,"HELLO 8.8.8.8 53"]
  reached: udp 8.8.8.8 53
