--TEST--
socket_sendmsg(): an allowed ["name"] is sent to its checked address, the app's array is not modified; no name on a connected socket
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
function reply(Socket $u): string {
    $r = [$u];
    $w = $e = null;
    socket_select($r, $w, $e, 2);
    socket_recvfrom($u, $buf, 100, MSG_DONTWAIT, $from, $port);
    return "reply from $from:$port: " . rtrim((string) $buf);
}
$mark = socket_test_mark();
$u = socket_create(AF_INET, SOCK_DGRAM, 0);
$msg = ['name' => ['addr' => 'public.test', 'port' => 9999], 'iov' => ["ping\n"]];
var_dump(socket_sendmsg($u, $msg, 0));
echo reply($u), "\n";
var_dump($msg['name']);
$u6 = socket_create(AF_INET6, SOCK_DGRAM, 0);
var_dump(socket_sendmsg($u6, ['name' => ['addr' => 'v6.test', 'port' => 9999], 'iov' => ["ping\n"]], 0));
echo reply($u6), "\n";
// No ["name"]: a connected socket, judged at socket_connect().
$c = socket_create(AF_INET, SOCK_DGRAM, 0);
var_dump(socket_connect($c, '11.0.0.2', 9999));
var_dump(socket_sendmsg($c, ['iov' => ["ping\n"]], 0));
echo reply($c), "\n";
echo socket_test_catcher($mark);
?>
--EXPECT--
int(5)
reply from 11.0.0.1:9999: HELLO 11.0.0.1 9999
array(2) {
  ["addr"]=>
  string(11) "public.test"
  ["port"]=>
  int(9999)
}
int(5)
reply from 2400:cb00::10:9999: HELLO 2400:cb00::10 9999
bool(true)
int(5)
reply from 11.0.0.2:9999: HELLO 11.0.0.2 9999
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.2 9999 11.0.0.2
catcher: udp 2400:cb00::10 9999 2400:cb00::10
