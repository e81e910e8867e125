--TEST--
socket_addrinfo_lookup(): stays a plain lookup (private answers included), and connects to nothing
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
foreach (['private.test', 'mixed.test', 'public.test'] as $host) {
    $ai = socket_addrinfo_lookup($host, '80', ['ai_family' => AF_INET, 'ai_socktype' => SOCK_STREAM]);
    echo "$host:";
    foreach ($ai as $a) {
        $x = socket_addrinfo_explain($a);
        echo ' ', get_class($a), ' ', $x['ai_addr']['sin_addr'], ':', $x['ai_addr']['sin_port'];
    }
    echo "\n";
}
$ai = socket_addrinfo_lookup('mapped.test', '80', ['ai_family' => AF_INET6, 'ai_socktype' => SOCK_DGRAM]);
echo 'mapped.test: ', socket_addrinfo_explain($ai[0])['ai_addr']['sin6_addr'], "\n";
var_dump(socket_last_error());
echo socket_test_catcher($mark);
?>
--EXPECT--
private.test: AddressInfo 10.0.0.5:80
mixed.test: AddressInfo 11.0.0.1:80 AddressInfo 10.0.0.5:80
public.test: AddressInfo 11.0.0.1:80
mapped.test: ::ffff:10.0.0.5
int(0)
catcher: nothing
