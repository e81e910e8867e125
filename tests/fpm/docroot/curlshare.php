<?php
// tests/fpm/curl-share.sh: one HTTP request through a persistent cURL share handle
// (PHP 8.5's curl_share_init_persistent(), sharing connections), and which connection
// it went out on: libcurl's local port, and whether libcurl reused a connection.
//   ?url=URL
// One line: app=<app id> pid=<worker pid> port=<local port> reused=<0|1> body=<server's reply>
// On failure: "app=... pid=... error=<text>".
header('Content-Type: text/plain');
$app = (string) ini_get('appengine_sockets.app_id');
$share = curl_share_init_persistent([CURL_LOCK_DATA_CONNECT]);
$ch = curl_init((string) ($_GET['url'] ?? ''));
curl_setopt_array($ch, [CURLOPT_SHARE => $share, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 5]);
$body = curl_exec($ch);
if ($body === false) {
    echo "app=$app pid=", getmypid(), ' error=', str_replace(' ', '_', curl_error($ch)), "\n";
    exit;
}
$reused = defined('CURLINFO_NUM_CONNECTS') && curl_getinfo($ch, CURLINFO_NUM_CONNECTS) === 0 ? 1 : 0;
echo "app=$app pid=", getmypid(), ' port=', curl_getinfo($ch, CURLINFO_LOCAL_PORT),
    " reused=$reused body=", trim((string) $body), "\n";
