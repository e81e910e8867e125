--TEST--
No descriptor left (ulimit -n 64, every descriptor taken: EMFILE): every way in (ext/curl too) fails as in stock PHP, with the same message, and the extension keeps no descriptor and no memory of its own
--XFAIL--
A name looked up under EMFILE: stock PHP's first lookup probes IPv6 with socket(AF_INET6), which fails, so it asks getaddrinfo for AF_INET only (for the rest of the process), which glibc fails with EAI_SYSTEM: "System error" / [-9999]. The extension asks for AF_UNSPEC, which glibc fails with EAI_NONAME: "Name or service not known" / [-10001]. Either way the call fails and nothing is connected.
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$script = __DIR__ . '/fixtures/faults/emfile.php';
function faults_emfile(array $php): array
{
    $cmd = array_merge(['sh', '-c', 'ulimit -n 64 && exec "$@"', 'sh'], $php);
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    $out = explode("\n", trim(stream_get_contents($pipes[1])));
    proc_close($p);
    return $out;
}
$args = [$script, '4', '100'];
$stock = faults_emfile(array_merge([PHP_BINARY, '-n', '-d', 'extension=sockets', '-d', 'extension=curl'], $args));
$ext = faults_emfile(array_merge([PHP_BINARY, '-n', '-d', 'extension=sockets', '-d', 'extension=curl', '-d', 'extension=' . settings_ext()], $args));
$rounds = [];
foreach ($ext as $i => $line) {
    if (preg_match('/^round (\d+): descriptors (\d+) \(before: (\d+)\), memory (\d+), rss (\d+) kB$/', $line, $m)) {
        $rounds[(int) $m[1]] = array_map('intval', array_slice($m, 2));
        continue;
    }
    echo $line, $line === ($stock[$i] ?? null) ? ' (as stock)' : '', "\n";
}
echo 'rounds: ', count($rounds), "\n";
foreach ($rounds as $r => [$fds, $before, $mem, $rss]) {
    echo "round $r: descriptors ", $fds === $before ? 'as before' : "$fds, before $before", "\n";
}
echo 'memory_get_usage: ', $rounds[2][2] === $rounds[4][2] ? 'unchanged from round 2 to 4' : "{$rounds[2][2]} -> {$rounds[4][2]}", "\n";
$growth = $rounds[4][3] - $rounds[2][3];
echo 'VmRSS from round 2 to 4: ', $growth <= 64 ? 'flat (<= 64 kB)' : "grew $growth kB", "\n";
// The UDP datagrams sent to 11.0.0.1:9999 (socket_sendto) are the only traffic.
echo trim(implode("\n", array_unique(explode("\n", settings_catcher($mark))))), "\n";
?>
--EXPECT--
descriptors filled: yes, fopen fails with: fopen(/dev/null): Failed to open stream: Too many open files (as stock)
fsockopen 11.0.0.1:80: false, errno 0, "" (as stock)
fsockopen public.test:80: false, errno 0, "php_network_getaddresses: getaddrinfo for public.test failed: System error" (as stock)
fsockopen udp://dnspublic.test:9999: false, errno 0, "php_network_getaddresses: getaddrinfo for dnspublic.test failed: System error" (as stock)
stream_socket_client udp://11.0.0.1:9999: false, errno 0, "" (as stock)
stream_socket_client tcp://[2400:cb00::10]:80: false, errno 0, "php_network_getaddresses: getaddrinfo for 2400:cb00::10 failed: Address family for hostname not supported" (as stock)
pfsockopen 11.0.0.2:80: false, errno 0, "" (as stock)
socket_create AF_INET SOCK_STREAM: false, 24 "Unable to create socket [24]: Too many open files" (as stock)
socket_connect 11.0.0.1:9999: true 0 (as stock)
socket_connect dnspublic.test:9999: false, -9999 "Host lookup failed [-9999]: Unknown error -9999" (as stock)
socket_sendto public.test:9999: false, -9999 "Host lookup failed [-9999]: Unknown error -9999" (as stock)
socket_sendto 11.0.0.1:9999: 2 (as stock)
gethostbyname public.test: public.test (as stock)
curl_exec http://11.0.0.1:8081/: false, 7 "Failed to connect to 11.0.0.1 port 8081: Couldn't connect to server" (as stock)
curl_exec http://public.test:8081/: false, 6 "getaddrinfo() thread failed to start" (as stock)
rounds: 4
round 1: descriptors as before
round 2: descriptors as before
round 3: descriptors as before
round 4: descriptors as before
memory_get_usage: unchanged from round 2 to 4
VmRSS from round 2 to 4: flat (<= 64 kB)
catcher: udp 11.0.0.1 9999
