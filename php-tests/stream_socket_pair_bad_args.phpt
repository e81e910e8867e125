--TEST--
stream_socket_pair(): bad arguments keep PHP's own TypeError and ArgumentCountError
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
foreach ([fn() => stream_socket_pair('a', STREAM_SOCK_STREAM, 0), fn() => stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM),
          fn() => stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0, 1)] as $call) {
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
TypeError: stream_socket_pair(): Argument #1 ($domain) must be of type int, string given
ArgumentCountError: stream_socket_pair() expects exactly 3 arguments, 2 given
ArgumentCountError: stream_socket_pair() expects exactly 3 arguments, 4 given
