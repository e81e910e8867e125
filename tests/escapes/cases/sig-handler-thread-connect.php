<?php
// The handler's connects that succeeded: any is the case reaching its target.
require __DIR__ . '/../lib.php';
$n = esc_lib()->run();
echo "connected $n times\n", $n > 0 ? "REACHED\n" : '';
