--TEST--
socket_import_stream()/socket_export_stream(): keep working on allowed sockets, and an imported socket is still judged on sendto
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
// Export: a connected ext/sockets socket used as a stream.
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_connect($s, 'public.test', 80));
$st = socket_export_stream($s);
stream_set_timeout($st, 2);
var_dump(get_resource_type($st), fgets($st), fwrite($st, "ping\n"), fgets($st));
// Import: a stream socket used through ext/sockets.
$fp = stream_socket_client('tcp://11.0.0.2:80', $errno, $errstr, 2);
$sock = socket_import_stream($fp);
var_dump(get_class($sock), socket_test_read($sock), socket_write($sock, "pong\n"), socket_test_read($sock));
socket_getpeername($sock, $peer, $port);
echo "peer $peer:$port\n";
// An imported UDP socket: connected use works, a refused sendto is still refused.
$u = socket_import_stream(stream_socket_client('udp://11.0.0.1:9999', $errno, $errstr, 2));
var_dump(socket_write($u, "x"), socket_test_read($u));
var_dump(socket_sendto($u, "x", 1, 0, '10.0.0.5', 9999), socket_last_error($u));
echo socket_test_catcher($mark);
?>
--EXPECTF--
bool(true)
string(6) "stream"
string(18) "HELLO 11.0.0.1 80
"
int(5)
string(5) "ping
"
string(6) "Socket"
string(17) "HELLO 11.0.0.2 80"
int(5)
string(4) "pong"
peer 11.0.0.2:80
int(1)
string(19) "HELLO 11.0.0.1 9999"

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: udp 11.0.0.1 9999 11.0.0.1
