--TEST--
fsockopen(): DNS rebinding: the name is resolved once and the checked address is the one connected
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
// rebind.test answers 11.0.0.1 to the first A query after a reset, then
// 10.0.0.5: a second lookup by PHP would connect to (or be refused for)
// 10.0.0.5.
aes_dns_reset();
$mark = aes_log_mark();
$f = fsockopen('rebind.test', 80, $errno, $errstr, 2);
aes_result($f, $errno, $errstr);
echo 'peer: ', stream_socket_get_name($f, true), "\n";
echo 'rebind.test now resolves to ', gethostbyname('rebind.test'), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 11.0.0.1 80, errno 0, errstr ""
peer: 11.0.0.1:80
rebind.test now resolves to 10.0.0.5
catcher: tcp 11.0.0.1 80 11.0.0.1
