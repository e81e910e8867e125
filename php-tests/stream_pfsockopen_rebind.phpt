--TEST--
pfsockopen(): DNS rebinding: resolved once, connected to the checked address, reused without a new lookup
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
aes_dns_reset();
$mark = aes_log_mark();
$a = pfsockopen('rebind3.test', 80, $errno, $errstr, 2);
aes_result($a, $errno, $errstr);
echo 'peer: ', stream_socket_get_name($a, true), "\n";
// The same persistent stream again: no lookup, no new connection.
$b = pfsockopen('rebind3.test', 80, $errno, $errstr, 2);
var_dump($a === $b, $errno, $errstr);
echo 'rebind3.test now resolves to ', gethostbyname('rebind3.test'), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
persistent stream: HELLO 11.0.0.1 80, errno 0, errstr ""
peer: 11.0.0.1:80
bool(true)
int(0)
string(0) ""
rebind3.test now resolves to 10.0.0.5
catcher: tcp 11.0.0.1 80 11.0.0.1
