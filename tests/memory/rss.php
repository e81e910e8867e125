<?php
/*
 * tests/memory/rss.php: run by tests/memory/rss.sh inside tests/netns, with
 * appengine_sockets (and sockets) loaded.
 *
 * Makes TOTAL (default 100 000) socket calls in this one process, cycling
 * through a mix of refused and allowed operations that never makes a TCP
 * connection (refused connects make none; UDP to 11.0.0.1:9999 is the allowed
 * traffic), and prints the resident set (VmRSS from /proc/self/status) and
 * Zend's memory_get_usage() every STEP calls. Then checks:
 *   - every call had the expected outcome (refusals: false + errno 13, the
 *     allowed UDP sends: the byte count);
 *   - VmRSS at the end minus VmRSS after the warm-up (the first STEP calls)
 *     is below RSS_LIMIT (1 MiB), and so is the largest value seen after
 *     warm-up;
 *   - memory_get_usage() at the end minus after warm-up is below ZEND_LIMIT;
 *   - the catcher saw UDP datagrams at 11.0.0.1:9999 and nothing at all at a
 *     refused address.
 * Prints "N passed, M failed"; exits 1 if any check failed.
 *
 * argv: [TOTAL [STEP]]
 */
declare(strict_types=1);

const RSS_LIMIT = 1024 * 1024;
const ZEND_LIMIT = 64 * 1024;

$total = (int) ($argv[1] ?? 100000);
$step = (int) ($argv[2] ?? 10000);
$passed = 0;
$failed = 0;
function check(bool $ok, string $what): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
        echo "ok   $what\n";
    } else {
        $failed++;
        echo "FAIL $what\n";
    }
}

foreach (['appengine_sockets', 'sockets'] as $e) {
    if (!extension_loaded($e)) {
        echo "rss.php: $e is not loaded\n";
        echo "0 passed, 1 failed\n";
        exit(1);
    }
}
$log = (string) getenv('AES_NETNS_LOG');
$ifs = [];
foreach ((array) @file('/proc/net/dev') as $line) {
    if (preg_match('/^\s*([^\s:]+):/', (string) $line, $m)) {
        $ifs[] = $m[1];
    }
}
if ($log === '' || !is_file($log) || $ifs !== ['lo']) {
    echo "rss.php: only inside tests/netns/run.sh (AES_NETNS_LOG set, lo the only interface)\n";
    echo "0 passed, 1 failed\n";
    exit(1);
}
$logStart = (int) filesize($log);

function vmrss(): int
{
    $status = (string) file_get_contents('/proc/self/status');
    return preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m) ? (int) $m[1] * 1024 : -1;
}

// Every warning is counted, not printed: the handler sees each refusal's E_WARNING.
$warnings = 0;
set_error_handler(function (int $no, string $msg) use (&$warnings): bool {
    $warnings++;
    return true;
});

// Long-lived sockets for the option and sendto calls.
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$tcp = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if (!$udp instanceof Socket || !$tcp instanceof Socket) {
    echo "rss.php: socket_create failed\n0 passed, 1 failed\n";
    exit(1);
}

$unexpected = [];
function expect(bool $ok, string $op, string $detail = ''): void
{
    global $unexpected;
    if (!$ok) {
        $unexpected[$op] = ($unexpected[$op] ?? 0) + 1;
        if (array_sum($unexpected) <= 5) {
            echo "unexpected: $op $detail\n";
        }
        // A refusal that did not happen may have made a real connection: stop early,
        // so a broken build cannot make thousands of them.
        if (array_sum($unexpected) > 50) {
            echo "rss.php: more than 50 unexpected results, stopping\n";
            report_and_exit();
        }
    }
}

/** A refused stream open: false, errno 13. */
function refused_stream($r, $errno, string $op): void
{
    if ($r !== false) {
        fclose($r);
    }
    expect($r === false && $errno === 13, $op, "errno $errno");
}

/** A refused ext/sockets call on $s: false, socket_last_error 13. */
function refused_socket($r, Socket $s, string $op): void
{
    expect($r === false && socket_last_error($s) === 13, $op, 'error ' . socket_last_error($s));
    socket_clear_error($s);
}

$ops = [
    'fsockopen private' => function () {
        $r = fsockopen('10.0.0.5', 80, $errno, $errstr, 1);
        refused_stream($r, $errno, 'fsockopen private');
    },
    'fsockopen private.test' => function () {
        $r = fsockopen('tcp://private.test', 80, $errno, $errstr, 1);
        refused_stream($r, $errno, 'fsockopen private.test');
    },
    'pfsockopen loopback' => function () {
        $r = pfsockopen('127.0.0.1', 80, $errno, $errstr, 1);
        refused_stream($r, $errno, 'pfsockopen loopback');
    },
    'stream_socket_client loopback' => function () {
        $r = stream_socket_client('tcp://127.0.0.1:80', $errno, $errstr, 1);
        refused_stream($r, $errno, 'stream_socket_client loopback');
    },
    'stream_socket_client [::1]' => function () {
        $r = stream_socket_client('tcp://[::1]:80', $errno, $errstr, 1);
        refused_stream($r, $errno, 'stream_socket_client [::1]');
    },
    'stream_socket_client async private' => function () {
        $r = stream_socket_client('tcp://192.168.7.7:80', $errno, $errstr, 1, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
        refused_stream($r, $errno, 'stream_socket_client async private');
    },
    'stream_socket_client ssl private' => function () {
        $r = stream_socket_client('ssl://10.0.0.5:443', $errno, $errstr, 1);
        refused_stream($r, $errno, 'stream_socket_client ssl private');
    },
    'stream_socket_client udp private' => function () {
        $r = stream_socket_client('udp://10.0.0.5:9999', $errno, $errstr, 1);
        refused_stream($r, $errno, 'stream_socket_client udp private');
    },
    'stream_socket_server' => function () {
        $r = stream_socket_server('tcp://0.0.0.0:0', $errno, $errstr);
        refused_stream($r, $errno, 'stream_socket_server');
    },
    'socket_connect private' => function () {
        $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        refused_socket(socket_connect($s, '10.0.0.5', 80), $s, 'socket_connect private');
        socket_close($s);
    },
    'socket_connect loopback name' => function () {
        $s = socket_create(AF_INET, SOCK_STREAM, 0);
        refused_socket(socket_connect($s, 'loop.test', 80), $s, 'socket_connect loopback name');
        socket_close($s);
    },
    'socket_create dgram + close' => function () {
        $s = socket_create(AF_INET6, SOCK_DGRAM, 0);
        expect($s instanceof Socket, 'socket_create dgram');
        socket_close($s);
    },
    'socket_create unix' => function () {
        socket_clear_error();
        $s = socket_create(AF_UNIX, SOCK_STREAM, 0);
        expect($s === false && socket_last_error() === 13, 'socket_create unix', 'error ' . socket_last_error());
    },
    'socket_set/get_option' => function () use ($tcp) {
        expect(socket_set_option($tcp, SOL_SOCKET, SO_KEEPALIVE, 1) === true, 'set SO_KEEPALIVE');
        expect(socket_get_option($tcp, SOL_SOCKET, SO_KEEPALIVE) === 1, 'get SO_KEEPALIVE');
        expect(socket_set_option($tcp, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 3]) === true, 'set SO_LINGER');
        expect(socket_get_option($tcp, SOL_SOCKET, SO_LINGER) === ['l_onoff' => 1, 'l_linger' => 3], 'get SO_LINGER');
        expect(socket_set_option($tcp, SOL_SOCKET, SO_BROADCAST, 1) === false, 'set SO_BROADCAST');
        socket_clear_error($tcp);
    },
    'appengine_sockets_check' => function () {
        $a = appengine_sockets_check('tcp://10.0.0.5:80');
        $b = appengine_sockets_check('public.test', 80);
        expect($a['allowed'] === false && $a['rule'] === 'special-purpose', 'check private');
        expect($b['allowed'] === true && $b['addresses'] === ['11.0.0.1'], 'check public');
    },
    'socket_sendto public udp' => function () use ($udp) {
        $n = socket_sendto($udp, "rss\n", 4, 0, '11.0.0.1', 9999);
        expect($n === 4, 'socket_sendto public', var_export($n, true));
    },
    'socket_sendto private udp' => function () use ($udp) {
        refused_socket(socket_sendto($udp, "rss\n", 4, 0, '10.0.0.5', 9999), $udp, 'socket_sendto private');
    },
    'stream udp public' => function () {
        $r = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 1);
        expect($r !== false, 'stream udp public', "[$errno] $errstr");
        if ($r !== false) {
            expect(fwrite($r, "rss\n") === 4, 'stream udp fwrite');
            fclose($r);
        }
    },
];
$names = array_keys($ops);
$fns = array_values($ops);
$k = count($fns);

printf("%d calls, a mix of %d operations (%s)\n", $total, $k, implode(', ', $names));
printf("%8s %12s %14s %16s\n", 'calls', 'VmRSS kB', 'mem_usage B', 'mem_usage(true)');
// Samples go into arrays filled up front, so storing one allocates nothing that the
// next memory_get_usage() would count.
$nsamples = intdiv($total, $step);
$rss = array_fill(0, max($nsamples, 1), 0);
$zend = array_fill(0, max($nsamples, 1), 0);
$t0 = microtime(true);
for ($i = 1; $i <= $total; $i++) {
    $fns[$i % $k]();
    if ($i % $step === 0) {
        // Drop what a cycle may hold (nothing should) before measuring.
        gc_collect_cycles();
        $j = intdiv($i, $step) - 1;
        $rss[$j] = vmrss();
        $zend[$j] = memory_get_usage();
        printf("%8d %12d %14d %16d\n", $i, $rss[$j] / 1024, $zend[$j], memory_get_usage(true));
    }
}
$elapsed = microtime(true) - $t0;
printf("%.1f s, %.0f calls/s, %d warnings raised (and counted by the handler)\n", $elapsed, $total / $elapsed, $warnings);

function report_and_exit(): never
{
    global $passed, $failed;
    echo "$passed passed, $failed failed\n";
    exit($failed === 0 ? 0 : 1);
}

check($unexpected === [], 'every call had the expected outcome' . ($unexpected ? ': ' . json_encode($unexpected) : ''));
if ($nsamples < 2) {
    check(false, 'at least two samples (TOTAL >= 2 * STEP)');
    report_and_exit();
}
// Sample 0 is "after warm-up" (the first STEP calls fill PHP's and the module's caches).
$peak = max(array_slice($rss, 1));
$grow = $rss[$nsamples - 1] - $rss[0];
check($grow < RSS_LIMIT, sprintf('VmRSS flat: last - after warm-up = %+d kB (< %d kB)', $grow / 1024, RSS_LIMIT / 1024));
check($peak - $rss[0] < RSS_LIMIT, sprintf('VmRSS flat: max after warm-up - after warm-up = %+d kB (< %d kB)', ($peak - $rss[0]) / 1024, RSS_LIMIT / 1024));
$zgrow = $zend[$nsamples - 1] - $zend[0];
check($zgrow < ZEND_LIMIT, sprintf('memory_get_usage flat: last - after warm-up = %+d B (< %d B)', $zgrow, ZEND_LIMIT));

// The catcher: UDP reached 11.0.0.1:9999; nothing reached a refused address.
usleep(300000);
$caught = (string) file_get_contents($log, false, null, $logStart);
$udpSeen = preg_match_all('/^udp 11\.0\.0\.1 9999 /m', $caught);
$leaked = preg_match_all('/^\S+ (10\.0\.0\.5|127\.0\.0\.1|::1|192\.168\.7\.7) /m', $caught);
check($udpSeen > 0, "the catcher got the allowed UDP datagrams ($udpSeen logged)");
check($leaked === 0, "nothing reached a refused address ($leaked logged)");
report_and_exit();
