--TEST--
appengine_sockets_metrics(): the rule label is the rule class: the special-purpose range that matched (private, loopback, link_local, multicast, broadcast, unspecified, reserved) and the kind of socket refused (unix, raw, socket_pair, protocol), on every layer
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl') || !extension_loaded('sockets')) die('skip curl/sockets not loaded'); ?>
--INI--
appengine_sockets.app_id=classes
--FILE--
<?php
$refused = fn($r) => $r === false;
// Stream layer: one special-purpose range of each class, IPv4 and IPv6, literal and
// carried in IPv6; then the protocol rule's kinds.
foreach ([
    'tcp://127.0.0.1:80', 'tcp://[::1]:80', 'tcp://[::ffff:127.0.0.2]:80',
    'tcp://169.254.169.254:80', 'tcp://[fe80::1]:80',
    'udp://224.0.0.251:5353', 'udp://[ff02::1]:5353',
    'udp://255.255.255.255:9',
    'tcp://0.0.0.0:80', 'tcp://[::]:80',
    'tcp://192.0.2.1:80', 'tcp://240.0.0.1:80', 'tcp://[2001:db8::1]:80',
    'tcp://100.64.0.1:80', 'tcp://[fd00::1]:80',
    'unix:///tmp/aes-metrics-classes.sock', 'udg:///tmp/aes-metrics-classes.sock',
] as $t) {
    $ok = @stream_socket_client($t, $errno, $errstr, 1) === false && $errno === 13;
    if (!$ok) echo "not refused: $t ($errno)\n";
}
var_dump(@stream_socket_server('tcp://0.0.0.0:8000'));
var_dump(@stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0));
// Function layer: ext/sockets.
var_dump(@socket_create(AF_UNIX, SOCK_STREAM, 0));
var_dump(@socket_create(AF_INET, SOCK_RAW, 1));
var_dump(@socket_create(AF_INET, SOCK_SEQPACKET, 0));
$pair = [];
var_dump(@socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair));
$s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP);
var_dump(@socket_connect($s, 'fe80::1', 80));
// libc layer: libcurl's own sockets, to loopback and to a unix socket.
$ch = curl_init('http://127.0.0.1:8081/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3]);
var_dump(@curl_exec($ch));
$ch = curl_init('http://localhost/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3, CURLOPT_UNIX_SOCKET_PATH => '/tmp/aes-metrics-classes.sock']);
var_dump(@curl_exec($ch));

foreach (explode("\n", appengine_sockets_metrics()) as $line) {
    if (str_starts_with($line, 'appengine_sockets_decisions_total')) {
        echo $line, "\n";
    }
}
?>
--EXPECT--
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
appengine_sockets_decisions_total{app="classes",decision="refused",rule="broadcast",layer="stream"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="link_local",layer="function"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="link_local",layer="stream"} 2
appengine_sockets_decisions_total{app="classes",decision="refused",rule="listen",layer="stream"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="loopback",layer="libc"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="loopback",layer="stream"} 3
appengine_sockets_decisions_total{app="classes",decision="refused",rule="multicast",layer="stream"} 2
appengine_sockets_decisions_total{app="classes",decision="refused",rule="private",layer="stream"} 2
appengine_sockets_decisions_total{app="classes",decision="refused",rule="protocol",layer="function"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="raw",layer="function"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="reserved",layer="stream"} 3
appengine_sockets_decisions_total{app="classes",decision="refused",rule="socket_pair",layer="function"} 2
appengine_sockets_decisions_total{app="classes",decision="refused",rule="unix",layer="function"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="unix",layer="libc"} 1
appengine_sockets_decisions_total{app="classes",decision="refused",rule="unix",layer="stream"} 2
appengine_sockets_decisions_total{app="classes",decision="refused",rule="unspecified",layer="stream"} 2