<?php
declare(ticks=1);
// target: http 10.0.0.5 8081
// A tick function runs curl.
require __DIR__ . '/../lib.php';
$done = false;
register_tick_function(function () use (&$done) { if (!$done) { $done = true; echo esc_curl('http://10.0.0.5:8081/'), "\n"; } });
$x = 1;
