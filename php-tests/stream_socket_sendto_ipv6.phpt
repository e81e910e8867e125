--TEST--
stream_socket_sendto(): IPv6 destinations are judged: ULA refused, public sent
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$u = stream_socket_client('udp://[2400:cb00::10]:9999', $errno, $errstr, 2);
$mark = aes_log_mark();
foreach (['[fd00::5]:9999', '[2001:4860:4860::8888]:9999', '[2400:cb00::11]:9999', 'v6.test:9999'] as $to) {
    var_dump(stream_socket_sendto($u, 'hi', 0, $to));
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_sendto(): Unable to send to [fd00::5]:9999 (private address fd00::5) in %s on line %d
bool(false)

Warning: stream_socket_sendto(): Unable to send to [2001:4860:4860::8888]:9999 (Google address 2001:4860:4860::8888 (Google APIs and services ranges)) in %s on line %d
bool(false)
int(2)
int(2)
catcher: udp 2400:cb00::10 9999 2400:cb00::10
catcher: udp 2400:cb00::11 9999 2400:cb00::10
