--TEST--
appengine_sockets.deny: an entry closes a whitelisted destination (Google Public DNS 8.8.8.8:53), TCP and UDP, streams and ext/sockets
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.deny=8.8.8.8/32
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['udp://8.8.8.8', 53], ['tcp://8.8.8.8', 53], ['udp://[::ffff:8.8.8.8]', 53]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
echo "stream_socket_client(udp://8.8.8.8:53): ";
settings_result(stream_socket_client('udp://8.8.8.8:53', $errno, $errstr, 2), $errno, $errstr);
settings_socket_connect('8.8.8.8', 53, AF_INET, SOCK_DGRAM);
settings_socket_connect('8.8.8.8', 53);
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_sendto($u, "ping\n", 5, 0, '8.8.8.8', 53), socket_last_error($u));
socket_close($u);
// The other whitelist entries are untouched.
echo "fsockopen(udp://8.8.4.4, 53): ";
settings_result(fsockopen('udp://8.8.4.4', 53, $errno, $errstr, 2), $errno, $errstr);
echo "fsockopen([2001:4860:4860::8888], 53): ";
settings_result(fsockopen('[2001:4860:4860::8888]', 53, $errno, $errstr, 2), $errno, $errstr);
$r = appengine_sockets_check('udp://8.8.8.8:53');
echo "check: ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']}\n";
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(udp://8.8.8.8, 53): 
Warning: fsockopen(): Unable to connect to udp://8.8.8.8:53 (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
false, errno 13, errstr "address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32"
fsockopen(tcp://8.8.8.8, 53): 
Warning: fsockopen(): Unable to connect to tcp://8.8.8.8:53 (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
false, errno 13, errstr "address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32"
fsockopen(udp://[::ffff:8.8.8.8], 53): 
Warning: fsockopen(): Unable to connect to udp://[::ffff:8.8.8.8]:53 (address ::ffff:8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
false, errno 13, errstr "address ::ffff:8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32"
stream_socket_client(udp://8.8.8.8:53): 
Warning: stream_socket_client(): Unable to connect to udp://8.8.8.8:53 (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
false, errno 13, errstr "address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32"

Warning: socket_connect(): unable to connect [13]: Permission denied (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
8.8.8.8:53: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
8.8.8.8:53: false, socket error 13, last error 13

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32) in %s on line %d
bool(false)
int(13)
fsockopen(udp://8.8.4.4, 53): connected: HELLO 8.8.4.4 53, errno 0
fsockopen([2001:4860:4860::8888], 53): connected: HELLO 2001:4860:4860::8888 53, errno 0
check: false operator-deny: address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32
catcher: tcp 2001:4860:4860::8888 53
catcher: udp 8.8.4.4 53
