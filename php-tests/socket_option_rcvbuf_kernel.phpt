--TEST--
socket_set_option(SO_RCVBUF): the mock never reaches the kernel (ss shows the real receive buffer; stock PHP would show 8192)
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (trim((string) shell_exec('command -v ss')) === '') die('skip ss (iproute2) is not installed');
?>
--FILE--
<?php
require __DIR__ . '/include/socket_kernel_probe.inc';
echo socket_probe_rcvbuf(), "\n";
echo socket_probe_stock('rcvbuf'), "\n";
?>
--EXPECT--
set true, get 8192, kernel rb is 8192: no
stock: set true, get 8192, kernel rb is 8192: yes
