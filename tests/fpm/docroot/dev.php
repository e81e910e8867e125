<?php
// tests/fpm/devserver.sh: what one request sees under `php -S` (one line per fact).
header('Content-Type: text/plain');
set_error_handler(function (int $type, string $message): bool {
    $name = [E_NOTICE => 'E_NOTICE', E_WARNING => 'E_WARNING'][$type] ?? "E_$type";
    echo "$name: $message\n";
    return true;
});
echo 'sapi: ', PHP_SAPI, "\n";
echo 'mode setting: ', ini_get('appengine_sockets.mode'), "\n";
$f = fsockopen('private.test', 80, $errno, $errstr, 2);
if ($f) {
    stream_set_timeout($f, 2);
    echo 'fsockopen private.test:80: ', rtrim((string) fgets($f), "\n"), "\n";
    fclose($f);
} else {
    echo "fsockopen private.test:80: false, errno $errno, errstr $errstr\n";
}
if (extension_loaded('sockets')) {
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $ok = socket_connect($s, '10.0.0.5', 80);
    echo 'socket_connect 10.0.0.5:80: ', var_export($ok, true), ', last error ', socket_last_error($s), "\n";
    if ($ok) {
        $r = [$s];
        $w = $e = null;
        $banner = socket_select($r, $w, $e, 2) === 1 ? socket_read($s, 100) : false;
        echo 'socket banner: ', $banner === false ? 'none' : rtrim($banner, "\n"), "\n";
    }
    echo 'SO_SNDBUF (mocked): ', var_export(socket_get_option($s, SOL_SOCKET, SO_SNDBUF), true), "\n";
    $set = socket_set_option($s, SOL_SOCKET, SO_BROADCAST, 1);
    echo 'set SO_BROADCAST: ', var_export($set, true), "\n";
    socket_close($s);
}
$server = stream_socket_server('tcp://0.0.0.0:8000', $errno, $errstr);
echo 'stream_socket_server: ', var_export($server, true), ", errno $errno, errstr $errstr\n";
