--TEST--
Fail closed: appengine_sockets.deny with host bits set (10.0.0.5/8) warns at start-up and refuses every socket operation
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.deny=10.0.0.5/8
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
echo "fsockopen: ";
settings_result(fsockopen('11.0.0.1', 80, $errno, $errstr, 2), $errno, $errstr);
echo "stream_socket_client: ";
settings_result(stream_socket_client('udp://8.8.4.4:53', $errno, $errstr, 2), $errno, $errstr);
var_dump(socket_create(AF_INET, SOCK_STREAM, 0), socket_last_error());
$r = appengine_sockets_check('public.test', 80);
echo "check: ", var_export($r['allowed'], true), " {$r['rule']}\n";
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Configuration error']);
echo settings_catcher($mark);
?>
--EXPECTF--
Warning: appengine_sockets: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?); every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: 
Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)"
stream_socket_client: 
Warning: stream_socket_client(): Unable to connect to udp://8.8.4.4:53 (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)"

Warning: socket_create(): Unable to create socket [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)) in %s on line %d
bool(false)
int(13)
check: false config
App Engine socket rules => refusing every socket operation (configuration error)
Configuration error => appengine_sockets.deny: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)
catcher: nothing
