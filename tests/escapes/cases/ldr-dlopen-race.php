<?php
// The plugins' loads, and whether one reached its target (see the .c).
require __DIR__ . '/../lib.php';
$n = esc_lib('int run(int);')->run(extension_loaded('appengine_sockets') ? 1 : 0);
echo "run() = $n\n", $n >= 1000000 ? "REACHED\n" : '';
