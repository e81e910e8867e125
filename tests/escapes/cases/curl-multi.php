<?php
// target: http 10.0.0.5 8081
// curl_multi (its own event loop; threaded resolver).
$m = curl_multi_init();
$ch = curl_init('http://private.test:8081/');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_multi_add_handle($m, $ch);
do { curl_multi_exec($m, $running); curl_multi_select($m, 0.2); } while ($running);
var_dump(curl_multi_getcontent($ch));
