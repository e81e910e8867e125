--TEST--
http:// wrapper: connections it opens (to the server or a proxy) are judged like stream_socket_client()
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
var_dump(file_get_contents('http://10.0.0.5/'));
var_dump(file_get_contents('http://127.1:8080/'));
$ctx = stream_context_create(['http' => ['proxy' => 'tcp://10.0.0.5:8080', 'timeout' => 2]]);
var_dump(file_get_contents('http://public.test/', false, $ctx));
echo aes_connections($mark);
?>
--EXPECTF--
Warning: file_get_contents(http://10.0.0.5/): Failed to open stream: private address 10.0.0.5 in %s on line %d
bool(false)

Warning: file_get_contents(http://127.1:8080/): Failed to open stream: loopback address 127.0.0.1 in %s on line %d
bool(false)

Warning: file_get_contents(http://public.test/): Failed to open stream: private address 10.0.0.5 in %s on line %d
bool(false)
catcher: nothing
