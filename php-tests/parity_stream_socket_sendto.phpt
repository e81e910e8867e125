--TEST--
Parity: stream_socket_sendto() on a closed or non-socket stream answers as stock PHP (TypeError, -1) before any lookup or decision; socket streams are still judged
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/parity.inc';
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
parity_run(__DIR__ . '/fixtures/parity/stream_socket_sendto.php');
// Socket streams, also one exported from ext/sockets, are judged.
$udp = stream_socket_client('udp://11.0.0.1:9999');
var_dump(stream_socket_sendto($udp, "x\n", 0, '10.0.0.5:9999'));
$sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$exported = socket_export_stream($sock);
echo stream_get_meta_data($exported)['stream_type'], "\n";
var_dump(stream_socket_sendto($exported, "x\n", 0, '10.0.0.5:9999'));
echo settings_catcher($mark);
?>
--EXPECTF--
closed stream: TypeError: stream_socket_sendto(): %r(supplied resource is not a valid stream resource|Argument #1 \(\$socket\) must be an open stream resource)%r
memory stream: -1
plain file: 
Warning: stream_socket_sendto(): php_network_getaddresses: getaddrinfo for totes.invalid failed: Name or service not known in %s on line 8

Warning: stream_socket_sendto(): Failed to resolve `totes.invalid': php_network_getaddresses: getaddrinfo for totes.invalid failed: Name or service not known in %s on line 8

Warning: stream_socket_sendto(): Failed to parse `totes.invalid:80' into a valid network address in %s on line 8
false
stock PHP: the same output

Warning: stream_socket_sendto(): Unable to send to 10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)
udp_socket

Warning: stream_socket_sendto(): Unable to send to 10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)
catcher: nothing
