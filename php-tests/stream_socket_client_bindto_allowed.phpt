--TEST--
stream_socket_client(): socket.bindto "0:0", "0.0.0.0:0" and "[::]:0" are allowed
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach ([['0:0', 'tcp://11.0.0.1:80'], ['0.0.0.0:0', 'udp://11.0.0.1:9999'], ['[::]:0', 'tcp://[2400:cb00::10]:80']] as [$bindto, $target]) {
    $ctx = stream_context_create(['socket' => ['bindto' => $bindto]]);
    $f = stream_socket_client($target, $errno, $errstr, 2, STREAM_CLIENT_CONNECT, $ctx);
    if ($f && str_starts_with($target, 'udp:')) {
        fwrite($f, 'hi');
    }
    echo "$bindto: ";
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
0:0: stream: HELLO 11.0.0.1 80, errno 0, errstr ""
0.0.0.0:0: stream: HELLO 11.0.0.1 9999, errno 0, errstr ""
[::]:0: stream: HELLO 2400:cb00::10 80, errno 0, errstr ""
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: udp 11.0.0.1 9999 11.0.0.1
