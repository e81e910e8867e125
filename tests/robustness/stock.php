<?php
/*
 * tests/robustness/stock.php: run WITHOUT appengine_sockets (in a start-up of
 * the embed test that does not load it, or as a control): nothing is refused,
 * i.e. no handler or transport factory of an earlier start-up is left behind.
 * Makes ONE TCP connection (to the catcher on 10.0.0.5:80, inside
 * tests/netns; the catcher logs it). "ok ..."/"FAIL ..." lines, then "done".
 */
error_reporting(E_ALL);
function check(bool $ok, string $what): void
{
    echo $ok ? 'ok   ' : 'FAIL ', $what, "\n";
}

check(!extension_loaded('appengine_sockets'), 'appengine_sockets is not loaded');
$r = fsockopen('10.0.0.5', 80, $errno, $errstr, 2);
if ($r !== false) {
    stream_set_timeout($r, 2);
    $banner = rtrim((string) fgets($r));
    fclose($r);
}
check($r !== false && $banner === 'HELLO 10.0.0.5 80', "fsockopen(10.0.0.5, 80) connects (got " . ($r === false ? "false, $errno $errstr" : var_export($banner, true)) . ')');
$s = socket_create(AF_UNIX, SOCK_STREAM, 0);
check($s instanceof Socket, 'socket_create(AF_UNIX) works');
$srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
check($srv !== false, 'stream_socket_server(tcp://127.0.0.1:0) works' . ($srv === false ? " (got $errno $errstr)" : ''));
if (function_exists('aes_probe_changed')) {
    $c = aes_probe_changed();
    check($c['functions'] === [] && $c['transports'] === [], 'no function handler or transport factory differs from PHP\'s own ('
        . implode(',', array_merge($c['functions'], $c['transports'])) . ')');
}
echo "done\n";
