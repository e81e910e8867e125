<?php
// target: http 10.0.0.5 8081
// A session save handler (six callables) whose close() runs curl.
require __DIR__ . '/../lib.php';
session_set_save_handler(
    fn($p, $n) => true,
    function () { echo esc_curl('http://10.0.0.5:8081/'), "\n"; return true; },
    fn($id) => '',
    fn($id, $d) => true,
    fn($id) => true,
    fn($m) => 0,
);
session_id('escapes');
session_start();
$_SESSION['x'] = 1;
