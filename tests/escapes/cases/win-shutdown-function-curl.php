<?php
// target: http 10.0.0.5 8081
// curl in a shutdown function.
require __DIR__ . '/../lib.php';
register_shutdown_function(fn() => print(esc_curl('http://10.0.0.5:8081/') . "\n"));
