<?php
// target: tcp 10.0.0.5 80
// FFI: dlmopen(LM_ID_NEWLM, "libc.so.6"), then that namespace's connect.
require __DIR__ . '/../lib.php';
$d = FFI::cdef('typedef int (*cfn)(int, const void *, unsigned int); void *dlmopen(long, const char *, int); void *dlsym(void *, const char *); int socket(int, int, int);');
$h = $d->dlmopen(-1, 'libc.so.6', 2);
$fn = $d->cast('cfn', $d->dlsym($h, 'connect'));
$l = esc_libc();
$sin = esc_sin($l, '10.0.0.5', 80);
echo $fn($d->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin)), "\n";
