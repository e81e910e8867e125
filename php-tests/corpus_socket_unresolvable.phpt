--TEST--
corpus: an unresolvable name through ext/sockets fails as in stock PHP (one "Host lookup failed" warning, socket_last_error -10001)
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
// nope.test: NXDOMAIN from tests/netns/dns.py. Nothing is sent anywhere.
set_error_handler(function (int $no, string $str): bool {
    echo "  warning: $str\n";
    return true;
});
foreach ([AF_INET => 'AF_INET', AF_INET6 => 'AF_INET6'] as $fam => $name) {
    $s = socket_create($fam, SOCK_STREAM, SOL_TCP);
    echo "$name socket_connect:\n";
    socket_connect($s, 'nope.test', 80);
    echo '  socket_last_error ', socket_last_error($s), "\n";
    $s = socket_create($fam, SOCK_DGRAM, SOL_UDP);
    echo "$name socket_sendto:\n";
    socket_sendto($s, 'x', 1, 0, 'nope.test', 9999);
    echo '  socket_last_error ', socket_last_error($s), "\n";
}
?>
--EXPECT--
AF_INET socket_connect:
  warning: socket_connect(): Host lookup failed [-10001]: Unknown host
  socket_last_error -10001
AF_INET socket_sendto:
  warning: socket_sendto(): Host lookup failed [-10001]: Unknown host
  socket_last_error -10001
AF_INET6 socket_connect:
  warning: socket_connect(): Host lookup failed [-10001]: Unknown host
  socket_last_error -10001
AF_INET6 socket_sendto:
  warning: socket_sendto(): Host lookup failed [-10001]: Unknown host
  socket_last_error -10001
