--TEST--
socket_create_pair(): refused for every domain, the output array is left alone
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
foreach ([AF_UNIX, AF_INET] as $domain) {
    socket_clear_error();
    $pair = 'untouched';
    var_dump(socket_create_pair($domain, SOCK_STREAM, 0, $pair));
    var_dump($pair, socket_last_error());
}
try {
    socket_create_pair(99, SOCK_STREAM, 0, $pair);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
Warning: socket_create_pair(): Unable to create socket pair [13]: Permission denied (socket pairs are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
string(9) "untouched"
int(13)

Warning: socket_create_pair(): Unable to create socket pair [13]: Permission denied (socket pairs are not allowed, only outbound TCP and UDP) in %s on line %d
bool(false)
string(9) "untouched"
int(13)
socket_create_pair(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET
