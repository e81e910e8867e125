--TEST--
appengine_sockets.report_only=1 beneath C libraries: libcurl and FFI connect to refused destinations, with a notice naming the function and the rule, a decision-log line, and the counters counting them as reported
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl') || !extension_loaded('ffi')) die('skip curl/ffi not loaded'); ?>
--INI--
ffi.enable=1
appengine_sockets.report_only=1
appengine_sockets.log={TMP}/aes-libc-report-only.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
libc_decisions_reset();
$before = libc_counters();
libc_step('curl http://10.0.0.5:8081', fn() => libc_curl('http://10.0.0.5:8081/report'));
libc_step('curl redirect -> private.test', fn() => libc_curl(wrapper_redirect('http://private.test:8081/r'), [CURLOPT_FOLLOWLOCATION => true]));
$ffi = libc_ffi();
libc_step('FFI connect 10.0.0.5:80', fn() => libc_ffi_call($ffi, 'connect', '10.0.0.5', 80));
libc_step('curl http://11.0.0.2:8081 (allowed)', fn() => libc_curl('http://11.0.0.2:8081/ok'));
echo "counters before: $before\n";
echo 'counters after: ', libc_counters(), "\n";
?>
--EXPECT--
curl http://10.0.0.5:8081: ["HTTP 10.0.0.5 8081 GET /report",0,"",0]
  notice: curl_exec(): would be refused: private address 10.0.0.5
  reached: http 10.0.0.5 8081
  logged: report special-purpose curl_exec 10.0.0.5 8081
curl redirect -> private.test: ["HTTP 10.0.0.5 8081 GET /r",0,"",0]
  notice: curl_exec(): would be refused: private address 10.0.0.5
  reached: http 10.0.0.5 8081
  reached: http 11.0.0.2 8081
  logged: report special-purpose curl_exec 10.0.0.5 8081
FFI connect 10.0.0.5:80: [0,0,"HELLO 10.0.0.5 80"]
  notice: connect(): would be refused: private address 10.0.0.5
  reached: tcp 10.0.0.5 80
  logged: report special-purpose connect 10.0.0.5 80
curl http://11.0.0.2:8081 (allowed): ["HTTP 11.0.0.2 8081 GET /ok",0,"",0]
  reached: http 11.0.0.2 8081
counters before: 0 refused, 0 reported
counters after: 0 refused, 3 reported
