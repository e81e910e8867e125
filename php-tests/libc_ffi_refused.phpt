--TEST--
FFI: libc's connect(), sendto(), bind() and listen(), declared with FFI::cdef (from the process, and from dlopen("libc.so.6")), are refused for private addresses, port 25, Google ranges and listening: -1, errno 13, one warning with the rule
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ffi')) die('skip ffi not loaded'); ?>
--INI--
ffi.enable=1
appengine_sockets.log={TMP}/aes-libc-ffi-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * FFI finds connect() with dlsym(): the judged symbol must be the one handed
 * out. Each result: [return value, errno, the catcher's banner or reply]; the
 * catcher listens on 10.0.0.5 too, so a leak shows up as "reached".
 */
libc_decisions_reset();
foreach (['process' => null, 'libc.so.6' => 'libc.so.6'] as $from => $lib) {
    $ffi = libc_ffi($lib);
    libc_step("$from: connect 10.0.0.5:80", fn() => libc_ffi_call($ffi, 'connect', '10.0.0.5', 80));
    libc_step("$from: connect [fd00::5]:80", fn() => libc_ffi_call($ffi, 'connect', 'fd00::5', 80));
    libc_step("$from: connect 11.0.0.1:25", fn() => libc_ffi_call($ffi, 'connect', '11.0.0.1', 25));
    libc_step("$from: connect 8.8.4.4:443", fn() => libc_ffi_call($ffi, 'connect', '8.8.4.4', 443));
    libc_step("$from: sendto 10.0.0.5:9999", fn() => libc_ffi_call($ffi, 'sendto', '10.0.0.5', 9999));
    libc_step("$from: bind 0.0.0.0:0, listen", function () use ($ffi) {
        [$sa, $len] = libc_ffi_sockaddr($ffi, '0.0.0.0', 0);
        $fd = $ffi->socket(2, 1, 0);
        $ffi->__errno_location()[0] = 0;
        $b = $ffi->bind($fd, FFI::addr($sa), $len);
        $l = $ffi->listen($fd, 5);
        $errno = $ffi->__errno_location()[0];
        $ffi->close($fd);
        return [$b, $l, $errno];
    });
}
?>
--EXPECT--
process: connect 10.0.0.5:80: [-1,13,""]
  warning: connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose connect 10.0.0.5 80
process: connect [fd00::5]:80: [-1,13,""]
  warning: connect(): connection to [fd00::5]:80 refused (private address fd00::5)
  reached: nothing
  logged: deny special-purpose connect fd00::5 80
process: connect 11.0.0.1:25: [-1,13,""]
  warning: connect(): connection to 11.0.0.1:25 refused (port 25 is blocked)
  reached: nothing
  logged: deny port-25 connect 11.0.0.1 25
process: connect 8.8.4.4:443: [-1,13,""]
  warning: connect(): connection to 8.8.4.4:443 refused (Google address 8.8.4.4 (Google APIs and services ranges))
  reached: nothing
  logged: deny google connect 8.8.4.4 443
process: sendto 10.0.0.5:9999: [-1,13,""]
  warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose sendto 10.0.0.5 9999
process: bind 0.0.0.0:0, listen: [0,-1,13]
  warning: listen(): listening sockets are not allowed
  reached: nothing
  logged: deny listen listen target ""
libc.so.6: connect 10.0.0.5:80: [-1,13,""]
  warning: connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose connect 10.0.0.5 80
libc.so.6: connect [fd00::5]:80: [-1,13,""]
  warning: connect(): connection to [fd00::5]:80 refused (private address fd00::5)
  reached: nothing
  logged: deny special-purpose connect fd00::5 80
libc.so.6: connect 11.0.0.1:25: [-1,13,""]
  warning: connect(): connection to 11.0.0.1:25 refused (port 25 is blocked)
  reached: nothing
  logged: deny port-25 connect 11.0.0.1 25
libc.so.6: connect 8.8.4.4:443: [-1,13,""]
  warning: connect(): connection to 8.8.4.4:443 refused (Google address 8.8.4.4 (Google APIs and services ranges))
  reached: nothing
  logged: deny google connect 8.8.4.4 443
libc.so.6: sendto 10.0.0.5:9999: [-1,13,""]
  warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose sendto 10.0.0.5 9999
libc.so.6: bind 0.0.0.0:0, listen: [0,-1,13]
  warning: listen(): listening sockets are not allowed
  reached: nothing
  logged: deny listen listen target ""
