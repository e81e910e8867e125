--TEST--
socket_sendto() before PHP 8.5: a port that wraps around to 25 (65561) is refused as port 25
--DESCRIPTION--
ext/sockets before PHP 8.5 truncates the port to 16 bits, so 65561 sends to port 25: judged
as such. PHP 8.5 throws a ValueError instead (socket_port_range_85.phpt).
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (PHP_VERSION_ID >= 80500) die('skip PHP 8.5 rejects the port with a ValueError');
?>
--FILE--
<?php
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
foreach ([65561] as $port) {
    socket_clear_error();
    var_dump(socket_sendto($u, "x", 1, 0, '11.0.0.1', $port), socket_last_error($u), socket_last_error());
}
?>
--EXPECTF--
Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (port 25 is blocked) in %s on line %d
bool(false)
int(13)
int(13)
