<?php
// tests/faults/killed.py: a request that waits in a connect or a lookup until php-fpm's
// request_terminate_timeout kills it.
//   ?what=connect   fsockopen() to a listener whose backlog is full (the SYN is dropped:
//                   the connect waits for its 30 s timeout)
//   ?what=lookup    fsockopen() to a name the test DNS server never answers (the pool's
//                   RES_OPTIONS make the resolver wait 5 s x 3 attempts)
header('Content-Type: text/plain');
echo 'app=', ini_get('appengine_sockets.app_id'), ' pid=', getmypid(), "\n";
flush();
$what = $_GET['what'] ?? 'connect';
$t = microtime(true);
$f = $what === 'lookup'
    ? @fsockopen('timeout2.test', 80, $errno, $errstr, 30)
    : @fsockopen($_GET['host'] ?? '11.0.0.3', (int) ($_GET['port'] ?? 7000), $errno, $errstr, 30);
printf("returned after %.1f s: %s\n", microtime(true) - $t, $f === false ? "errno $errno, $errstr" : 'connected');
