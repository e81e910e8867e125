--TEST--
ftp:// wrapper: its control connection goes through the stream transports and is judged
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// The catcher is not an FTP server; stock PHP still connects (and logs) first.
var_dump(file_get_contents('ftp://10.0.0.5:80/file'));
var_dump(file_get_contents('ftp://loop.test:8080/file'));
echo aes_connections($mark);
?>
--EXPECTF--
Warning: file_get_contents(): connect() failed: private address 10.0.0.5 in %s on line %d

Warning: file_get_contents(ftp://10.0.0.5:80/file): Failed to open stream: operation failed in %s on line %d
bool(false)

Warning: file_get_contents(): connect() failed: loopback address 127.0.0.1 in %s on line %d

Warning: file_get_contents(ftp://loop.test:8080/file): Failed to open stream: operation failed in %s on line %d
bool(false)
catcher: nothing
