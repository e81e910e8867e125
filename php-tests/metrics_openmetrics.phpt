--TEST--
appengine_sockets_metrics(): the server-wide counters as OpenMetrics text, one series per app, decision, rule and layer; events; phpinfo rows
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl') || !extension_loaded('sockets')) die('skip curl/sockets not loaded'); ?>
--INI--
appengine_sockets.app_id=shop
--FILE--
<?php
// Stream layer: a refused private address, a refused port 25, an allowed public UDP literal.
var_dump(@fsockopen('10.0.0.5', 80, $errno) === false && $errno === 13);
var_dump(@stream_socket_client('udp://11.0.0.1:25', $errno) === false && $errno === 13);
$s = stream_socket_client('udp://11.0.0.1:9999');
var_dump(is_resource($s));
// Function layer: ext/sockets refused, then allowed.
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(@socket_connect($sock, '172.16.1.1', 80));
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
var_dump(socket_sendto($u, 'x', 1, 0, '11.0.0.2', 9999));
// A name that does not resolve: no decision, a resolver failure.
var_dump(@socket_connect($sock, 'nope.test', 80));
// libc layer: libcurl's own connect, refused.
$ch = curl_init('http://10.0.0.5:8081/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3]);
var_dump(@curl_exec($ch), curl_errno($ch));

$text = appengine_sockets_metrics();
foreach (explode("\n", $text) as $line) {
    if (str_starts_with($line, 'appengine_sockets_decisions_total')
        || preg_match('/^appengine_sockets_(resolver_failures|config_errors|app_folds|app_slots\w*)(_total)? /', $line)) {
        echo $line, "\n";
    }
}
var_dump(str_ends_with($text, "\n# EOF\n"), substr_count($text, '# EOF'));
var_dump(preg_match('/^appengine_sockets_start_time_seconds (\d+)$/m', $text, $m) === 1 && abs((int) $m[1] - time()) < 60);
// Every series is prefixed and typed; counters end in _total.
foreach (explode("\n", trim($text)) as $line) {
    if ($line !== '# EOF' && !preg_match('/^(# (TYPE|HELP) )?appengine_sockets_[a-z_]+/', $line)) {
        echo "bad line: $line\n";
    }
    if (preg_match('/^# TYPE (\S+) counter$/', $line, $m) && !str_ends_with($m[1], '_total')) {
        echo "counter without _total: $line\n";
    }
}
// No address or host is ever a label.
var_dump(preg_match('/10\.0\.0\.5|172\.16|11\.0\.0|nope/', $text));
ob_start();
(new ReflectionExtension('appengine_sockets'))->info();
$info = ob_get_clean();
preg_match_all('/^(Decisions in this (?:process|server[^=]*)|Server-wide counters) => (.*)$/m', $info, $rows, PREG_SET_ORDER);
foreach ($rows as $r) {
    echo $r[1], ': ', $r[2], "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
int(1)
bool(false)
bool(false)
int(7)
appengine_sockets_decisions_total{app="shop",decision="allowed",rule="public",layer="function"} 1
appengine_sockets_decisions_total{app="shop",decision="allowed",rule="public",layer="stream"} 1
appengine_sockets_decisions_total{app="shop",decision="refused",rule="port_25",layer="stream"} 1
appengine_sockets_decisions_total{app="shop",decision="refused",rule="private",layer="function"} 1
appengine_sockets_decisions_total{app="shop",decision="refused",rule="private",layer="libc"} 1
appengine_sockets_decisions_total{app="shop",decision="refused",rule="private",layer="stream"} 1
appengine_sockets_resolver_failures_total 1
appengine_sockets_config_errors_total 0
appengine_sockets_app_folds_total 0
appengine_sockets_app_slots 64
appengine_sockets_app_slots_used 1
bool(true)
int(1)
bool(true)
int(0)
Decisions in this process: 2 allowed, 4 refused, 0 reported
Decisions in this server (all processes): 2 allowed, 4 refused, 0 reported
Server-wide counters: 1 of 64 app slots used, 0 requests folded into app="other"; statsd off
