<?php
// target: http 10.0.0.5 8081
// An IPv4-mapped IPv6 literal in the URL.
require __DIR__ . '/../lib.php';
echo esc_curl('http://[::ffff:10.0.0.5]:8081/'), "\n";
