<?php
// target: tcp 10.0.0.5 80
// FFI calls dlvsym(RTLD_DEFAULT, "connect", "GLIBC_2.2.5").
require __DIR__ . '/../lib.php';
$d = FFI::cdef('typedef int (*cfn)(int, const void *, unsigned int); void *dlvsym(void *, const char *, const char *); int socket(int, int, int);');
$fn = $d->cast('cfn', $d->dlvsym(null, 'connect', 'GLIBC_2.2.5'));
$l = esc_libc();
$sin = esc_sin($l, '10.0.0.5', 80);
echo $fn($d->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin)), "\n";
