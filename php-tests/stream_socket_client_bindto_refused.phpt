--TEST--
stream_socket_client(): socket.bindto to a specific address or port is refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Stock PHP binds and connects: the catcher would log the bound address as the peer.
foreach ([['11.0.0.2:0', 'tcp://11.0.0.1:80'], ['0.0.0.0:8000', 'tcp://11.0.0.1:80'], ['0:1234', 'tcp://11.0.0.1:80'], ['127.0.0.1:0', 'tcp://11.0.0.1:80'],
          ['11.0.0.2:0', 'udp://11.0.0.1:9999'], ['[2400:cb00::11]:0', 'tcp://[2400:cb00::10]:80'], ['[::1]:0', 'tcp://[2400:cb00::10]:80']] as [$bindto, $target]) {
    $ctx = stream_context_create(['socket' => ['bindto' => $bindto]]);
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, $ctx);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak');
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (binding to a specific address or port is not allowed: 11.0.0.2:0) in %s on line %d
bool(false)
int(13)
string(64) "binding to a specific address or port is not allowed: 11.0.0.2:0"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (binding to a specific address or port is not allowed: 0.0.0.0:8000) in %s on line %d
bool(false)
int(13)
string(66) "binding to a specific address or port is not allowed: 0.0.0.0:8000"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (binding to a specific address or port is not allowed: 0.0.0.0:1234) in %s on line %d
bool(false)
int(13)
string(66) "binding to a specific address or port is not allowed: 0.0.0.0:1234"

Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (binding to a specific address or port is not allowed: 127.0.0.1:0) in %s on line %d
bool(false)
int(13)
string(65) "binding to a specific address or port is not allowed: 127.0.0.1:0"

Warning: stream_socket_client(): Unable to connect to udp://11.0.0.1:9999 (binding to a specific address or port is not allowed: 11.0.0.2:0) in %s on line %d
bool(false)
int(13)
string(64) "binding to a specific address or port is not allowed: 11.0.0.2:0"

Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:80 (binding to a specific address or port is not allowed: [2400:cb00::11]:0) in %s on line %d
bool(false)
int(13)
string(71) "binding to a specific address or port is not allowed: [2400:cb00::11]:0"

Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:80 (binding to a specific address or port is not allowed: [::1]:0) in %s on line %d
bool(false)
int(13)
string(61) "binding to a specific address or port is not allowed: [::1]:0"
catcher: nothing
