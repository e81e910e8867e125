--TEST--
PHP 8.5: socket_create_listen(), socket_bind() and socket_sendto() with a port outside 0..65535 get ext/sockets' own ValueError
--DESCRIPTION--
PHP 8.5's ext/sockets rejects such a port with a ValueError (earlier PHPs truncate it to
16 bits, and the extension judges the port they would use). The extension leaves these
calls to the original, so the error is stock PHP's, and nothing is judged, refused or
sent: not a listening-socket refusal, not a private-address refusal, socket_last_error()
stays 0, and the catcher sees nothing.
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (PHP_VERSION_ID < 80500) die('skip PHP 8.5 and later: earlier ext/sockets truncates the port');
?>
--FILE--
<?php
$calls = [
    'socket_create_listen(70000)' => fn() => socket_create_listen(70000),
    'socket_bind(-1)' => fn() => socket_bind(socket_create(AF_INET, SOCK_STREAM, 0), '0.0.0.0', -1),
    'socket_sendto(10.0.0.5, 65536)' => fn() => socket_sendto(socket_create(AF_INET, SOCK_DGRAM, 0), 'x', 1, 0, '10.0.0.5', 65536),
    'socket_sendto(11.0.0.1, -5)' => fn() => socket_sendto(socket_create(AF_INET, SOCK_DGRAM, 0), 'x', 1, 0, '11.0.0.1', -5),
];
foreach ($calls as $what => $call) {
    socket_clear_error();
    try {
        var_dump($call());
    } catch (ValueError $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    var_dump(socket_last_error());
}
?>
--EXPECTF--
socket_create_listen(70000): ValueError: socket_create_listen(): Argument #1 ($port) must be between 0 and 65535
int(0)
socket_bind(-1): ValueError: socket_bind(): Argument #3 ($port) must be between 0 and 65535
int(0)
socket_sendto(10.0.0.5, 65536): ValueError: socket_sendto(): Argument #6 ($port) must be between 0 and 65535
int(0)
socket_sendto(11.0.0.1, -5): ValueError: socket_sendto(): Argument #6 ($port) must be between 0 and 65535
int(0)
