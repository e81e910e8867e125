--TEST--
appengine_sockets.log to a file that cannot be written: accepted at start-up (absolute path); decisions are made and enforced exactly as without a log
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.log=/nonexistent-aes-settings-dir/decisions.log
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([['11.0.0.1', 80], ['10.0.0.5', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
}
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Decision log', 'Decisions in this process']);
var_dump(file_exists('/nonexistent-aes-settings-dir'));
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(11.0.0.1, 80): connected: HELLO 11.0.0.1 80, errno 0
fsockopen(10.0.0.5, 80): 
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
App Engine socket rules => enforced
Decision log => /nonexistent-aes-settings-dir/decisions.log
Decisions in this process => 1 allowed, 1 refused, 0 reported
bool(false)
catcher: tcp 11.0.0.1 80
