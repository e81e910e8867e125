<?php
// target: http 10.0.0.5 8081
// curl in an output buffer's callback, flushed as the request ends.
require __DIR__ . '/../lib.php';
ob_start(function ($buf) { return $buf . esc_curl('http://10.0.0.5:8081/') . "\n"; });
echo "body\n";
