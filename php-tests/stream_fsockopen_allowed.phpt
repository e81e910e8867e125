--TEST--
fsockopen(): a public destination behaves as in stock PHP (banner, echo, metadata, peer)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$f = fsockopen('public.test', 80, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
var_dump(fwrite($f, "ping\n"), fgets($f));
echo 'peer: ', stream_socket_get_name($f, true), "\n";
$meta = stream_get_meta_data($f);
var_dump($meta['stream_type'], $meta['mode'], $meta['timed_out'], $meta['eof']);
fclose($f);
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.1 80, errno 0, errstr ""
int(5)
string(5) "ping
"
peer: 11.0.0.1:80
string(14) "tcp_socket/ssl"
string(2) "r+"
bool(false)
bool(false)
catcher: tcp 11.0.0.1 80 11.0.0.1
