--TEST--
stream_socket_client(): STREAM_CLIENT_PERSISTENT connects once and is reused; refusals are not cached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
$flags = STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT;
$a = stream_socket_client('tcp://public2.test:80', $errno, $errstr, 2, $flags);
aes_result($a, $errno, $errstr);
$b = stream_socket_client('tcp://public2.test:80', $errno, $errstr, 2, $flags);
var_dump(get_resource_type($b), $a === $b);
fwrite($b, "again\n");
var_dump(fgets($b));
for ($i = 0; $i < 2; $i++) {
    $p = stream_socket_client('tcp://10.0.0.5:80', $errno, $errstr, 2, $flags);
    aes_result($p, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
persistent stream: HELLO 11.0.0.2 80, errno 0, errstr ""
string(17) "persistent stream"
bool(true)
string(6) "again
"

Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
catcher: tcp 11.0.0.2 80 11.0.0.2
