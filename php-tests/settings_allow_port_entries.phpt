--TEST--
appengine_sockets.allow: ADDRESS/PREFIX:PORT and [IPv6/PREFIX]:PORT entries open only that port
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=" 10.0.0.5/32:8080 , [fd00::/8]:80, 192.168.0.0/16:25,"
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach (['tcp://10.0.0.5:8080', 'tcp://[::ffff:10.0.0.5]:8080', 'tcp://[fd00::5]:80', 'tcp://192.168.7.7:25',
          'tcp://10.0.0.5:80', 'tcp://[fd00::5]:8080', 'tcp://192.168.7.7:80'] as $target) {
    echo "$target: ";
    settings_result(stream_socket_client($target, $errno, $errstr, 2), $errno, $errstr);
}
settings_socket_connect('fd00::5', 80, AF_INET6);
settings_socket_connect('fd00::5', 53, AF_INET6);
foreach (['10.0.0.5:8080', '[fd00::5]:80', '10.0.0.5:80'] as $target) {
    $r = appengine_sockets_check($target);
    echo "check($target): ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']}\n";
}
settings_print_rows(settings_my_info(), ['Operator allow list', 'Operator deny list']);
echo settings_catcher($mark);
?>
--EXPECTF--
tcp://10.0.0.5:8080: connected: HELLO 10.0.0.5 8080, errno 0
tcp://[::ffff:10.0.0.5]:8080: connected: HELLO 10.0.0.5 8080, errno 0
tcp://[fd00::5]:80: connected: HELLO fd00::5 80, errno 0
tcp://192.168.7.7:25: connected: HELLO 192.168.7.7 25, errno 0
tcp://10.0.0.5:80: 
Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
tcp://[fd00::5]:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://[fd00::5]:8080 (private address fd00::5) in %s on line %d
false, errno 13, errstr "private address fd00::5"
tcp://192.168.7.7:80: 
Warning: stream_socket_client(): Unable to connect to tcp://192.168.7.7:80 (private address 192.168.7.7) in %s on line %d
false, errno 13, errstr "private address 192.168.7.7"
fd00::5:80: true, HELLO fd00::5 80, socket error 0, last error 0

Warning: socket_connect(): unable to connect [13]: Permission denied (private address fd00::5) in %s on line %d
fd00::5:53: false, socket error 13, last error 13
check(10.0.0.5:8080): true operator-allow: address 10.0.0.5 port 8080 is allowed by appengine_sockets.allow entry 10.0.0.5/32:8080
check([fd00::5]:80): true operator-allow: address fd00::5 port 80 is allowed by appengine_sockets.allow entry [fd00::/8]:80
check(10.0.0.5:80): false special-purpose: private address 10.0.0.5
Operator allow list => 10.0.0.5/32:8080, [fd00::/8]:80, 192.168.0.0/16:25
Operator deny list => (none)
catcher: tcp 10.0.0.5 8080
catcher: tcp 10.0.0.5 8080
catcher: tcp 192.168.7.7 25
catcher: tcp fd00::5 80
catcher: tcp fd00::5 80
