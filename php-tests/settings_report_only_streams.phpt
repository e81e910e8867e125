--TEST--
appengine_sockets.report_only=1: refused stream connections go ahead with an E_NOTICE "would be refused: <reason>"; allowed ones raise nothing
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.report_only=1
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['10.0.0.5', 80], ['private.test', 8080], ['udp://10.0.0.5', 9999], ['8.8.4.4', 80], ['11.0.0.1', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
foreach (['tcp://11.0.0.1:25', 'tcp://dual.test:80'] as $target) {
    echo "stream_socket_client($target): ";
    settings_result(stream_socket_client($target, $errno, $errstr, 2), $errno, $errstr);
}
// appengine_sockets_check() tells what enforcement would do.
$r = appengine_sockets_check('10.0.0.5:80');
echo "check: ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']}\n";
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Report only', 'Decisions in this process']);
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(10.0.0.5, 80): 
Notice: fsockopen(): would be refused: private address 10.0.0.5 in %s on line %d
connected: HELLO 10.0.0.5 80, errno 0
fsockopen(private.test, 8080): 
Notice: fsockopen(): would be refused: private address 10.0.0.5 in %s on line %d
connected: HELLO 10.0.0.5 8080, errno 0
fsockopen(udp://10.0.0.5, 9999): 
Notice: fsockopen(): would be refused: private address 10.0.0.5 in %s on line %d
connected: HELLO 10.0.0.5 9999, errno 0
fsockopen(8.8.4.4, 80): 
Notice: fsockopen(): would be refused: Google address 8.8.4.4 (Google APIs and services ranges) in %s on line %d
connected: HELLO 8.8.4.4 80, errno 0
fsockopen(11.0.0.1, 80): connected: HELLO 11.0.0.1 80, errno 0
stream_socket_client(tcp://11.0.0.1:25): 
Notice: stream_socket_client(): would be refused: port 25 is blocked in %s on line %d
connected: HELLO 11.0.0.1 25, errno 0
stream_socket_client(tcp://dual.test:80): 
Notice: stream_socket_client(): would be refused: private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5 in %s on line %d
connected: HELLO 11.0.0.1 80, errno 0
check: false special-purpose: private address 10.0.0.5
App Engine socket rules => report only
Report only => on
Decisions in this process => 1 allowed, 0 refused, 6 reported
catcher: tcp 10.0.0.5 80
catcher: tcp 10.0.0.5 8080
catcher: tcp 11.0.0.1 25
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 8.8.4.4 80
catcher: udp 10.0.0.5 9999
