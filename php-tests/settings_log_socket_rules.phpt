--TEST--
appengine_sockets.log: refusals that are not destinations are logged too (bind, listen, accept, socket pairs, raw sockets, bindto, sendto)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
$s = socket_create(AF_INET, SOCK_STREAM, 0);
@socket_bind($s, '11.0.0.1', 8000);
socket_bind($s, '0.0.0.0', 0);
@socket_listen($s);
@socket_accept($s);
@socket_create_listen(8000);
@stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
@socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
@socket_create(AF_INET, SOCK_RAW, 1);
@stream_socket_client('tcp://11.0.0.1:80', $errno, $errstr, 2, STREAM_CLIENT_CONNECT,
    stream_context_create(['socket' => ['bindto' => '11.0.0.1:0']]));
$u = stream_socket_client('udp://11.0.0.1:9999');
@stream_socket_sendto($u, "x", 0, '10.0.0.5:9999');
PHP;
echo settings_php(['appengine_sockets.log' => $log, 'appengine_sockets.app_id' => 'rules'], ['-r', $code]);
foreach (settings_read_log($log) as $r) {
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
deny bind socket_bind target="11.0.0.1:8000" address=null port=null app_id="rules": binding to a specific address or port is not allowed: 11.0.0.1:8000
allow bind socket_bind target="0.0.0.0:0" address="0.0.0.0" port=0 app_id="rules": binding to the wildcard address with port 0 is allowed
deny listen socket_listen target="" address=null port=null app_id="rules": listening sockets are not allowed
deny listen socket_accept target="" address=null port=null app_id="rules": listening sockets are not allowed
deny listen socket_create_listen target="" address=null port=null app_id="rules": listening sockets are not allowed
deny protocol[socket_pair] stream_socket_pair target="" address=null port=null app_id="rules": socket pairs are not allowed, only outbound TCP and UDP
deny protocol[socket_pair] socket_create_pair target="" address=null port=null app_id="rules": socket pairs are not allowed, only outbound TCP and UDP
deny protocol[raw] socket_create target="" address=null port=null app_id="rules": raw sockets are not allowed, only outbound TCP and UDP
deny bind stream_socket_client target="11.0.0.1:80" address=null port=80 app_id="rules": binding to a specific address or port is not allowed: 11.0.0.1:0
allow public stream_socket_client target="11.0.0.1:9999" address="11.0.0.1" port=9999 app_id="rules": public address 11.0.0.1
deny special-purpose[private] stream_socket_sendto target="10.0.0.5:9999" address="10.0.0.5" port=9999 app_id="rules": private address 10.0.0.5
catcher: nothing
