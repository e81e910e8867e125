--TEST--
Replaced socket functions on a closed Socket throw ext/sockets' "has already been closed" Error, as stock PHP does
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$s = socket_create(AF_INET, SOCK_DGRAM, 0);
socket_close($s);
$calls = [
    'socket_get_option' => fn() => socket_get_option($s, SOL_SOCKET, SO_RCVBUF),
    'socket_set_option' => fn() => socket_set_option($s, SOL_SOCKET, SO_RCVBUF, 1),
    'socket_listen' => fn() => socket_listen($s),
    'socket_accept' => fn() => socket_accept($s),
    'socket_bind' => fn() => socket_bind($s, '11.0.0.1', 0),
    'socket_connect' => fn() => socket_connect($s, '10.0.0.5', 9999),
    'socket_sendto' => fn() => socket_sendto($s, 'x', 1, 0, '10.0.0.5', 9999),
    'socket_sendmsg' => fn() => socket_sendmsg($s, ['name' => ['addr' => '10.0.0.5', 'port' => 9999], 'iov' => ['x']], 0),
];
foreach ($calls as $name => $call) {
    try {
        var_dump($call());
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo socket_test_catcher($mark);
?>
--EXPECT--
Error: socket_get_option(): Argument #1 ($socket) has already been closed
Error: socket_set_option(): Argument #1 ($socket) has already been closed
Error: socket_listen(): Argument #1 ($socket) has already been closed
Error: socket_accept(): Argument #1 ($socket) has already been closed
Error: socket_bind(): Argument #1 ($socket) has already been closed
Error: socket_connect(): Argument #1 ($socket) has already been closed
Error: socket_sendto(): Argument #1 ($socket) has already been closed
Error: socket_sendmsg(): Argument #1 ($socket) has already been closed
catcher: nothing
