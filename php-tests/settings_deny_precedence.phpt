--TEST--
appengine_sockets.deny beats appengine_sockets.allow, which beats the built-in rules; port and IPv6 deny entries
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=10.0.0.0/8,192.168.0.0/16
appengine_sockets.deny=10.0.0.5,11.0.0.1/32:8080,[2400:cb00::10]:80
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['10.0.0.5', 80], ['private.test', 25], ['192.168.7.7', 80], ['11.0.0.1', 8080], ['public.test', 8080],
          ['11.0.0.1', 80], ['[2400:cb00::10]', 80], ['v6.test', 80], ['[2400:cb00::10]', 8080], ['dual.test', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
settings_socket_connect('10.0.0.5', 80);
settings_socket_connect('public.test', 8080);
settings_socket_connect('2400:cb00::10', 80, AF_INET6);
settings_socket_connect('192.168.7.7', 8080);
foreach (['10.0.0.5:80', '192.168.7.7:80', '[2400:cb00::10]:80', '11.0.0.1:8080'] as $target) {
    $r = appengine_sockets_check($target);
    echo "check($target): ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']}\n";
}
settings_print_rows(settings_my_info(), ['Operator allow list', 'Operator deny list']);
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(10.0.0.5, 80): 
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32) in %s on line %d
false, errno 13, errstr "address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32"
fsockopen(private.test, 25): 
Warning: fsockopen(): Unable to connect to private.test:25 (address 10.0.0.5 port 25 is denied by appengine_sockets.deny entry 10.0.0.5/32) in %s on line %d
false, errno 13, errstr "address 10.0.0.5 port 25 is denied by appengine_sockets.deny entry 10.0.0.5/32"
fsockopen(192.168.7.7, 80): connected: HELLO 192.168.7.7 80, errno 0
fsockopen(11.0.0.1, 8080): 
Warning: fsockopen(): Unable to connect to 11.0.0.1:8080 (address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080) in %s on line %d
false, errno 13, errstr "address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080"
fsockopen(public.test, 8080): 
Warning: fsockopen(): Unable to connect to public.test:8080 (address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080) in %s on line %d
false, errno 13, errstr "address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080"
fsockopen(11.0.0.1, 80): connected: HELLO 11.0.0.1 80, errno 0
fsockopen([2400:cb00::10], 80): 
Warning: fsockopen(): Unable to connect to [2400:cb00::10]:80 (address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80) in %s on line %d
false, errno 13, errstr "address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80"
fsockopen(v6.test, 80): 
Warning: fsockopen(): Unable to connect to v6.test:80 (address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80) in %s on line %d
false, errno 13, errstr "address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80"
fsockopen([2400:cb00::10], 8080): connected: HELLO 2400:cb00::10 8080, errno 0
fsockopen(dual.test, 80): 
Warning: fsockopen(): Unable to connect to dual.test:80 (address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32; dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32; dual.test resolves to 11.0.0.1, 10.0.0.5"

Warning: socket_connect(): unable to connect [13]: Permission denied (address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32) in %s on line %d
10.0.0.5:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080) in %s on line %d
public.test:8080: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80) in %s on line %d
2400:cb00::10:80: false, socket error 13, last error 13
192.168.7.7:8080: true, HELLO 192.168.7.7 8080, socket error 0, last error 0
check(10.0.0.5:80): false operator-deny: address 10.0.0.5 port 80 is denied by appengine_sockets.deny entry 10.0.0.5/32
check(192.168.7.7:80): true operator-allow: address 192.168.7.7 port 80 is allowed by appengine_sockets.allow entry 192.168.0.0/16
check([2400:cb00::10]:80): false operator-deny: address 2400:cb00::10 port 80 is denied by appengine_sockets.deny entry [2400:cb00::10/128]:80
check(11.0.0.1:8080): false operator-deny: address 11.0.0.1 port 8080 is denied by appengine_sockets.deny entry 11.0.0.1/32:8080
Operator allow list => 10.0.0.0/8, 192.168.0.0/16
Operator deny list => 10.0.0.5/32, 11.0.0.1/32:8080, [2400:cb00::10/128]:80
catcher: tcp 11.0.0.1 80
catcher: tcp 192.168.7.7 80
catcher: tcp 192.168.7.7 8080
catcher: tcp 2400:cb00::10 8080
