<?php
// target: http 10.0.0.5 8081
// An error handler, run for a warning of an internal function, runs curl.
require __DIR__ . '/../lib.php';
set_error_handler(function () { echo esc_curl('http://10.0.0.5:8081/'), "\n"; return true; });
hex2bin('abc');
