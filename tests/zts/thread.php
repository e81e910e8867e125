<?php
/*
 * tests/zts/thread.php: one request of the threaded ZTS test (tests/zts/run.sh), run
 * by aes_threads on several threads at once. Prints one line per check; run.sh
 * compares them across threads and rounds. Thread T, round R:
 *   app                the request's appengine_sockets.app_id (tTa in odd rounds, tTb in even)
 *   refused ...        refused connects fail with errno 13
 *   library thread ... a C library's thread started in this request (aes_spawn_connect)
 *                      connects to this thread's own refused port: errno 13, and this
 *                      request gets exactly its warning, no other request's
 *   program thread ... a thread of the main program (aes_threads itself) started in the
 *                      request binds 127.0.0.1 and listens: never judged
 *   option ...         a mocked socket option: the default, then this thread's own value
 *                      after the other threads set theirs on a Socket with the same handle
 *   persistent ...     rounds 1-3: pfsockopen(11.0.0.1:80)'s local address: app a gets its
 *                      own connection back in round 3, app b has another, no thread another's
 *   idle ...           round 4 (idle_timeout=1): a Socket idle 2 s is reclaimed on odd
 *                      threads, while even threads use their Socket (same handle) all along
 *   metrics ...        the server-wide counters of this request's app (only this thread
 *                      runs it): its refusals so far by layer, the library thread's too
 */
$t = (int) $_SERVER['AES_THREAD'];
$r = (int) $_SERVER['AES_ROUND'];
echo "app ", ini_get('appengine_sockets.app_id'), "\n";

$f = @fsockopen('10.0.0.5', 80, $errno, $errstr, 1);
echo "refused fsockopen 10.0.0.5:80: ", $f === false ? "false $errno" : 'connected', "\n";
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$ok = @socket_connect($s, '192.168.7.7', 80);
echo "refused socket_connect 192.168.7.7:80: ", $ok ? 'connected' : 'false ' . socket_last_error($s), "\n";
socket_close($s);

$port = 9000 + 10 * $t + $r;
$seen = [];
set_error_handler(function (int $no, string $msg) use (&$seen): bool {
    $seen[] = $msg;
    return true;
});
$e = aes_spawn_connect('10.0.0.5', $port);
usleep(50000);   // a message queued for another request would be raised by now
restore_error_handler();
echo "library thread 10.0.0.5:$port: errno $e, warnings: ", implode(' | ', $seen), "\n";
echo "program thread: ", aes_program_thread_listen(), "\n";

$o = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
echo "option SO_RCVBUF default: ", socket_get_option($o, SOL_SOCKET, SO_RCVBUF), "\n";
$set = 10000 * $t + $r;
$want = 2 * $set;     // read back as Linux reports a buffer size: doubled
socket_set_option($o, SOL_SOCKET, SO_SNDBUF, $set);
usleep(20000 * $t);   // the other threads set theirs meanwhile
$got = socket_get_option($o, SOL_SOCKET, SO_SNDBUF);
echo "option SO_SNDBUF own: ", $got === $want ? 'ok' : "got $got, want $want", "\n";
socket_close($o);

if ($r <= 3) {
    $p = pfsockopen('11.0.0.1', 80, $errno, $errstr, 2);
    echo "persistent: ", $p === false ? "failed $errno $errstr" : 'local ' . stream_socket_get_name($p, false), "\n";
}

if ($r == 4) {
    $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    if (!socket_connect($c, '11.0.0.1', 8080)) {
        echo "idle: connect failed\n";
    } else {
        socket_read($c, 100, PHP_NORMAL_READ);   // the banner
        if ($t % 2) {
            sleep(2);
        } else {
            for ($i = 0; $i < 8; $i++) {
                usleep(250000);
                @socket_write($c, "ping\n");
                @socket_read($c, 100, PHP_NORMAL_READ);
            }
        }
        $w = @socket_write($c, "ping\n");
        echo "idle: ", $w === false ? 'reclaimed' : 'alive', "\n";
    }
    socket_close($c);
}

$app = ini_get('appengine_sockets.app_id');
$text = appengine_sockets_metrics();
$n = [];
foreach (['function', 'stream', 'libc'] as $layer) {
    // String functions, not PCRE: its JIT compiler races with itself across threads.
    $series = "appengine_sockets_decisions_total{app=\"$app\",decision=\"refused\",rule=\"private\",layer=\"$layer\"} ";
    $at = strpos($text, "\n$series");
    $n[$layer] = $at === false ? 0 : (int) substr($text, $at + 1 + strlen($series), 20);
}
echo "metrics: refused function {$n['function']} stream {$n['stream']} libc {$n['libc']}\n";
