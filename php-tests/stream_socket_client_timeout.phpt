--TEST--
stream_socket_client(): read timeouts on an allowed stream behave as in stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$f = stream_socket_client('tcp://public.test:8080', $errno, $errstr, 2);
echo aes_banner($f), "\n";
// The catcher now waits for input: a read must time out after ~0.3 s.
var_dump(stream_set_timeout($f, 0, 300000));
$t = microtime(true);
var_dump(fread($f, 10));
$elapsed = microtime(true) - $t;
var_dump($elapsed >= 0.25 && $elapsed < 1.5);
var_dump(stream_get_meta_data($f)['timed_out']);
// And the stream is still usable afterwards.
fwrite($f, "ping\n");
var_dump(fgets($f));
var_dump(stream_get_meta_data($f)['timed_out']);
?>
--EXPECTF--
HELLO 11.0.0.1 8080
bool(true)
bool(false)
bool(true)
bool(true)
string(5) "ping
"
bool(false)
