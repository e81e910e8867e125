--TEST--
ftp_connect(): a private FTP server is never connected to
--SKIPIF--
<?php
require __DIR__ . '/include/skipif.inc';
if (!function_exists('ftp_connect')) die('skip ext/ftp not loaded');
?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// The catcher is not an FTP server, so ftp_connect() fails either way; what
// matters is whether a TCP connection reached the refused address.
// (It then waits out its timeout for an FTP reply that never comes: keep it short.)
var_dump(@ftp_connect('10.0.0.5', 80, 1));
echo aes_connections($mark);
?>
--EXPECTF--
bool(false)
catcher: nothing
