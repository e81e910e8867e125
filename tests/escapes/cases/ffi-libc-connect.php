<?php
// target: tcp 10.0.0.5 80
// FFI declares libc's connect and calls it.
require __DIR__ . '/../lib.php';
$c = esc_libc();
$fd = $c->socket(2, 1, 0);
$sin = esc_sin($c, '10.0.0.5', 80);
echo $c->connect($fd, FFI::addr($sin), FFI::sizeof($sin)), "\n";
