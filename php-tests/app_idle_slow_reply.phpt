--TEST--
idle_timeout=1: a blocking read that waits 1.5 s for a slow reply is activity: the next operation must not find the socket reclaimed
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.mode=development
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
// A slow server on loopback, run by `php -n` (no appengine_sockets): for each
// connection it reads one line, waits 1.5 s, answers "late", then echoes.
// Loopback is a refused destination, so this test runs in development mode
// (idle reclaim applies there too).
$server = app_slow_server(1.5);
$port = $server['port'];

$f = fsockopen('127.0.0.1', $port, $errno, $errstr, 2);
stream_set_timeout($f, 5);
fwrite($f, "hi\n");
$t = microtime(true);
$line = app_line($f);
printf("fgets: %s after %.1f s\n", var_export($line, true), microtime(true) - $t);
app_show('fwrite right after the reply', fwrite($f, "again\n"));
app_show('its echo', app_line($f));
fclose($f);

$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($s, '127.0.0.1', $port);
socket_write($s, "hi\n");
$t = microtime(true);
$data = socket_read($s, 100);
printf("socket_read: %s after %.1f s\n", var_export($data, true), microtime(true) - $t);
app_show('socket_write right after the reply', socket_write($s, "again\n"));
socket_close($s);
app_slow_server_stop($server);
?>
--EXPECTF--
Notice: fsockopen(): would be refused in production: loopback address 127.0.0.1 in %s on line %d
fgets: 'late' after 1.5 s
fwrite right after the reply: 6
its echo: 'again'

Notice: socket_connect(): would be refused in production: loopback address 127.0.0.1 in %s on line %d
socket_read: 'late
' after 1.5 s
socket_write right after the reply: 6
