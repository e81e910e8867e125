--TEST--
socket_sendto(): port 25 is refused for datagrams too
--DESCRIPTION--
Ports that wrap around to 25 before PHP 8.5: socket_sendto_port25_wrap.phpt.
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
foreach ([25] as $port) {
    socket_clear_error();
    var_dump(socket_sendto($u, "x", 1, 0, '11.0.0.1', $port), socket_last_error($u), socket_last_error());
}
?>
--EXPECTF--
Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (port 25 is blocked) in %s on line %d
bool(false)
int(13)
int(13)
