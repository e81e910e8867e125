--TEST--
Resolver faults (tests/netns/dns.py): timeout, SERVFAIL, truncated answers, 100 addresses with one private, a 30-link CNAME chain, a CNAME loop, AAAA-only names: PHP's usual error or the rule's refusal, never an allow on failure, and no slower than stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$names = ['timeout.test', 'servfail.test', 'truncated.test', 'truncatedprivate.test', 'many.test',
          'manypublic.test', 'chain.test', 'chainprivate.test', 'cnameloop.test', 'dnsv6.test', 'v6private.test'];
$script = __DIR__ . '/fixtures/faults/resolver.php';
function faults_run(array $cmd): array
{
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    $rows = [];
    foreach (explode("\n", trim(stream_get_contents($pipes[1]))) as $line) {
        [$name, $fn, $secs, $out] = explode(' ', $line, 4) + [3 => ''];
        $rows["$name $fn"] = [(float) $secs, $out];
    }
    proc_close($p);
    return $rows;
}
// Stock first, then the extension (each child runs every name through five functions).
$stock = faults_run(array_merge([PHP_BINARY, '-n', '-d', 'extension=sockets', '-d', 'extension=curl', $script], $names));
$ext = faults_run(array_merge([PHP_BINARY, '-n', '-d', 'extension=sockets', '-d', 'extension=curl', '-d', 'extension=' . settings_ext(), $script], $names));
$slower = [];
foreach ($ext as $key => [$secs, $out]) {
    [$ssecs, $sout] = $stock[$key] ?? [0.0, '(missing)'];
    $short = strlen($out) > 70 ? substr($out, 0, 70) . '...' : $out;
    echo "$key: $short", $out === $sout ? ' (as stock)' : '', "\n";
    // many.test through curl is refused as a whole: libcurl, every address refused, may
    // spend its whole timeout (5 s) going through them (7.88 does), as stock libcurl does
    // when every address of a name fails. Not a slower lookup: timed on its own below.
    if ($secs > $ssecs + 0.5 && $key !== 'many.test curl_exec') {
        $slower[] = sprintf('%s: %.3f s, stock %.3f s', $key, $secs, $ssecs);
    }
}
// Durations: the timeouts are 1 s each (resolv.conf: timeout:1 attempts:1). A second
// lookup of the name would double them: allowed margin 0.5 s.
foreach (['timeout.test stream_socket_client', 'timeout.test socket_connect', 'timeout.test curl_exec'] as $key) {
    printf("%s: %.3f s with the extension, %.3f s stock\n", $key, $ext[$key][0], $stock[$key][0]);
}
printf("many.test curl_exec: %s\n", $ext['many.test curl_exec'][0] < 5.5 ? 'within libcurl\'s 5 s timeout' : sprintf('%.3f s', $ext['many.test curl_exec'][0]));
echo 'slower than stock + 0.5 s: ', $slower === [] ? 'none' : implode('; ', $slower), "\n";
?>
--EXPECTF--
timeout.test stream_socket_client: E0 php_network_getaddresses: getaddrinfo for timeout.test failed: Temp... (as stock)
timeout.test fsockopen: E0 php_network_getaddresses: getaddrinfo for timeout.test failed: Temp... (as stock)
timeout.test socket_connect: E-10002 Host lookup failed [-10002]: Host name lookup failure (as stock)
timeout.test curl_exec: E6 Could not resolve host: timeout.test (as stock)
timeout.test socket_sendto: E-10002 Host lookup failed [-10002]: Host name lookup failure (as stock)
servfail.test stream_socket_client: E0 php_network_getaddresses: getaddrinfo for servfail.test failed: Tem... (as stock)
servfail.test fsockopen: E0 php_network_getaddresses: getaddrinfo for servfail.test failed: Tem... (as stock)
servfail.test socket_connect: E-10002 Host lookup failed [-10002]: Host name lookup failure (as stock)
servfail.test curl_exec: E6 Could not resolve host: servfail.test (as stock)
servfail.test socket_sendto: E-10002 Host lookup failed [-10002]: Host name lookup failure (as stock)
truncated.test stream_socket_client: ok HELLO 11.0.0.2 9999 (as stock)
truncated.test fsockopen: ok HELLO 11.0.0.2 9999 (as stock)
truncated.test socket_connect: ok HELLO 11.0.0.2 9999 (as stock)
truncated.test curl_exec: ok HTTP 11.0.0.2 8081 GET / (as stock)
truncated.test socket_sendto: ok HELLO 11.0.0.2 9999 (as stock)
truncatedprivate.test stream_socket_client: E13 private address 10.0.0.5
truncatedprivate.test fsockopen: E13 private address 10.0.0.5
truncatedprivate.test socket_connect: E13 unable to connect [13]: Permission denied (private address 10.0.0....
truncatedprivate.test curl_exec: E7 Failed to connect to truncatedprivate.test%r( port 8081: (Couldn't conn|Could not con)|:8081: Could not connect )%r...
truncatedprivate.test socket_sendto: E13 Unable to write to socket [13]: Permission denied (private address...
many.test stream_socket_client: E13 private address 10.0.0.5; many.test resolves to 11.0.0.1, 10.0.0.5...
many.test fsockopen: E13 private address 10.0.0.5; many.test resolves to 11.0.0.1, 10.0.0.5...
many.test socket_connect: E13 unable to connect [13]: Permission denied (private address 10.0.0....
many.test curl_exec: %r(E28|E7)%r %s
many.test socket_sendto: E13 Unable to write to socket [13]: Permission denied (private address...
manypublic.test stream_socket_client: ok HELLO 11.0.0.1 9999 (as stock)
manypublic.test fsockopen: ok HELLO 11.0.0.1 9999 (as stock)
manypublic.test socket_connect: ok HELLO 11.0.0.1 9999 (as stock)
manypublic.test curl_exec: ok HTTP 11.0.0.1 8081 GET / (as stock)
manypublic.test socket_sendto: ok HELLO 11.0.0.1 9999 (as stock)
chain.test stream_socket_client: ok HELLO 11.0.0.2 9999 (as stock)
chain.test fsockopen: ok HELLO 11.0.0.2 9999 (as stock)
chain.test socket_connect: ok HELLO 11.0.0.2 9999 (as stock)
chain.test curl_exec: ok HTTP 11.0.0.2 8081 GET / (as stock)
chain.test socket_sendto: ok HELLO 11.0.0.2 9999 (as stock)
chainprivate.test stream_socket_client: E13 private address 10.0.0.5
chainprivate.test fsockopen: E13 private address 10.0.0.5
chainprivate.test socket_connect: E13 unable to connect [13]: Permission denied (private address 10.0.0....
chainprivate.test curl_exec: E7 Failed to connect to chainprivate.test%r( port 8081: (Couldn't connect |Could not connect)|:8081: Could not connect to s)%r...
chainprivate.test socket_sendto: E13 Unable to write to socket [13]: Permission denied (private address...
cnameloop.test stream_socket_client: E0 php_network_getaddresses: getaddrinfo for cnameloop.test failed: Na... (as stock)
cnameloop.test fsockopen: E0 php_network_getaddresses: getaddrinfo for cnameloop.test failed: Na... (as stock)
cnameloop.test socket_connect: E-10001 Host lookup failed [-10001]: Unknown host (as stock)
cnameloop.test curl_exec: E6 Could not resolve host: cnameloop.test (as stock)
cnameloop.test socket_sendto: E-10001 Host lookup failed [-10001]: Unknown host (as stock)
dnsv6.test stream_socket_client: ok HELLO 2400:cb00::11 9999 (as stock)
dnsv6.test fsockopen: ok HELLO 2400:cb00::11 9999 (as stock)
dnsv6.test socket_connect: ok HELLO 2400:cb00::11 9999 (as stock)
dnsv6.test curl_exec: ok HTTP 2400:cb00::11 8081 GET / (as stock)
dnsv6.test socket_sendto: ok HELLO 2400:cb00::11 9999 (as stock)
v6private.test stream_socket_client: E13 private address fd00::5
v6private.test fsockopen: E13 private address fd00::5
v6private.test socket_connect: E13 unable to connect [13]: Permission denied (private address fd00::5...
v6private.test curl_exec: E7 Failed to connect to v6private.test%r( port 8081: (Couldn't connect to |Could not connect to)|:8081: Could not connect to serv)%r...
v6private.test socket_sendto: E13 Unable to write to socket [13]: Permission denied (private address...
timeout.test stream_socket_client: %f s with the extension, %f s stock
timeout.test socket_connect: %f s with the extension, %f s stock
timeout.test curl_exec: %f s with the extension, %f s stock
many.test curl_exec: within libcurl's 5 s timeout
slower than stock + 0.5 s: none
