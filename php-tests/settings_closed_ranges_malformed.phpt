--TEST--
Fail closed: a malformed (truncated JSON) appengine_sockets.google_cloud_ranges_file warns at start-up and refuses every socket operation
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.google_ranges_file={PWD}/fixtures/settings/goog.json
appengine_sockets.google_cloud_ranges_file={PWD}/fixtures/settings/malformed.json
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
Warning: appengine_sockets: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: 
Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100"
stream_socket_client: 
Warning: stream_socket_client(): Unable to connect to udp://8.8.4.4:53 (refused until a configuration error is fixed: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100"

Warning: socket_create(): Unable to create socket [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100) in %s on line %d
bool(false)
int(13)
check: false config
App Engine socket rules => refusing every socket operation (configuration error)
Configuration error => appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a list at line 1 column 100
catcher: nothing
