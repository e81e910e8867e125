<?php
// tests/fpm: open (or get back) a persistent socket and say which one it is.
//   ?fn=pfsockopen&host=public.test&port=80        pfsockopen()
//   ?fn=stream_socket_client&host=...&port=...     stream_socket_client(PERSISTENT)
//   &touch=0                                       open only: no operation on the stream
// One line: "app=<app id> pid=<worker pid> port=<local port> hello=<banner|none> echo=<ok|...>"
// (with touch=0: "app=<app id> pid=<worker pid> opened").
// A fresh connection to the catcher starts with its banner (HELLO ip port); a
// persistent socket handed back by PHP has had its banner read already, so
// hello=none proves the socket is the one an earlier request opened.
header('Content-Type: text/plain');
$app = (string) ini_get('appengine_sockets.app_id');
$fn = $_GET['fn'] ?? 'pfsockopen';
$host = $_GET['host'] ?? 'public.test';
$port = (int) ($_GET['port'] ?? 80);
$f = $fn === 'stream_socket_client'
    ? stream_socket_client("tcp://$host:$port", $errno, $errstr, 2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT)
    : pfsockopen($host, $port, $errno, $errstr, 2);
if ($f === false) {
    echo "app=$app pid=", getmypid(), " open failed: errno $errno, $errstr\n";
    exit;
}
if (($_GET['touch'] ?? '1') === '0') {
    // Left alone since its connect: only the idle clock started at connect can
    // tell how long this stream has been idle when a later request asks for it.
    echo "app=$app pid=", getmypid(), " opened\n";
    exit;
}
$local = (string) stream_socket_get_name($f, false);
stream_set_timeout($f, 2);
$tag = 'ping-' . getmypid() . '-' . hrtime(true);
fwrite($f, "$tag\n");
$hello = 'none';
$echo = 'missing';
while (($line = fgets($f)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === $tag) {
        $echo = 'ok';
        break;
    }
    $hello = str_replace(' ', '_', $line);
}
echo "app=$app pid=", getmypid(), ' port=', substr(strrchr($local, ':'), 1), " hello=$hello echo=$echo\n";
