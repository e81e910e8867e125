<?php
// tests/fpm/run.sh: the points where PHP code runs in a php-fpm request, probed with curl
// and FFI to a refused address (see php-tests/fixtures/request_life/probe.php; its
// first probe is labelled auto_prepend_file, here it is the script's first line).
require __DIR__ . '/../../../php-tests/fixtures/request_life/probe.php';
session_set_save_handler(new LifeSession(), false);
session_start();
$_SESSION['n'] = 1;
register_shutdown_function(fn() => life_probe('shutdown function'));
echo "finished\n";
fastcgi_finish_request();
life_probe('after fastcgi_finish_request');
