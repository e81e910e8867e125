--TEST--
libc layer: a refusal inside a C library's call is raised right after the PHP function returns, also when PHP code runs nested in that call after the refusal (a callback, the error handler of the function's own warning) and when the function is called from an internal function (call_user_func, array_map); the same with the tracing JIT
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
if (trim((string) shell_exec('command -v gcc')) === '') die('skip gcc not installed');
?>
--INI--
ffi.enable=1
opcache.enable=1
opcache.enable_cli=1
opcache.jit=tracing
opcache.jit_buffer_size=32M
opcache.jit_hot_loop=2
opcache.jit_hot_func=2
opcache.jit_hot_return=2
opcache.jit_hot_side_exit=2
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
require __DIR__ . '/include/settings.inc';
$mark = aes_log_mark();

$dir = sys_get_temp_dir() . '/aes-timing-' . getmypid();
@mkdir($dir);
$so = "$dir/connect_then_call.so";
register_shutdown_function(static function () use ($dir, $so) {
    @unlink($so);
    @rmdir($dir);
});
exec('gcc -shared -fPIC -O1 -Wall -o ' . escapeshellarg($so) . ' '
    . escapeshellarg(__DIR__ . '/fixtures/callback/connect_then_call.c') . ' 2>&1', $out, $rc);
if ($rc !== 0) {
    echo "gcc failed:\n", implode("\n", $out), "\n";
}
const DECLS = 'int connect_then_call(const char *ip, int port, int times, void (*callback)(int));';

// Everything in order: what the app's error handler sees, what the callback does, and
// when the PHP function returned.
function timeline(string $what, callable $fn): void
{
    $events = [];
    set_error_handler(function (int $no, string $msg) use (&$events): bool {
        $events[] = ($no === E_WARNING ? 'Warning: ' : "[$no] ") . $msg;
        return true;
    });
    $GLOBALS['events'] = &$events;
    $rv = $fn();
    $events[] = "returned $rv";
    restore_error_handler();
    echo "$what:\n    ", implode("\n    ", $events), "\n";
}

$ffi = FFI::cdef(DECLS, $so);
$callback = function (int $errno): void {
    // Internal calls inside the callback: the VM looks at its interrupt flag after each.
    $GLOBALS['events'][] = 'callback: ' . strtoupper(sprintf('errno %d', $errno)) . ' ' . strlen(str_repeat('x', 3));
};
timeline('refused, then two callbacks', fn() => $ffi->connect_then_call('10.0.0.5', 80, 2, $callback));
timeline('allowed, then a callback', fn() => $ffi->connect_then_call('11.0.0.1', 80, 1, $callback));
// The callback raises a warning of its own while ours waits.
timeline('refused, then a callback that warns', fn() => $ffi->connect_then_call('10.0.0.5', 81, 1, function (int $errno): void {
    trigger_error("the callback's own warning", E_USER_WARNING);
    $GLOBALS['events'][] = 'callback went on';
}));
// Called by internal functions: raised when the function returns, before its caller goes on.
timeline('call_user_func', fn() => call_user_func([$ffi, 'connect_then_call'], '10.0.0.5', 82, 0, $callback));
timeline('array_map', fn() => implode(',', array_map(
    fn(int $port) => $ffi->connect_then_call('10.0.0.5', $port, 0, $callback), [83, 84])));
// The same in a hot loop, compiled by the tracing JIT when OPcache is loaded.
$seen = [];
for ($i = 0; $i < 60; $i++) {
    $events = [];
    set_error_handler(function (int $no, string $msg) use (&$events): bool {
        $events[] = $msg;
        return true;
    });
    $GLOBALS['events'] = &$events;
    $ffi->connect_then_call('10.0.0.5', 85, 1, $callback);
    $events[] = 'returned';
    restore_error_handler();
    $seen[implode(' | ', $events)] = ($seen[implode(' | ', $events)] ?? 0) + 1;
}
$jit = function_exists('opcache_get_status') ? (opcache_get_status(false)['jit']['buffer_free'] ?? 0) < (opcache_get_status(false)['jit']['buffer_size'] ?? 0) : false;
echo 'JIT compiled code: ', $jit ? 'yes' : 'no', "\n";
foreach ($seen as $k => $n) {
    echo "hot loop, $n times: $k\n";
}
echo aes_connections($mark);
?>
--EXPECT--
refused, then two callbacks:
    callback: ERRNO 13 3
    callback: ERRNO 13 3
    Warning: connect_then_call(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
    returned 13
allowed, then a callback:
    callback: ERRNO 0 3
    returned 0
refused, then a callback that warns:
    [512] the callback's own warning
    callback went on
    Warning: connect_then_call(): connection to 10.0.0.5:81 refused (private address 10.0.0.5)
    returned 13
call_user_func:
    Warning: connect_then_call(): connection to 10.0.0.5:82 refused (private address 10.0.0.5)
    returned 13
array_map:
    Warning: connect_then_call(): connection to 10.0.0.5:83 refused (private address 10.0.0.5)
    Warning: connect_then_call(): connection to 10.0.0.5:84 refused (private address 10.0.0.5)
    returned 13,13
JIT compiled code: yes
hot loop, 60 times: callback: ERRNO 13 3 | connect_then_call(): connection to 10.0.0.5:85 refused (private address 10.0.0.5) | returned
catcher: tcp 11.0.0.1 80 11.0.0.1
