<?php
// One benchmark workload, run by bench/bench.py (see BENCHMARKS.md).
//
// usage: php bench/workloads.php WORKLOAD N [growth]
//
// Runs WORKLOAD once to warm up (first-use costs: NSS, PHP's IPv6 probe, lazy tables),
// then N more times, and prints one JSON line:
//   {"pid", "workload", "n", "ns_per_op" (hrtime around the N timed runs), "ns_median"
//    (N <= 100: the median of the runs timed one by one, else null),
//    "mem" / "rss" (memory_get_usage() and VmRSS in bytes, after the warm-up and after
//    the N runs), "ok" (how many runs succeeded)}
// With "growth", memory is also sampled after every tenth of the N runs ("mem_samples",
// "rss_samples": 11 values, the first right after the warm-up).
//
// Network workloads talk only to the test hosts of tests/netns/run.sh (public.test =
// 11.0.0.1: TCP 80, UDP 9999): bench.py always runs this inside that namespace.

declare(strict_types=1);

if (PHP_SAPI === 'cli') {
    if ($argc < 3) {
        fwrite(STDERR, "usage: php workloads.php WORKLOAD N [growth]\n");
        exit(2);
    }
    [$workload, $n] = [$argv[1], (int) $argv[2]];
    $growth = ($argv[3] ?? '') === 'growth';
} else {
    // Under php-fpm (bench/fpm.py): ?w=WORKLOAD&n=N, one request = one run.
    [$workload, $n, $growth] = [(string) ($_GET['w'] ?? ''), (int) ($_GET['n'] ?? 0), false];
}

const HOST_ADDR = '11.0.0.1';
const HOST_NAME = 'public.test';

function rss(): int
{
    $status = @file_get_contents('/proc/self/status');
    return preg_match('/^VmRSS:\s+(\d+) kB/m', (string) $status, $m) ? (int) $m[1] * 1024 : -1;
}

// A socket shared by the per-call workloads (sendto, options): created once, so the loop
// measures only the call itself.
$shared = null;
if (in_array($workload, ['udp_sendto', 'socket_get_option', 'socket_set_option'], true)) {
    $shared = $workload === 'udp_sendto'
        ? socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)
        : socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
}

$ops = [
    'fsockopen_addr' => static function (): bool {
        $f = fsockopen(HOST_ADDR, 80, $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'fsockopen_name' => static function (): bool {
        $f = fsockopen(HOST_NAME, 80, $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'stream_socket_client' => static function (): bool {
        $f = stream_socket_client('tcp://' . HOST_ADDR . ':80', $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'stream_socket_client_name' => static function (): bool {
        $f = stream_socket_client('tcp://' . HOST_NAME . ':80', $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'socket_connect' => static function (): bool {
        $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        $ok = $s !== false && socket_connect($s, HOST_ADDR, 80);
        if ($s !== false) {
            socket_close($s);
        }
        return $ok;
    },
    'udp_sendto' => static function () use ($shared): bool {
        return socket_sendto($shared, 'x', 1, 0, HOST_ADDR, 9999) === 1;
    },
    'socket_get_option' => static function () use ($shared): bool {
        return socket_get_option($shared, SOL_SOCKET, SO_KEEPALIVE) !== false;
    },
    'socket_set_option' => static function () use ($shared): bool {
        return socket_set_option($shared, SOL_SOCKET, SO_KEEPALIVE, 1);
    },
    // ext/curl: a transfer per operation (libcurl's own connect passes the libc layer).
    'curl_addr' => static function (): bool {
        $ch = curl_init('http://' . HOST_ADDR . ':8081/');
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        $ok = is_string(curl_exec($ch));
        curl_close($ch);
        return $ok;
    },
    // One internal function call: what the hook after every internal call costs.
    'internal_call' => static function (): bool {
        static $x = -5;
        return abs($x) === 5;
    },
    // Growth-only workloads: paths that make no TCP connection, so they can run thousands
    // of times in one namespace.
    'udp_fsockopen_name' => static function (): bool {
        $f = fsockopen('udp://' . HOST_NAME, 9999, $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'udp_stream_socket_client' => static function (): bool {
        $f = stream_socket_client('udp://' . HOST_ADDR . ':9999', $errno, $errstr, 2.0);
        return $f !== false && fclose($f);
    },
    'udp_socket_connect' => static function (): bool {
        $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
        $ok = socket_connect($s, HOST_NAME, 9999);
        socket_set_option($s, SOL_SOCKET, SO_KEEPALIVE, 1);
        socket_close($s);
        return $ok;
    },
    // A refusal under the extension (private address: nothing is sent); with stock PHP
    // it connects to the namespace's 10.0.0.5, which the catcher also listens on... so
    // it is only run with the extension, and only for growth.
    'refused_private' => static function (): bool {
        $f = @fsockopen('udp://private.test', 9999, $errno, $errstr, 2.0);
        if ($f !== false) {
            fclose($f);
        }
        return $f === false && $errno === 13;
    },
    // Every UDP path in one operation, for the per-request growth check under php-fpm.
    'mix' => static function (): bool {
        $ok = true;
        foreach (['udp://' . HOST_NAME, 'udp://' . HOST_ADDR] as $target) {
            $f = fsockopen($target, 9999, $errno, $errstr, 2.0);
            $ok = $ok && $f !== false && fclose($f);
        }
        $f = stream_socket_client('udp://' . HOST_NAME . ':9999', $errno, $errstr, 2.0);
        $ok = $ok && $f !== false && fclose($f);
        $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
        $ok = $ok && socket_connect($s, HOST_NAME, 9999);
        $ok = $ok && socket_set_option($s, SOL_SOCKET, SO_KEEPALIVE, 1);
        $ok = $ok && socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE) !== false;
        $ok = $ok && socket_sendto($s, 'x', 1, 0, HOST_ADDR, 9999) === 1;
        socket_close($s);
        // Refused under the extension (nothing is sent); stock PHP makes the UDP socket.
        $f = @fsockopen('udp://' . 'private.test', 9999, $errno, $errstr, 2.0);
        if ($f !== false) {
            fclose($f);
        }
        return $ok;
    },
    'noop' => static function (): bool {
        return true;
    },
];

if (!isset($ops[$workload])) {
    fwrite(STDERR, "unknown workload $workload\n");
    exit(2);
}
$op = $ops[$workload];

// Growth samples: slots made before the loop (so filling them allocates nothing), and
// rss() run once first (its own first-use allocations are not the workload's).
$memSamples = array_fill(0, 11, 0);
$rssSamples = array_fill(0, 11, 0);
rss();
$ok = (int) $op();  // warm-up
$mem0 = memory_get_usage();
$rss0 = rss();
$memSamples[0] = $mem0;
$rssSamples[0] = $rss0;
$every = max(1, intdiv($n, 10));
// Slow operations (connects: tens of microseconds) are also timed one by one, so one
// stalled connection (a SYN retransmitted after 1 s) cannot move the median.
$each = $n <= 100 && !$growth ? array_fill(0, $n, 0) : null;
$t0 = hrtime(true);
for ($i = 1; $i <= $n; $i++) {
    if ($each !== null) {
        $a = hrtime(true);
        $ok += (int) $op();
        $each[$i - 1] = hrtime(true) - $a;
        continue;
    }
    $ok += (int) $op();
    if ($growth && $i % $every === 0 && $i <= 10 * $every) {
        $memSamples[intdiv($i, $every)] = memory_get_usage();
        $rssSamples[intdiv($i, $every)] = rss();
    }
}
$t1 = hrtime(true);
if ($each !== null) {
    sort($each);
    $mid = intdiv($n, 2);
    $median = $n % 2 ? $each[$mid] : ($each[$mid - 1] + $each[$mid]) / 2;
}
$out = [
    'pid' => getmypid(),
    'workload' => $workload,
    'n' => $n,
    'ns_per_op' => $n > 0 ? ($t1 - $t0) / $n : 0,
    'ns_median' => $median ?? null,
    'mem' => [$mem0, memory_get_usage()],
    'rss' => [$rss0, rss()],
    'ok' => $ok,
];
if ($growth) {
    $out['mem_samples'] = $memSamples;
    $out['rss_samples'] = $rssSamples;
}
echo json_encode($out), "\n";
