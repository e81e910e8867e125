--TEST--
libc layer: pcntl_fork() while C library threads hold the layer's shared lock does not leave it locked in the child: 200 children each make a guarded call and exit (pthread_atfork handlers)
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
if (!extension_loaded('pcntl')) die('skip ext/pcntl not loaded');
if (trim((string) shell_exec('command -v gcc')) === '') die('skip gcc not installed');
?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';

$dir = sys_get_temp_dir() . '/aes-fork-locks-' . getmypid();
@mkdir($dir);
$so = "$dir/hold_and_send.so";
register_shutdown_function(static function () use ($dir, $so) {
    @unlink($so);
    @rmdir($dir);
});
exec('gcc -shared -fPIC -O1 -Wall -pthread -o ' . escapeshellarg($so) . ' '
    . escapeshellarg(__DIR__ . '/fixtures/threads/hold_and_send.c') . ' 2>&1', $out, $rc);
if ($rc !== 0) {
    echo "gcc failed:\n", implode("\n", $out), "\n";
}
foreach ([false, true] as $extension) {
    $cmd = [PHP_BINARY];
    if ($extension) {
        array_push($cmd, '-d', 'extension=' . settings_ext());
    }
    array_push($cmd, '-d', 'ffi.enable=1', '-d', 'display_errors=1', '-d', 'log_errors=0', __DIR__ . '/fixtures/fork_locks.php', $so);
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    $o = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    echo $extension ? 'extension' : 'stock', ': exit ', proc_close($p), ', ', $o;
}
?>
--EXPECT--
stock: exit 0, 200 children forked and sent, none hung
extension: exit 0, 200 children forked and sent, none hung
