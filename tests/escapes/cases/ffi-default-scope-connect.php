<?php
// target: tcp 10.0.0.5 80
// FFI::cdef without a library: connect found in the default scope.
require __DIR__ . '/../lib.php';
$c = FFI::cdef('int socket(int, int, int); int connect(int, const void *, unsigned int);');
$l = esc_libc();
$sin = esc_sin($l, '10.0.0.5', 80);
echo $c->connect($c->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin)), "\n";
