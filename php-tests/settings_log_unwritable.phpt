--TEST--
appengine_sockets.log to a file that cannot be written: accepted at start-up (absolute path); decisions are made and enforced exactly as without a log; the fault is said once on the error log (stderr here) and phpinfo shows it
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
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Decision log', 'Decision log state', 'Decisions in this process']);
var_dump(file_exists('/nonexistent-aes-settings-dir'));
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(11.0.0.1, 80): appengine_sockets: decision log /nonexistent-aes-settings-dir/decisions.log: open failed: No such file or directory (errno 2); decisions are still enforced, but not logged until it works again (said once per process; php --ri appengine_sockets counts the lines lost)
connected: HELLO 11.0.0.1 80, errno 0
fsockopen(10.0.0.5, 80): 
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
App Engine socket rules => enforced
Decision log => /nonexistent-aes-settings-dir/decisions.log
Decision log state => failing since %s: open failed: No such file or directory (errno 2); 2 lines lost by this process
Decisions in this process => 1 allowed, 1 refused, 0 reported
bool(false)
catcher: tcp 11.0.0.1 80
