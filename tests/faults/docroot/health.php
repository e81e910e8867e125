<?php
// tests/faults: is this worker healthy? One allowed UDP exchange and one refusal.
header('Content-Type: text/plain');
$u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
$ok = $u !== false && fwrite($u, "x\n") && stream_set_timeout($u, 2) && fgets($u) === "HELLO 11.0.0.1 9999\n";
$r = @fsockopen('10.0.0.5', 80, $errno, $errstr, 2);
echo 'app=', ini_get('appengine_sockets.app_id'), ' pid=', getmypid(),
    ' allowed=', $ok ? 'ok' : 'failed', ' refused=', $r === false ? "errno$errno" : 'CONNECTED', "\n";
