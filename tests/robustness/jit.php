<?php
/*
 * tests/robustness/jit.php: hot loops of refused calls under opcache's JIT.
 * Run by tests/robustness/run.sh with opcache.enable_cli=1 and opcache.jit
 * set; every call must stay refused with errno 13 however often it runs (the
 * JIT compiles the loops and the functions they call). "ok ..."/"FAIL ...",
 * then "done".
 *
 * argv[1]: iterations per loop (default 3000).
 */
error_reporting(E_ALL);
set_error_handler(fn () => true);
function check(bool $ok, string $what): void
{
    echo $ok ? 'ok   ' : 'FAIL ', $what, "\n";
}
$n = (int) ($argv[1] ?? 3000);

$st = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
check(is_array($st) && ($st['jit']['enabled'] ?? false) && ($st['jit']['on'] ?? false), 'opcache and its JIT are on (' . ini_get('opcache.jit') . ')');

function via_fsockopen(int $n): int
{
    $bad = 0;
    for ($i = 0; $i < $n; $i++) {
        $r = fsockopen('10.0.0.5', 80, $errno, $errstr, 1);
        if ($r !== false || $errno !== 13) {
            $bad++;
        }
    }
    return $bad;
}

function via_client(int $n): int
{
    $bad = 0;
    $targets = ['tcp://10.0.0.5:80', 'tcp://127.0.0.1:80', 'ssl://192.168.7.7:443', 'udp://10.0.0.5:9999'];
    for ($i = 0; $i < $n; $i++) {
        $r = stream_socket_client($targets[$i & 3], $errno, $errstr, 1);
        if ($r !== false || $errno !== 13) {
            $bad++;
        }
    }
    return $bad;
}

function via_sockets(int $n): int
{
    $bad = 0;
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    for ($i = 0; $i < $n; $i++) {
        if (socket_connect($s, '10.0.0.5', 80) !== false || socket_last_error($s) !== 13) {
            $bad++;
        }
        socket_clear_error($s);
        if (socket_sendto($u, 'x', 1, 0, '172.16.1.1', 9999) !== false || socket_last_error($u) !== 13) {
            $bad++;
        }
        socket_clear_error($u);
        if (socket_create(AF_UNIX, SOCK_STREAM, 0) !== false || socket_last_error() !== 13) {
            $bad++;
        }
        socket_clear_error();
    }
    return $bad;
}

function via_inline(int $n): int
{
    // The same calls straight in a loop body (a trace, not a function call).
    $bad = 0;
    for ($i = 0; $i < $n; $i++) {
        $bad += (int) (@fsockopen('udp://10.0.0.5', 9999, $e) !== false || $e !== 13);
        $bad += (int) (@stream_socket_server('tcp://0.0.0.0:0', $e) !== false || $e !== 13);
    }
    return $bad;
}

foreach (['via_fsockopen', 'via_client', 'via_sockets', 'via_inline'] as $f) {
    // Three rounds: the first makes the code hot, the later ones run it compiled.
    $bad = $f($n) + $f($n) + $f($n);
    check($bad === 0, "$f: 3 x $n iterations, $bad not refused with errno 13");
}
$st = opcache_get_status(false);
$used = ($st['jit']['buffer_size'] ?? 0) - ($st['jit']['buffer_free'] ?? 0);
check($used > 0, "the JIT compiled code ($used bytes of its buffer used)");
// An allowed call in a hot loop still goes through (UDP to the catcher).
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$sent = 0;
for ($i = 0; $i < $n; $i++) {
    $sent += (int) (socket_sendto($u, "jit\n", 4, 0, '11.0.0.1', 9999) === 4);
}
check($sent === $n, "socket_sendto(11.0.0.1:9999) allowed $sent of $n times");
echo "done\n";
