<?php
// usage: php [-d extension=...] scripts/demo.php     (inside tests/netns/run.sh)
//
// Tries a fixed list of socket operations and prints one aligned line each:
//   target, ALLOWED/REFUSED, errno, and what the host answered or why it failed.
// Run by scripts/demo.sh twice, with and without the extension, so the two
// tables can be compared line by line. Needs the test namespace's hosts
// (public.test, rebind.test, tls.test, ...) and AES_FIXTURES.

declare(strict_types=1);

const TIMEOUT = 3.0;

// An open client stream: the catcher greets with "HELLO <ip> <port>", which
// shows which address we really reached.
function greeting($s): string
{
    stream_set_timeout($s, (int) TIMEOUT);
    $line = fgets($s);
    fclose($s);
    return $line === false ? '(connected, no reply)' : 'reply: ' . trim($line);
}

// A datagram socket: send one, read the catcher's one-line answer.
function datagram($s): string
{
    fwrite($s, "x");
    return greeting($s);
}

// Each attempt returns [allowed, errno, text]; @ keeps PHP's warnings out of the
// table (their text is what $errstr holds).
function client(string $uri, array $ssl = [], bool $udp = false): array
{
    $ctx = stream_context_create($ssl ? ['ssl' => $ssl] : []);
    $s = @stream_socket_client($uri, $errno, $errstr, TIMEOUT, STREAM_CLIENT_CONNECT, $ctx);
    if ($s === false) {
        return [false, $errno, $errstr !== '' ? $errstr : last_error()];
    }
    return [true, $errno, $udp ? datagram($s) : greeting($s)];
}

function fsock(string $host, int $port): array
{
    $s = @fsockopen($host, $port, $errno, $errstr, TIMEOUT);
    if ($s === false) {
        return [false, $errno, $errstr !== '' ? $errstr : last_error()];
    }
    return [true, $errno, greeting($s)];
}

// curl (libcurl's own sockets: what Guzzle, Symfony HttpClient and the cloud SDKs use),
// following redirects. ALLOWED when a connection was made (even if the reply is not
// HTTP: the catcher's banner is shown as HTTP/0.9), REFUSED when curl could not connect.
function curl_get(string $url, array $headers = []): array
{
    if (!function_exists('curl_init')) {
        return [false, 0, 'ext/curl is not loaded'];
    }
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => true,
        CURLOPT_TIMEOUT => (int) TIMEOUT, CURLOPT_HTTPHEADER => $headers]);
    if (defined('CURLOPT_HTTP09_ALLOWED')) {
        curl_setopt($ch, CURLOPT_HTTP09_ALLOWED, true);
    }
    $body = @curl_exec($ch);
    if ($body === false && curl_errno($ch) === 7 /* CURLE_COULDNT_CONNECT */) {
        $warning = last_error();
        return [false, 0, $warning !== '(no message)' ? $warning : curl_error($ch)];
    }
    $where = curl_getinfo($ch, CURLINFO_PRIMARY_IP) . ':' . curl_getinfo($ch, CURLINFO_PRIMARY_PORT);
    return [true, 0, $body === false ? "reached $where, curl: " . curl_error($ch) : "reached $where: " . trim((string) $body)];
}

// phpredis against the real Redis server scripts/demo.sh starts on a private address.
function redis_ping(string $host, int $port): array
{
    if (!class_exists('Redis')) {
        return [false, 0, 'phpredis is not loaded'];
    }
    try {
        $r = new Redis();
        if (!@$r->connect($host, $port, TIMEOUT)) {
            return [false, 0, last_error()];
        }
        return [true, 0, 'PING: ' . var_export($r->ping(), true) . ', server ' . $r->info('server')['redis_version']];
    } catch (RedisException $e) {
        $warning = last_error();
        return [false, 0, $warning !== '(no message)' ? $warning : $e->getMessage()];
    }
}

function last_error(): string
{
    $e = error_get_last();
    error_clear_last();
    return $e === null ? '(no message)' : preg_replace('/^\w+\(\): /', '', $e['message']);
}

// A Unix-domain socket to connect to, made with ext/sockets so the attempt
// below has a real listener (stock PHP then connects; a refusal is the rule,
// not a missing file). If that setup is refused too, the attempt just fails.
$unixPath = sys_get_temp_dir() . '/aes-demo-' . getmypid() . '.sock';
$unixListener = null;
if (function_exists('socket_create')) {
    $l = @socket_create(AF_UNIX, SOCK_STREAM, 0);
    if ($l !== false && @socket_bind($l, $unixPath) && @socket_listen($l)) {
        $unixListener = $l;
    }
}

// dns.py answers rebind.test with 11.0.0.1 the first time and 10.0.0.5 after:
// reset its counter so the attempt below is the first lookup.
gethostbyname('reset.control');

$fixtures = getenv('AES_FIXTURES') ?: __DIR__ . '/../tests/netns/fixtures';

$attempts = [
    ['tcp://public.test:80',          'public host',           fn() => client('tcp://public.test:80')],
    ['tcp://10.0.0.5:80',             'private address',       fn() => client('tcp://10.0.0.5:80')],
    ['fsockopen 127.1:80',            'loopback, spelled oddly', fn() => fsock('127.1', 80)],
    ['tcp://11.0.0.1:25',             'port 25',               fn() => client('tcp://11.0.0.1:25')],
    ['udp://8.8.8.8:53',              'Google DNS, whitelisted', fn() => client('udp://8.8.8.8:53', [], true)],
    ['tcp://8.8.8.8:80',              'Google range',          fn() => client('tcp://8.8.8.8:80')],
    // The reply names the address reached; a lookup made afterwards shows
    // what a second resolution (a check-then-connect race) would have used.
    ['tcp://rebind.test:80',          'DNS rebinding',         function () {
        $r = client('tcp://rebind.test:80');
        $r[2] .= ' (a second lookup now says ' . gethostbyname('rebind.test') . ')';
        return $r;
    }],
    ['server tcp://0.0.0.0:8000',     'listening socket',      function () {
        $s = @stream_socket_server('tcp://0.0.0.0:8000', $errno, $errstr);
        if ($s === false) {
            return [false, $errno, $errstr !== '' ? $errstr : last_error()];
        }
        $name = stream_socket_get_name($s, false);
        fclose($s);
        return [true, $errno, "listening on $name"];
    }],
    ['unix:///tmp/aes-demo-PID.sock', 'Unix socket',           function () use ($unixPath) {
        $r = client("unix://$unixPath");
        if ($r[0]) {
            $r[2] = 'connected to the Unix listener';
        }
        return $r;
    }],
    ['ssl://tls.test:443',            'TLS, fixture CA',       fn() => client('ssl://tls.test:443', [
        'cafile' => "$fixtures/ca.crt", 'verify_peer' => true, 'verify_peer_name' => true,
    ])],
    // The most common attack on a cloud app: make it fetch the metadata server's tokens.
    ['curl http://169.254.169.254/computeMetadata/v1/', 'cloud metadata, curl', fn() => curl_get(
        'http://169.254.169.254/computeMetadata/v1/', ['Metadata-Flavor: Google'])],
    // A public host that answers with a redirect to a private address.
    ['curl http://public.test:8081/redirect', 'redirect to 10.0.0.5, curl', fn() => curl_get(
        'http://public.test:8081/redirect?to=' . rawurlencode('http://10.0.0.5:8081/internal'))],
    ['Redis 10.0.0.5:6379',           'Redis, private address', fn() => redis_ping('10.0.0.5', 6379)],
];

$w = max(array_map(fn($a) => strlen($a[0]), $attempts));
$v = max(array_map(fn($a) => strlen($a[1]), $attempts));
printf("  %-{$w}s  %-{$v}s  %-7s  %5s  %s\n", 'target', 'case', 'result', 'errno', 'reply / reason');
foreach ($attempts as [$target, $case, $try]) {
    error_clear_last();
    [$ok, $errno, $text] = $try();
    printf("  %-{$w}s  %-{$v}s  %-7s  %5d  %s\n", $target, $case, $ok ? 'ALLOWED' : 'REFUSED', $errno, $text);
}

if ($unixListener !== null) {
    socket_close($unixListener);
}
@unlink($unixPath);
