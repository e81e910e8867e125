--TEST--
fsockopen(): udp:// to a private address is refused; no datagram is sent
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['udp://10.0.0.5', 9999], ['udp://private.test', 53]] as [$host, $port]) {
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak'); // a UDP "connect" sends nothing: a stream here must show in the log
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to udp://10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: fsockopen(): Unable to connect to udp://private.test:53 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"
catcher: nothing
