--TEST--
opcache JIT (tracing): hot loops of refused calls stay refused with errno 13; a hot allowed UDP send still goes through
--DESCRIPTION--
The functions are called thousands of times, so opcache's JIT compiles the loops and the
calls to the replaced internal functions (whose handlers appengine_sockets swapped at
start-up, before anything was compiled). Every call must still be refused with errno 13.
tests/robustness/run.sh runs the same with php -n and both load orders.
--EXTENSIONS--
opcache
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--INI--
opcache.enable=1
opcache.enable_cli=1
opcache.jit=tracing
opcache.jit_buffer_size=32M
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
set_error_handler(fn () => true);

function streams(int $n): int
{
    $bad = 0;
    $targets = ['tcp://10.0.0.5:80', 'tcp://127.0.0.1:80', 'ssl://192.168.7.7:443', 'udp://10.0.0.5:9999'];
    for ($i = 0; $i < $n; $i++) {
        $r = fsockopen('10.0.0.5', 80, $errno, $errstr, 1);
        $bad += (int) ($r !== false || $errno !== 13);
        $r = stream_socket_client($targets[$i & 3], $errno, $errstr, 1);
        $bad += (int) ($r !== false || $errno !== 13);
    }
    return $bad;
}

function sockets(int $n): int
{
    $bad = 0;
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    for ($i = 0; $i < $n; $i++) {
        $bad += (int) (socket_connect($s, '10.0.0.5', 80) !== false || socket_last_error($s) !== 13);
        $bad += (int) (socket_sendto($u, 'x', 1, 0, '172.16.1.1', 9999) !== false || socket_last_error($u) !== 13);
        $bad += (int) (socket_create(AF_UNIX, SOCK_STREAM, 0) !== false || socket_last_error() !== 13);
    }
    return $bad;
}

foreach (['streams', 'sockets'] as $f) {
    $bad = $f(1000) + $f(1000) + $f(1000);
    echo "$f: $bad not refused\n";
}
$st = opcache_get_status(false);
echo 'JIT on: ', var_export($st['jit']['on'], true), ', compiled: ', var_export($st['jit']['buffer_free'] < $st['jit']['buffer_size'], true), "\n";
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$sent = 0;
for ($i = 0; $i < 1000; $i++) {
    $sent += (int) (socket_sendto($u, "jit\n", 4, 0, '11.0.0.1', 9999) === 4);
}
echo "allowed sends: $sent\n";
restore_error_handler();
// Refused connects never reach the catcher (the UDP datagrams to 11.0.0.1:9999 do).
$other = array_filter(explode("\n", aes_connections($mark)), fn ($l) => $l !== '' && $l !== 'catcher: nothing' && !str_contains($l, 'udp 11.0.0.1 9999'));
echo $other === [] ? "catcher: nothing but the UDP datagrams\n" : implode("\n", $other) . "\n";
?>
--EXPECT--
streams: 0 not refused
sockets: 0 not refused
JIT on: true, compiled: true
allowed sends: 1000
catcher: nothing but the UDP datagrams
