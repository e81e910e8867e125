<?php
// tests/fpm: the app id as app code sees it, through ini_get() and through
// appengine_sockets_app_id(), and whether OPcache compiled this script.
header('Content-Type: text/plain');
$status = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
echo 'ini_get=', ini_get('appengine_sockets.app_id'),
    ' function=', appengine_sockets_app_id(),
    ' opcache=', is_array($status) && $status['opcache_enabled'] ? 'on' : 'off', "\n";
