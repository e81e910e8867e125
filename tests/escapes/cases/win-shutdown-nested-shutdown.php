<?php
// target: http 10.0.0.5 8081
// A shutdown function registered by a shutdown function.
require __DIR__ . '/../lib.php';
register_shutdown_function(function () {
    register_shutdown_function(fn() => print(esc_curl('http://10.0.0.5:8081/') . "\n"));
});
