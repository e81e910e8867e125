--TEST--
libc layer: judging follows PHP code through a request's whole life: auto_prepend/append, the body, shutdown functions, destructors, output callbacks and session save handlers of both forms (ext/session calls write() and close() after this module's request shutdown): curl and FFI reach a refused address at each point in stock PHP, and are refused at each with the extension
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
if (!extension_loaded('curl')) die('skip ext/curl not loaded');
if (!extension_loaded('session')) die('skip ext/session not loaded');
?>
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
require __DIR__ . '/include/settings.inc';

$fixtures = __DIR__ . '/fixtures/request_life';
$out = sys_get_temp_dir() . '/aes-life-' . getmypid();
register_shutdown_function(static fn() => @unlink($out));

function life_run(bool $extension, string $form): void
{
    global $fixtures, $out;
    @unlink($out);
    $cmd = [PHP_BINARY];
    if ($extension) {
        array_push($cmd, '-d', 'extension=' . settings_ext());
    }
    foreach ([
        'ffi.enable' => '1',
        'auto_prepend_file' => "$fixtures/probe.php",
        'auto_append_file' => "$fixtures/append.php",
        'session.use_cookies' => '0',
        'session.use_only_cookies' => '0',
        'session.use_trans_sid' => '0',
        'session.cache_limiter' => '',
        'display_errors' => '1',
        'log_errors' => '0',
        // PHP 8.4 deprecates use_only_cookies=0 and the six-callable handler form, which
        // this test covers on purpose (the same with and without the extension).
        'error_reporting' => (string) (E_ALL & ~E_DEPRECATED),
    ] as $k => $v) {
        array_push($cmd, '-d', "$k=$v");
    }
    array_push($cmd, "$fixtures/app.php", $form);
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, null, ['AES_LIFE_OUT' => $out] + getenv());
    $stdout = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    $rc = proc_close($p);
    echo $extension ? 'extension' : 'stock', ", $form: exit $rc", trim($stdout) === '' ? '' : ', output ' . json_encode($stdout), "\n";
    echo preg_replace('/^/m', '  ', (string) @file_get_contents($out));
}

// Stock PHP: every point reaches the refused address (the points are real).
life_run(false, 'object');
life_run(false, 'callables');
$mark = aes_log_mark();
life_run(true, 'object');
life_run(true, 'callables');
echo aes_connections($mark);
?>
--EXPECT--
stock, object: exit 0
  auto_prepend_file: curl reached, ffi sendto reached
  request body: curl reached, ffi sendto reached
  auto_append_file: curl reached, ffi sendto reached
  shutdown function: curl reached, ffi sendto reached
  destructor: curl reached, ffi sendto reached
  output callback: curl reached, ffi sendto reached
  session write (object): curl reached, ffi sendto reached
  session close (object): curl reached, ffi sendto reached
stock, callables: exit 0
  auto_prepend_file: curl reached, ffi sendto reached
  request body: curl reached, ffi sendto reached
  auto_append_file: curl reached, ffi sendto reached
  shutdown function: curl reached, ffi sendto reached
  destructor: curl reached, ffi sendto reached
  output callback: curl reached, ffi sendto reached
  session write (callables): curl reached, ffi sendto reached
  session close (callables): curl reached, ffi sendto reached
extension, object: exit 0
  auto_prepend_file: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  request body: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  auto_append_file: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  shutdown function: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  destructor: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  output callback: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  session write (object): curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  session close (object): curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
extension, callables: exit 0
  auto_prepend_file: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  request body: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  auto_append_file: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  shutdown function: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  destructor: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  output callback: curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  session write (callables): curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  session close (callables): curl errno 7, ffi sendto errno 13
      warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
      warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
catcher: nothing