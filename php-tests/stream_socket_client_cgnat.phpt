--TEST--
stream_socket_client(): shared (carrier-grade NAT) 100.64.0.0/10 is refused over TCP and UDP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://100.64.0.9:80', 'udp://100.64.0.9:53'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak');
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://100.64.0.9:80 (shared (carrier-grade NAT) address 100.64.0.9) in %s on line %d
bool(false)
int(13)
string(45) "shared (carrier-grade NAT) address 100.64.0.9"

Warning: stream_socket_client(): Unable to connect to udp://100.64.0.9:53 (shared (carrier-grade NAT) address 100.64.0.9) in %s on line %d
bool(false)
int(13)
string(45) "shared (carrier-grade NAT) address 100.64.0.9"
catcher: nothing
