<?php
// target: tcp 10.0.0.5 80
// not-covered: a constructor runs inside dlopen, before the new object can be patched (docs/differences.md)
// A library's dependency (DT_NEEDED) connects in its constructor while dlopen loads both.
$dir = sys_get_temp_dir() . '/esc-dep-' . getmypid();
@mkdir($dir);
$dep = "$dir/libescdep.so";
file_put_contents("$dir/dep.c", '#include "common.h"
__attribute__((constructor)) static void at_load(void) { ESC_HIT(); }
int dep(void) { return 0; }');
file_put_contents("$dir/top.c", 'int dep(void); int run(void) { return dep(); }');
$inc = escapeshellarg(__DIR__ . '/..');
exec("gcc -shared -fPIC -I$inc -o $dep $dir/dep.c && gcc -shared -fPIC -o $dir/top.so $dir/top.c -L$dir -lescdep -Wl,-rpath,$dir", $o, $rc);
if ($rc) { echo "gcc failed\n"; exit(1); }
FFI::cdef('int run(void);', "$dir/top.so")->run();
array_map('unlink', glob("$dir/*"));
rmdir($dir);
