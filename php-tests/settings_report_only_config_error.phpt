--TEST--
appengine_sockets.report_only=1 does not soften a configuration error: every socket operation is still refused (errno 13), with no "would be refused" notice
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.report_only=1
appengine_sockets.deny=10.0.0.0/33
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['10.0.0.5', 80], ['11.0.0.1', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
var_dump(socket_create(AF_INET, SOCK_STREAM, 0), socket_last_error());
var_dump(@stream_socket_server('tcp://0.0.0.0:0', $errno), $errno);
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Configuration error', 'Decisions in this process']);
echo settings_catcher($mark);
?>
--EXPECTF--
Warning: appengine_sockets: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0
fsockopen(10.0.0.5, 80): 
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"
fsockopen(11.0.0.1, 80): 
Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"

Warning: socket_create(): Unable to create socket [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
bool(false)
int(13)
bool(false)
int(13)
App Engine socket rules => refusing every socket operation (configuration error)
Configuration error => appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)
Decisions in this process => 0 allowed, 4 refused, 0 reported
catcher: nothing
