<?php
// target: http 10.0.0.5 8081
// An allowed URL redirects to a private address; curl follows.
$ch = curl_init('http://11.0.0.1:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2F');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => true]);
var_dump(curl_exec($ch));
