--TEST--
appengine_sockets.allow: an entry without a port opens a refused address on every port, 25 included (fsockopen, stream_socket_client)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=10.0.0.5/32
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['10.0.0.5', 80], ['10.0.0.5', 25], ['private.test', 8080], ['udp://10.0.0.5', 9999], ['[::ffff:10.0.0.5]', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
echo "stream_socket_client(tcp://private.test:25): ";
settings_result(stream_socket_client('tcp://private.test:25', $errno, $errstr, 2), $errno, $errstr);
// Only 10.0.0.5 is opened: other refused addresses and port 25 elsewhere stay refused.
foreach ([['192.168.7.7', 80], ['11.0.0.1', 25], ['dual.test', 25]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(10.0.0.5, 80): connected: HELLO 10.0.0.5 80, errno 0
fsockopen(10.0.0.5, 25): connected: HELLO 10.0.0.5 25, errno 0
fsockopen(private.test, 8080): connected: HELLO 10.0.0.5 8080, errno 0
fsockopen(udp://10.0.0.5, 9999): connected: HELLO 10.0.0.5 9999, errno 0
fsockopen([::ffff:10.0.0.5], 80): connected: HELLO 10.0.0.5 80, errno 0
stream_socket_client(tcp://private.test:25): connected: HELLO 10.0.0.5 25, errno 0
fsockopen(192.168.7.7, 80): 
Warning: fsockopen(): Unable to connect to 192.168.7.7:80 (private address 192.168.7.7) in %s on line %d
false, errno 13, errstr "private address 192.168.7.7"
fsockopen(11.0.0.1, 25): 
Warning: fsockopen(): Unable to connect to 11.0.0.1:25 (port 25 is blocked) in %s on line %d
false, errno 13, errstr "port 25 is blocked"
fsockopen(dual.test, 25): 
Warning: fsockopen(): Unable to connect to dual.test:25 (port 25 is blocked; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "port 25 is blocked; dual.test resolves to 11.0.0.1, 10.0.0.5"
catcher: tcp 10.0.0.5 25
catcher: tcp 10.0.0.5 25
catcher: tcp 10.0.0.5 80
catcher: tcp 10.0.0.5 80
catcher: tcp 10.0.0.5 8080
catcher: udp 10.0.0.5 9999
