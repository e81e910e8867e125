--TEST--
stream_socket_client(): udp:// to a public address sends and receives as in stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['udp://11.0.0.1:9999', 'udp://public2.test:53'] as $target) {
    $u = stream_socket_client($target, $errno, $errstr, 2);
    var_dump(get_resource_type($u), $errno, $errstr, fwrite($u, 'ping'));
    echo aes_banner($u), "\n";
    echo 'peer: ', stream_socket_get_name($u, true), "\n";
}
echo aes_connections($mark);
?>
--EXPECTF--
string(6) "stream"
int(0)
string(0) ""
int(4)
HELLO 11.0.0.1 9999
peer: 11.0.0.1:9999
string(6) "stream"
int(0)
string(0) ""
int(4)
HELLO 11.0.0.2 53
peer: 11.0.0.2:53
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.2 53 11.0.0.2
