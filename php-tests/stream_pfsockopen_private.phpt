--TEST--
pfsockopen(): private addresses are refused, every time (a refusal leaves no persistent stream)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['10.0.0.5', 80], ['10.0.0.5', 80], ['private.test', 8080], ['udp://10.0.0.5', 9999]] as [$host, $port]) {
    $f = pfsockopen($host, $port, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak');
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: pfsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: pfsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: pfsockopen(): Unable to connect to private.test:8080 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"

Warning: pfsockopen(): Unable to connect to udp://10.0.0.5:9999 (private address 10.0.0.5) in %s on line %d
bool(false)
int(13)
string(24) "private address 10.0.0.5"
catcher: nothing
