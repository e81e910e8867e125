<?php
// target: http 10.0.0.5 8081
// curl in the request body.
require __DIR__ . '/../lib.php';
echo esc_curl('http://10.0.0.5:8081/'), "\n";
