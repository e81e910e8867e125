<?php
// target: http 10.0.0.5 8081
// CURLOPT_RESOLVE pins public.test to a private address.
$ch = curl_init('http://public.test:8081/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_RESOLVE => ['public.test:8081:10.0.0.5']]);
var_dump(curl_exec($ch));
