--TEST--
Parity: a refused socket option with a bad value throws ext/sockets' ValueError first (SO_RCVTIMEO keys, multicast TTL/hops ranges), then the refusal
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (PHP_VERSION_ID >= 80400) die('skip ext/sockets of PHP 8.4 and later: parity_socket_option_refused_84.phpt');
?>
--FILE--
<?php
require __DIR__ . '/include/parity.inc';
parity_run(__DIR__ . '/fixtures/parity/socket_option_refused.php');
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(socket_set_option($s, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 1, 'usec' => 0]), socket_last_error($s));
var_dump(socket_set_option($s, IPPROTO_IP, IP_MULTICAST_TTL, 255), socket_last_error($s));
?>
--EXPECTF--
SO_RCVTIMEO 5: ValueError: socket_set_option(): Argument #4 ($value) must have key "sec"
SO_SNDTIMEO [sec]: ValueError: socket_set_option(): Argument #4 ($value) must have key "usec"
IP_MULTICAST_TTL 256: ValueError: socket_set_option(): Argument #4 ($value) must be between 0 and 255
IP_MULTICAST_TTL -1: ValueError: socket_set_option(): Argument #4 ($value) must be between 0 and 255
IPV6_MULTICAST_HOPS -2: ValueError: socket_set_option(): Argument #4 ($value) must be between -1 and 255
IPV6_MULTICAST_HOPS 256: ValueError: socket_set_option(): Argument #4 ($value) must be between -1 and 255
SO_LINGER at SOL_UDP: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
stock PHP: the same output

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_RCVTIMEO is not supported on App Engine) in %s on line %d
bool(false)
int(92)

Warning: socket_set_option(): Unable to set socket option [92]: Protocol not available (IP_MULTICAST_TTL is not supported on App Engine) in %s on line %d
bool(false)
int(92)
