--TEST--
socket_set_option()/socket_get_option(): every other option fails with ENOPROTOOPT (92), on the socket and globally
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
$s = socket_create(AF_INET, SOCK_DGRAM, 0);
$opts = [
    [SOL_SOCKET, SO_BROADCAST, 1],
    [SOL_SOCKET, SO_RCVTIMEO, ['sec' => 1, 'usec' => 0]],
    [SOL_SOCKET, SO_SNDTIMEO, ['sec' => 1, 'usec' => 0]],
    [SOL_SOCKET, SO_ERROR, 0],
    [SOL_SOCKET, SO_TYPE, 0],
    [IPPROTO_IP, IP_MULTICAST_TTL, 4],
    [IPPROTO_IPV6, IPV6_V6ONLY, 1],
];
foreach ($opts as [$level, $opt, $value]) {
    socket_clear_error();
    socket_clear_error($s);
    var_dump(socket_set_option($s, $level, $opt, $value), socket_last_error($s), socket_last_error());
    socket_clear_error();
    socket_clear_error($s);
    var_dump(socket_get_option($s, $level, $opt), socket_last_error($s), socket_last_error());
}
var_dump(socket_setopt($s, SOL_SOCKET, SO_BROADCAST, 1));
var_dump(socket_getopt($s, SOL_SOCKET, SO_BROADCAST));
?>
--EXPECTF--
Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_RCVTIMEO is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (SO_RCVTIMEO is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_SNDTIMEO is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (SO_SNDTIMEO is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_ERROR is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (SO_ERROR is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_TYPE is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (SO_TYPE is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (IP_MULTICAST_TTL is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (IP_MULTICAST_TTL is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (IPV6_V6ONLY is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_get_option(): Unable to retrieve socket option [92]: Protocol not available (IPV6_V6ONLY is not supported on App Engine) in %s on line %d
bool(false)
int(92)
int(92)

Warning: socket_setopt(): Unable to set socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine) in %s on line %d
bool(false)

Warning: socket_getopt(): Unable to retrieve socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine) in %s on line %d
bool(false)
