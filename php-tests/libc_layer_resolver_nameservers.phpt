--TEST--
libc layer: res_query/res_nquery through the system's nameserver work; through a nameserver a library chose, it is judged as a send to it: a private one fails with EACCES and one warning, Google Public DNS is allowed
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

$so = sys_get_temp_dir() . '/aes-res-' . getmypid() . '.so';
register_shutdown_function(static fn() => @unlink($so));
exec('gcc -shared -fPIC -O1 -Wall -o ' . escapeshellarg($so) . ' '
    . escapeshellarg(__DIR__ . '/fixtures/resolver/res_query_to.c') . ' -lresolv 2>&1', $out, $rc);
if ($rc !== 0) {
    echo "gcc failed:\n", implode("\n", $out), "\n";
}
$ffi = FFI::cdef('int query(const char *ip, const char *name); int nquery(const char *ip, const char *name);', $so);

foreach (['query', 'nquery'] as $fn) {
    foreach ([null, '10.0.0.5', '8.8.8.8'] as $ip) {
        $mark = aes_log_mark();
        [$n, $warnings] = aes_with_warnings(fn() => $ffi->$fn($ip, 'mixed.test'));
        // -1110: ETIMEDOUT, the catcher on 8.8.8.8:53 answers no DNS.
        echo "$fn via ", $ip ?? 'the system', ': ', $n > 0 ? 'an answer' : "result $n", "\n";
        foreach ($warnings as $w) {
            echo "  $w\n";
        }
        echo preg_replace('/^/m', '  ', aes_connections($mark));
    }
}
?>
--EXPECT--
query via the system: an answer
  catcher: nothing
query via 10.0.0.5: result -1013
  Warning: query(): sending to 10.0.0.5:53 refused (private address 10.0.0.5)
  catcher: nothing
query via 8.8.8.8: result -1110
  catcher: udp 8.8.8.8 53 8.8.8.8
nquery via the system: an answer
  catcher: nothing
nquery via 10.0.0.5: result -1013
  Warning: nquery(): sending to 10.0.0.5:53 refused (private address 10.0.0.5)
  catcher: nothing
nquery via 8.8.8.8: result -1110
  catcher: udp 8.8.8.8 53 8.8.8.8
