--TEST--
stream_socket_client(): STREAM_CLIENT_ASYNC_CONNECT to a public name works with stream_select()
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$f = stream_socket_client('tcp://public.test:80', $errno, $errstr, 2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
var_dump(get_resource_type($f), $errno, $errstr);
$r = null;
$w = [$f];
$e = null;
var_dump(stream_select($r, $w, $e, 2));
echo aes_banner($f), "\n";
echo 'peer: ', stream_socket_get_name($f, true), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
string(6) "stream"
int(0)
string(0) ""
int(1)
HELLO 11.0.0.1 80
peer: 11.0.0.1:80
catcher: tcp 11.0.0.1 80 11.0.0.1
