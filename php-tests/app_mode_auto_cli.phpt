--TEST--
mode=auto (the default) under the CLI is production: destination rules are enforced (errno 13), nothing reaches the refused address
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
echo PHP_SAPI, ', mode ', ini_get('appengine_sockets.mode'), "\n";
$mark = app_mark();
$f = fsockopen('private.test', 80, $errno, $errstr, 2);
echo var_export($f, true), ", errno $errno, errstr \"$errstr\"\n";
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
app_show('socket_connect 10.0.0.5:80', socket_connect($s, '10.0.0.5', 80));
app_show('socket_last_error', socket_last_error($s));
app_show('stream_socket_server', stream_socket_server('tcp://0.0.0.0:8000', $errno, $errstr));
echo "errno $errno, errstr \"$errstr\"\n";
$f = fsockopen('public.test', 80, $errno, $errstr, 2);
stream_set_timeout($f, 2);
app_show('public.test:80', app_line($f));
echo app_catcher($mark);
?>
--EXPECTF--
cli, mode auto

Warning: fsockopen(): Unable to connect to private.test:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
socket_connect 10.0.0.5:80: false
socket_last_error: 13

Warning: stream_socket_server(): Unable to connect to tcp://0.0.0.0:8000 (listening sockets are not allowed) in %s on line %d
stream_socket_server: false
errno 13, errstr "listening sockets are not allowed"
public.test:80: 'HELLO 11.0.0.1 80'
catcher: tcp 11.0.0.1 80 11.0.0.1
