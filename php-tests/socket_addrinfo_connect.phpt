--TEST--
socket_addrinfo_connect(): each AddressInfo is judged; refused ones create no socket and reach nothing
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$cases = [
    ['private.test', '80', AF_INET, SOCK_STREAM],
    ['11.0.0.1', '25', AF_INET, SOCK_STREAM],
    ['mapped.test', '80', AF_INET6, SOCK_STREAM],
    ['8.8.8.8', '80', AF_INET, SOCK_STREAM],
    ['public.test', '80', AF_INET, SOCK_STREAM],
    ['v6.test', '8080', AF_INET6, SOCK_STREAM],
    ['8.8.8.8', '53', AF_INET, SOCK_DGRAM],
];
foreach ($cases as [$host, $port, $family, $type]) {
    socket_clear_error();
    $ai = socket_addrinfo_lookup($host, $port, ['ai_family' => $family, 'ai_socktype' => $type]);
    $s = socket_addrinfo_connect($ai[0]);
    echo "$host:$port: ", get_debug_type($s), ', last error ', socket_last_error();
    if ($s instanceof Socket) {
        if ($type === SOCK_DGRAM) {
            socket_write($s, "q");
        }
        echo ', ', socket_test_read($s);
    }
    echo "\n";
}
// mixed.test: the lookup returns both addresses; only the public one connects.
foreach (socket_addrinfo_lookup('mixed.test', '80', ['ai_family' => AF_INET, 'ai_socktype' => SOCK_STREAM]) as $a) {
    $s = socket_addrinfo_connect($a);
    echo 'mixed.test ', socket_addrinfo_explain($a)['ai_addr']['sin_addr'], ': ', get_debug_type($s), "\n";
}
echo socket_test_catcher($mark);
?>
--EXPECTF--
Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
private.test:80: bool, last error 13

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (port 25 is blocked) in %s on line %d
11.0.0.1:25: bool, last error 13

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5) in %s on line %d
mapped.test:80: bool, last error 13

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
8.8.8.8:80: bool, last error 13
public.test:80: Socket, last error 0, HELLO 11.0.0.1 80
v6.test:8080: Socket, last error 0, HELLO 2400:cb00::10 8080
8.8.8.8:53: Socket, last error 0, HELLO 8.8.8.8 53
mixed.test 11.0.0.1: Socket

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5) in %s on line %d
mixed.test 10.0.0.5: bool
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 2400:cb00::10 8080 2400:cb00::10
catcher: udp 8.8.8.8 53 8.8.8.8
