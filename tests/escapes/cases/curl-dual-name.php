<?php
// target: http 10.0.0.5 8081
// A name with a public and a private address: curl tries both (happy eyeballs, fallback).
require __DIR__ . '/../lib.php';
echo esc_curl('http://dual.test:8081/'), "\n";
$ch = curl_init('http://dual.test:8081/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_RESOLVE => ['dual.test:8081:10.0.0.5']]);
var_dump(curl_exec($ch));
