<?php
/*
 * tests/robustness/pstream.php: one request of the embed persistent-stream
 * check. Opens (or reuses) a persistent connection to the catcher at
 * 11.0.0.1:80 and prints "app APP: local ADDRESS:PORT", so run.sh can tell
 * which requests got the same connection.
 */
$app = (string) ini_get('appengine_sockets.app_id');
$s = pfsockopen('11.0.0.1', 80, $errno, $errstr, 2);
if ($s === false) {
    echo "FAIL app $app: pfsockopen(11.0.0.1, 80) failed: $errno $errstr\n";
    return;
}
echo "app $app: local ", stream_socket_get_name($s, false), "\n";
