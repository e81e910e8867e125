--TEST--
libc layer: a thread a C library starts in a request belongs to the request: its refused connect and listen fail with EACCES, the warning is raised as the PHP function returns; an allowed address connects; its own threads too; its return value and pthread_exit pass through; its log record carries the request's app id
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
if (trim((string) shell_exec('command -v gcc')) === '') die('skip gcc not installed');
?>
--INI--
ffi.enable=1
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
require __DIR__ . '/include/settings.inc';

// The C library: php-tests/fixtures/threads/spawn_connect.c, built here.
$dir = sys_get_temp_dir() . '/aes-threads-' . getmypid();
@mkdir($dir);
$so = "$dir/spawn_connect.so";
register_shutdown_function(static function () use ($dir, $so) {
    @unlink($so);
    @rmdir($dir);
});
exec('gcc -shared -fPIC -O1 -Wall -pthread -o ' . escapeshellarg($so) . ' '
    . escapeshellarg(__DIR__ . '/fixtures/threads/spawn_connect.c') . ' 2>&1', $out, $rc);
if ($rc !== 0) {
    echo "gcc failed:\n", implode("\n", $out), "\n";
}
const DECLS = 'int spawn_connect(const char *ip, int port, int how); long spawn_result;';

// What happens, in order: warnings as the app's handler sees them, then the return. (A
// warning names the PHP function it is raised after; an FFI call leaves no name behind.)
function attempt(FFI $ffi, string $what, string $ip, int $port, int $how): void
{
    $events = [];
    set_error_handler(function (int $no, string $msg) use (&$events): bool {
        $events[] = ($no === E_WARNING ? 'Warning: ' : "[$no] ") . $msg;
        return true;
    });
    $errno = $ffi->spawn_connect($ip, $port, $how);
    $events[] = "returned: errno $errno, thread's result {$ffi->spawn_result}";
    restore_error_handler();
    echo "  $what $ip:$port:\n    ", implode("\n    ", $events), "\n";
}

$mark = aes_log_mark();
$ffi = FFI::cdef(DECLS, $so);
attempt($ffi, 'thread connects', '10.0.0.5', 80, 0);
attempt($ffi, 'thread connects', '11.0.0.1', 80, 0);
attempt($ffi, 'thread connects, then pthread_exit', '192.168.7.7', 80, 1);
attempt($ffi, "thread's thread connects", '10.0.0.5', 81, 2);
attempt($ffi, "thread's thread connects", '11.0.0.1', 80, 2);
attempt($ffi, 'thread binds and listens', '0.0.0.0', 0, 3);
echo aes_connections($mark);

// The decision log of a library's thread: the request's app id, no PHP function.
$log = settings_temp_log();
echo "log:\n", settings_php([
    'ffi.enable' => '1',
    'appengine_sockets.log' => $log,
    'appengine_sockets.app_id' => 'libc-threads',
], ['-r', '$f = FFI::cdef(' . var_export(DECLS, true) . ', ' . var_export($so, true) . ');'
    . '$e = $f->spawn_connect("10.0.0.5", 80, 0); echo "errno $e\n";']);
foreach (settings_read_log($log) as $r) {
    settings_show_record($r);
}
?>
--EXPECTF--
  thread connects 10.0.0.5:80:
    Warning: connection to 10.0.0.5:80 refused (private address 10.0.0.5)
    returned: errno 13, thread's result 7
  thread connects 11.0.0.1:80:
    returned: errno 0, thread's result 7
  thread connects, then pthread_exit 192.168.7.7:80:
    Warning: connection to 192.168.7.7:80 refused (private address 192.168.7.7)
    returned: errno 13, thread's result 42
  thread's thread connects 10.0.0.5:81:
    Warning: connection to 10.0.0.5:81 refused (private address 10.0.0.5)
    returned: errno 13, thread's result 7
  thread's thread connects 11.0.0.1:80:
    returned: errno 0, thread's result 7
  thread binds and listens 0.0.0.0:0:
    Warning: listening sockets are not allowed
    returned: errno 13, thread's result 7
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
log:

Warning: connection to 10.0.0.5:80 refused (private address 10.0.0.5) in Command line code on line 1
errno 13
deny special-purpose[private]  target="10.0.0.5:80" address="10.0.0.5" port=80 app_id="libc-threads": private address 10.0.0.5
