<?php
/*
 * tests/robustness/refusals.php: the refusals every load order and every
 * start-up must give. Run by tests/robustness/run.sh inside tests/netns with
 * appengine_sockets loaded. One line per check, "ok ..." or "FAIL ...", then
 * "done" (a missing "done" means the script died).
 *
 * When tests/robustness/aes_probe.so is loaded (before appengine_sockets), it
 * also checks that every stream transport is wrapped and that the handlers of
 * the replaced functions are swapped.
 */
error_reporting(E_ALL);
$warnings = [];
set_error_handler(function (int $no, string $msg) use (&$warnings): bool {
    $warnings[] = $msg;
    return true;
});

function check(bool $ok, string $what): void
{
    echo $ok ? 'ok   ' : 'FAIL ', $what, "\n";
}

check(extension_loaded('appengine_sockets'), 'appengine_sockets is loaded');
check(extension_loaded('sockets'), 'sockets is loaded');

// ext/sockets: socket_create(AF_UNIX) is refused, errno 13 on both error slots.
socket_clear_error();
$s = socket_create(AF_UNIX, SOCK_STREAM, 0);
check($s === false && socket_last_error() === 13, 'socket_create(AF_UNIX) refused, socket_last_error() 13 (got '
    . var_export($s === false ? socket_last_error() : 'a socket', true) . ')');

// ext/sockets: socket_connect to 10.0.0.5.
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$r = socket_connect($s, '10.0.0.5', 80);
check($r === false && socket_last_error($s) === 13, 'socket_connect(10.0.0.5:80) refused, errno 13 (got ' . socket_last_error($s) . ')');
socket_close($s);

// streams: fsockopen, stream_socket_client over tcp:// and openssl's ssl://.
$r = fsockopen('10.0.0.5', 80, $errno, $errstr, 2);
check($r === false && $errno === 13, "fsockopen(10.0.0.5, 80) refused, errno 13 (got $errno, \"$errstr\")");
$r = fsockopen('private.test', 80, $errno, $errstr, 2);
check($r === false && $errno === 13, "fsockopen(private.test, 80) refused, errno 13 (got $errno)");
$r = stream_socket_client('tcp://10.0.0.5:80', $errno, $errstr, 2);
check($r === false && $errno === 13, "stream_socket_client(tcp://10.0.0.5:80) refused, errno 13 (got $errno)");
$r = stream_socket_client('ssl://10.0.0.5:443', $errno, $errstr, 2);
check($r === false && $errno === 13, "stream_socket_client(ssl://10.0.0.5:443) refused (openssl's transport), errno 13 (got $errno)");
$r = stream_socket_client('tls://127.0.0.1:443', $errno, $errstr, 2);
check($r === false && $errno === 13, "stream_socket_client(tls://127.0.0.1:443) refused, errno 13 (got $errno)");
$r = stream_socket_server('tcp://0.0.0.0:0', $errno, $errstr);
check($r === false && $errno === 13, "stream_socket_server refused, errno 13 (got $errno)");
check(count(array_filter($warnings, fn ($w) => str_contains($w, 'private address 10.0.0.5'))) >= 4, 'the refusals raised warnings naming the rule');

// An allowed operation still works (UDP to the catcher: no TCP connection).
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$n = socket_sendto($u, "robust\n", 7, 0, '11.0.0.1', 9999);
check($n === 7, 'socket_sendto(11.0.0.1:9999) allowed (got ' . var_export($n, true) . ')');
socket_close($u);

if (function_exists('aes_probe_changed')) {
    $c = aes_probe_changed();
    $transports = stream_get_transports();
    sort($transports);
    check($c['transports'] === $transports, 'every stream transport is wrapped (' . implode(',', $c['transports']) . ')');
    foreach (['fsockopen', 'stream_socket_client', 'socket_create', 'socket_connect', 'socket_sendto', 'socket_set_option'] as $f) {
        check(in_array($f, $c['functions'], true), "$f's handler is swapped");
    }
    echo 'functions swapped: ', count($c['functions']), "\n";
}
echo "done\n";
