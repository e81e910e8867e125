--TEST--
stream_socket_client(): STREAM_CLIENT_ASYNC_CONNECT is judged like a blocking connect
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Stock PHP returns a stream for each (the connect is merely in progress).
foreach (['tcp://10.0.0.5:80', 'tcp://mixed.test:80', 'tcp://11.0.0.1:65561'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
    var_dump($f, $errno, $errstr);
    if ($f) {
        $r = null; $w = [$f]; $e = null;
        stream_select($r, $w, $e, 2);
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://mixed.test:80 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(67) "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:65561 (port 25 is blocked) in %s on line %d
bool(false)
int(13)
string(18) "port 25 is blocked"
catcher: nothing
