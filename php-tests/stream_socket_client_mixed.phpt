--TEST--
stream_socket_client(): a name resolving to a public and a private address is refused (TCP and UDP)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://mixed.test:80', 'tcp://dual.test:80', 'udp://mixed.test:9999'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak');
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://mixed.test:80 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(67) "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to tcp://dual.test:80 (private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(66) "private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5"

Warning: stream_socket_client(): Unable to connect to udp://mixed.test:9999 (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(67) "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"
catcher: nothing
