<?php
// target: tcp 10.0.0.5 80
// FFI declares glibc's alias __connect.
require __DIR__ . '/../lib.php';
$c = FFI::cdef('int socket(int, int, int); int __connect(int, const void *, unsigned int);', 'libc.so.6');
$l = esc_libc();
$sin = esc_sin($l, '10.0.0.5', 80);
echo $c->__connect($c->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin)), "\n";
