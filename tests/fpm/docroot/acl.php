<?php
// tests/fpm/acl.sh: connect to host:port (twice when pause= is given, with that many ms
// between: both are judged by the ACL in force when the request started), and report.
$host = $_GET['host'] ?? 'public.test';
$port = (int) ($_GET['port'] ?? 80);
$try = function () use ($host, $port): string {
    $s = @fsockopen($host, $port, $errno, $errstr, 2);
    if ($s === false) {
        return "refused:$errno";
    }
    fclose($s);
    return 'connected';
};
$first = $try();
$second = '-';
if (isset($_GET['pause'])) {
    usleep((int) $_GET['pause'] * 1000);
    $second = $try();
}
echo 'app=', appengine_sockets_app_id(), ' pid=', getmypid(), " first=$first second=$second\n";
