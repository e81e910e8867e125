<?php
// target: udp 10.0.0.5 53
// FFI sendto of a DNS-shaped datagram to a private address.
require __DIR__ . '/../lib.php';
$c = esc_libc();
$sin = esc_sin($c, '10.0.0.5', 53);
echo $c->sendto($c->socket(2, 2, 0), "x", 1, 0, FFI::addr($sin), FFI::sizeof($sin)), "\n";
