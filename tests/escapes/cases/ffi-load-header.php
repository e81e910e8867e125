<?php
// target: tcp 10.0.0.5 80
// FFI::load of a header file naming libc with FFI_LIB.
require __DIR__ . '/../lib.php';
$h = sys_get_temp_dir() . '/esc-' . getmypid() . '.h';
file_put_contents($h, "#define FFI_LIB \"libc.so.6\"\nint socket(int, int, int);\nint connect(int, const void *, unsigned int);\n");
$c = FFI::load($h);
unlink($h);
$l = esc_libc();
$sin = esc_sin($l, '10.0.0.5', 80);
echo $c->connect($c->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin)), "\n";
