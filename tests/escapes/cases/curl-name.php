<?php
// target: http 10.0.0.5 8081
// curl resolves private.test itself.
require __DIR__ . '/../lib.php';
echo esc_curl('http://private.test:8081/'), "\n";
