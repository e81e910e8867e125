<?php
/*
 * One request of the php-fpm load test (tests/load/load.py): allowed and refused
 * connections through every way in (streams, ext/sockets, persistent streams, ext/curl),
 * each one's outcome in one JSON line.
 *
 * Query: probe (answer at once, nothing else), tp = TCP port of the refused targets, up = UDP port of the refused
 * targets, stats = 1 to add this process's decision counters (phpinfo row).
 * With tp=80/up=9999 the refused targets have a catcher listening, so a leak
 * would show in the catcher log; with tp=81/up=9998 nothing listens there, and
 * stock PHP (which connects) gets ECONNREFUSED at once: the same load on both sides.
 *
 * Outcomes: "ok" (traffic went and the reply came back), "sent" (UDP, nothing
 * expected back), "conn" (connected, nothing sent), "E<errno>" (failed with that
 * errno), "noreply". The persistent stream reports "new" (a banner came: a fresh
 * connection, so a decision) or "reused".
 */
if (isset($_GET['probe'])) {
    exit("ready\n");  // php-fpm is up (tests/load/load.py): no connection, no decision
}
$tp = (int) ($_GET['tp'] ?? 81);
$up = (int) ($_GET['up'] ?? 9998);
$r = [];

/** fgets(), once more if a signal cut the wait short (php-fpm's graceful reload sends
 * SIGQUIT to workers mid-request; stock PHP and the extension both see it). */
function read_line($s): string|false
{
    $line = fgets($s);
    if ($line === false && !feof($s) && !stream_get_meta_data($s)['timed_out']) {
        $line = fgets($s);
    }
    return $line;
}

function stream_udp(string $target): string
{
    $s = @stream_socket_client($target, $errno, $errstr, 2);
    if ($s === false) {
        return "E$errno";
    }
    fwrite($s, "x\n");
    stream_set_timeout($s, 2);
    $line = read_line($s);
    fclose($s);
    return $line === false ? 'noreply' : 'ok';
}

function stream_open($s, int $errno): string
{
    if ($s === false) {
        return "E$errno";
    }
    fclose($s);
    return 'conn';
}

function socket_reply(Socket $s): string
{
    do {  // a signal (php-fpm's graceful reload sends SIGQUIT) interrupts select: again
        $rd = [$s];
        $w = $e = null;
        $n = @socket_select($rd, $w, $e, 2);
    } while ($n === false && socket_last_error() === SOCKET_EINTR);  // select sets the global error
    if ($n !== 1) {
        return 'noreply';
    }
    return socket_read($s, 100) === false ? 'noreply' : 'ok';
}

// Streams: UDP to a literal and to a name served by the test DNS server (allowed).
$r['ssc_udp'] = stream_udp('udp://11.0.0.1:9999');
$r['ssc_udp_dns'] = stream_udp('udp://dnspublic.test:9999');
// Streams, refused: a private literal, a private name from /etc/hosts, port 25.
$r['fsock_private'] = stream_open(@fsockopen('10.0.0.5', $tp, $errno, $errstr, 2), $errno);
$r['ssc_private_name'] = stream_open(@stream_socket_client("tcp://private.test:$tp", $errno, $errstr, 2), $errno);
$r['ssc_port25'] = stream_open(@stream_socket_client('udp://11.0.0.1:25', $errno, $errstr, 2), $errno);

// ext/sockets: a connected UDP socket and sendto (allowed), sendto and a TCP connect (refused).
$s = socket_create(AF_INET, SOCK_DGRAM, 0);
$r['sock_connect_udp'] = @socket_connect($s, '11.0.0.2', 9999) ? (socket_write($s, "x\n") ? socket_reply($s) : 'E' . socket_last_error($s)) : 'E' . socket_last_error($s);
socket_close($s);
$s = socket_create(AF_INET, SOCK_DGRAM, 0);
$r['sock_sendto'] = @socket_sendto($s, "x\n", 2, 0, '11.0.0.1', 9999) === 2 ? socket_reply($s) : 'E' . socket_last_error($s);
$r['sock_sendto_private'] = @socket_sendto($s, "x\n", 2, 0, '192.168.7.7', $up) === 2 ? 'sent' : 'E' . socket_last_error($s);
socket_close($s);
$s = socket_create(AF_INET, SOCK_STREAM, 0);
$r['sock_connect_private'] = @socket_connect($s, '172.16.1.1', $tp) ? 'conn' : 'E' . socket_last_error($s);
socket_close($s);

// Persistent streams: one TCP connection per worker, reused by every request it serves
// (the catcher sends a banner on a fresh connection, then echoes).
$p = @pfsockopen('11.0.0.1', 80, $errno, $errstr, 2);
if ($p === false) {
    $r['pfsock'] = "E$errno";
} else {
    stream_set_timeout($p, 2);
    fwrite($p, "ping\n");
    $first = read_line($p);
    if ($first === "HELLO 11.0.0.1 80\n") {
        $r['pfsock'] = read_line($p) === "ping\n" ? 'new' : 'noreply';
    } else {
        $r['pfsock'] = $first === "ping\n" ? 'reused' : 'noreply';
    }
}
$r['pfsock_private'] = stream_open(@pfsockopen('10.0.0.5', $tp, $errno, $errstr, 2), $errno);

// ext/curl (libcurl's own sockets): an allowed GET (the catcher's HTTP responder answers
// and closes first: no client-side TIME-WAIT) and a refused one (port 8081 where the
// catcher listens, or 8082 where nothing does).
$hp = $tp === 80 ? 8081 : 8082;
foreach (['curl' => 'http://11.0.0.1:8081/load', 'curl_private' => "http://10.0.0.5:$hp/load"] as $op => $url) {
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 2]);
    $body = @curl_exec($ch);
    $r[$op] = $body === false ? 'E' . curl_errno($ch)
        : (str_starts_with($body, 'HTTP 11.0.0.1 8081 GET /load') ? 'ok' : 'unexpected');
    unset($ch); // (curl_close() has done nothing since PHP 8.0, and is deprecated in 8.5)
}

$out = ['pid' => getmypid(), 'r' => $r];
if (preg_match('/^VmRSS:\s+(\d+) kB/m', (string) @file_get_contents('/proc/self/status'), $m)) {
    $out['rss'] = (int) $m[1];
}
if (!empty($_GET['stats']) && extension_loaded('appengine_sockets')) {
    ob_start();
    (new ReflectionExtension('appengine_sockets'))->info();
    // phpinfo's HTML under php-fpm, "name => value" under the CLI
    $info = preg_replace('/\s+/', ' ', strip_tags(str_replace('</td>', ' => ', ob_get_clean())));
    if (preg_match('/Decisions in this process ?=> ?(\d+) allowed, (\d+) refused, (\d+) reported/', $info, $m)) {
        $out['counts'] = [(int) $m[1], (int) $m[2], (int) $m[3]];
    }
}
echo json_encode($out), "\n";
