<?php
// tests/fpm: what the worker (or php -S) runs with.
header('Content-Type: text/plain');
echo 'sapi=', PHP_SAPI,
    ' loaded=', extension_loaded('appengine_sockets') ? 'yes' : 'no',
    ' app=', ini_get('appengine_sockets.app_id'),
    ' mode=', ini_get('appengine_sockets.mode'),
    ' idle_timeout=', ini_get('appengine_sockets.idle_timeout'), "\n";
