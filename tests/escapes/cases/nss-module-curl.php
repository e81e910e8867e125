<?php
require __DIR__ . '/../lib.php';
echo esc_curl('http://public.test:8081/'), "\n";
