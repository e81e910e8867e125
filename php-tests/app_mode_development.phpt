--TEST--
mode=development under the CLI: destination rules are reported with an E_NOTICE and the connection is made; API rules, option mocks and idle reclaim stay
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.mode=development
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
echo PHP_SAPI, ', mode ', ini_get('appengine_sockets.mode'), "\n";
$mark = app_mark();
echo "-- destination rules: reported, not enforced\n";
$f = fsockopen('private.test', 80, $errno, $errstr, 2);
stream_set_timeout($f, 2);
echo var_export(app_line($f), true), ", errno $errno, errstr \"$errstr\"\n";
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
app_show('socket_connect 10.0.0.5:80', socket_connect($s, '10.0.0.5', 80));
app_show('banner', app_socket_line($s));
echo "-- API rules: enforced\n";
app_show('stream_socket_server', stream_socket_server('tcp://0.0.0.0:8000', $errno, $errstr));
echo "errno $errno, errstr \"$errstr\"\n";
app_show('socket_create AF_UNIX', socket_create(AF_UNIX, SOCK_STREAM, 0));
app_show('socket_listen', socket_listen(socket_create(AF_INET, SOCK_STREAM, SOL_TCP)));
echo "-- option mocks\n";
app_show('set SO_KEEPALIVE', socket_set_option($s, SOL_SOCKET, SO_KEEPALIVE, 1));
app_show('get SO_KEEPALIVE', socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE));
app_show('get SO_SNDBUF', socket_get_option($s, SOL_SOCKET, SO_SNDBUF));
app_show('set SO_BROADCAST', socket_set_option($s, SOL_SOCKET, SO_BROADCAST, 1));
echo "-- idle reclaim\n";
sleep(2);
app_show('fwrite', fwrite($f, "ping\n"));
app_show('socket_write', socket_write($s, "ping\n"));
fclose($f);
socket_close($s);
echo app_catcher($mark);
?>
--EXPECTF--
cli, mode development
-- destination rules: reported, not enforced

Notice: fsockopen(): would be refused in production: private address 10.0.0.5 in %s on line %d
'HELLO 10.0.0.5 80', errno 0, errstr ""

Notice: socket_connect(): would be refused in production: private address 10.0.0.5 in %s on line %d
socket_connect 10.0.0.5:80: true
banner: 'HELLO 10.0.0.5 80'
-- API rules: enforced

Warning: stream_socket_server(): Unable to connect to tcp://0.0.0.0:8000 (listening sockets are not allowed) in %s on line %d
stream_socket_server: false
errno 13, errstr "listening sockets are not allowed"

Warning: socket_create(): Unable to create socket [13]: Permission denied (unix sockets are not allowed, only outbound TCP and UDP) in %s on line %d
socket_create AF_UNIX: false

Warning: socket_listen(): Unable to listen on socket [13]: Permission denied (listening sockets are not allowed) in %s on line %d
socket_listen: false
-- option mocks
set SO_KEEPALIVE: true
get SO_KEEPALIVE: 1
get SO_SNDBUF: 16384

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine) in %s on line %d
set SO_BROADCAST: false
-- idle reclaim

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: socket_write(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
socket_write: false
catcher: tcp 10.0.0.5 80 10.0.0.5
catcher: tcp 10.0.0.5 80 10.0.0.5