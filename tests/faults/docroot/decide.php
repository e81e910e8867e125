<?php
/*
 * tests/faults/log.py: decisions with the decision log under a fault.
 *   php decide.php N [HOOK_AT HOOK]   N rounds of: one allowed UDP exchange
 *                                     (stream_socket_client udp://11.0.0.1:9999), one
 *                                     refused fsockopen (10.0.0.5:80), one refused
 *                                     socket_sendto (192.168.7.7:9999)
 * HOOK (run once, before round HOOK_AT): "rotate:PATH" renames PATH to PATH.1 and
 * creates an empty PATH (logrotate's `create`); "unlink:PATH" removes PATH.
 * Prints the outcomes counted ("allowed N/N refused M/M"), the seconds taken and this
 * process's "Decision log" rows from phpinfo.
 */
$n = (int) ($argv[1] ?? 100);
$hookAt = (int) ($argv[2] ?? -1);
$hook = (string) ($argv[3] ?? '');
$allowed = $refused = 0;
$t = hrtime(true);
$sock = socket_create(AF_INET, SOCK_DGRAM, 0);
for ($i = 0; $i < $n; $i++) {
    if ($i === $hookAt) {
        [$what, $path] = explode(':', $hook, 2);
        if ($what === 'rotate') {
            rename($path, "$path.1");
            touch($path);
        } elseif ($what === 'unlink') {
            unlink($path);
        }
    }
    $u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
    if ($u !== false && fwrite($u, "x\n") && stream_set_timeout($u, 2) && fgets($u) === "HELLO 11.0.0.1 9999\n") {
        $allowed++;
    }
    if (@fsockopen('10.0.0.5', 80, $errno, $errstr, 2) === false && $errno === 13) {
        $refused++;
    }
    if (@socket_sendto($sock, "x\n", 2, 0, '192.168.7.7', 9999) === false && socket_last_error($sock) === 13) {
        $refused++;
    }
}
$secs = (hrtime(true) - $t) / 1e9;
echo "allowed $allowed/$n refused $refused/", 2 * $n, "\n";
printf("seconds %.3f\n", $secs);
ob_start();
(new ReflectionExtension('appengine_sockets'))->info();
foreach (explode("\n", ob_get_clean()) as $line) {
    if (str_starts_with($line, 'Decision log')) {
        echo $line, "\n";
    }
}
