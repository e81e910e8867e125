--TEST--
stream_socket_sendto(): bad arguments keep PHP's own TypeError and ArgumentCountError, and send nothing
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2);
$mark = aes_log_mark();
foreach ([fn() => stream_socket_sendto('a', 'x', 0, '10.0.0.5:9999'), fn() => stream_socket_sendto($u),
          fn() => stream_socket_sendto($u, 'x', 0, ['10.0.0.5:9999'])] as $call) {
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
TypeError: stream_socket_sendto(): Argument #1 ($socket) must be of type resource, string given
ArgumentCountError: stream_socket_sendto() expects at least 2 arguments, 1 given
TypeError: stream_socket_sendto(): Argument #4 ($address) must be of type string, array given
catcher: nothing
