--TEST--
appengine_sockets.allow: the address alone in brackets, as in URLs ([::1]/128, [fd00::]/8:80), means what the unbracketed entry means
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow="[::1]/128, [fd00::]/8:80, [10.0.0.5]"
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach (['tcp://[::1]:80', 'tcp://[fd00::5]:80', 'tcp://10.0.0.5:80', 'tcp://[fd00::5]:8080', 'tcp://192.168.7.7:80'] as $target) {
    echo "$target: ";
    settings_result(stream_socket_client($target, $errno, $errstr, 2), $errno, $errstr);
}
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Operator allow list']);
echo settings_catcher($mark);
?>
--EXPECTF--
tcp://[::1]:80: connected: HELLO ::1 80, errno 0
tcp://[fd00::5]:80: connected: HELLO fd00::5 80, errno 0
tcp://10.0.0.5:80: connected: HELLO 10.0.0.5 80, errno 0
tcp://[fd00::5]:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://[fd00::5]:8080 (private address fd00::5) in %s on line %d
false, errno 13, errstr "private address fd00::5"
tcp://192.168.7.7:80: 
Warning: stream_socket_client(): Unable to connect to tcp://192.168.7.7:80 (private address 192.168.7.7) in %s on line %d
false, errno 13, errstr "private address 192.168.7.7"
App Engine socket rules => enforced
Operator allow list => ::1/128, [fd00::/8]:80, 10.0.0.5/32
catcher: tcp 10.0.0.5 80
catcher: tcp ::1 80
catcher: tcp fd00::5 80
