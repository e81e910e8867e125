<?php
// tests/fpm/run.sh: ignore_user_abort(true), then the client goes away (cgi-fcgi is
// killed after its first second): the script writes until PHP sees the connection
// aborted, then probes with curl and FFI to a refused address (see
// php-tests/fixtures/request_life/probe.php; its first probe, labelled
// auto_prepend_file, is the script's first line here).
require __DIR__ . '/../../../php-tests/fixtures/request_life/probe.php';
ignore_user_abort(true);
echo "started\n";
flush();
$start = microtime(true);
while (!connection_aborted() && microtime(true) - $start < 8) {
    echo str_repeat('.', 1024), "\n";
    flush();
    usleep(50000);
}
life_probe('after the client went away, connection_status ' . connection_status());
