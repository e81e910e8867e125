--TEST--
socket_set_option(SO_LINGER): the mock does not change close(): a normal FIN close, where stock PHP would reset
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (trim((string) shell_exec('command -v ss')) === '') die('skip ss (iproute2) is not installed');
?>
--FILE--
<?php
require __DIR__ . '/include/socket_kernel_probe.inc';
echo socket_probe_linger(), "\n";
echo socket_probe_stock('linger'), "\n";
?>
--EXPECT--
set true, after close: TIME-WAIT
stock: set true, after close: gone (reset)
