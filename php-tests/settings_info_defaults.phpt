--TEST--
php --ri appengine_sockets with every setting at its default: enforced, built-in Google ranges with their provenance, no lists, no log
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$out = settings_php([], ['--ri', 'appengine_sockets'], $exit);
echo "exit $exit\n";
echo str_starts_with($out, "\nappengine_sockets\n\n") ? "header ok\n" : "header: " . var_export(substr($out, 0, 40), true) . "\n";
settings_print_rows(settings_info_rows($out), ['App Engine socket rules', 'App id', 'Report only', 'Decision log', 'Google ranges',
    'Operator allow list', 'Operator deny list', 'Decisions in this process', "C libraries' socket functions",
    'Configuration error']);
// This process runs with the same defaults.
$mine = settings_my_info();
echo $mine['Google ranges'] === settings_info_rows($out)['Google ranges'] ? "same table here\n" : "different table here\n";
?>
--EXPECTF--
exit 0
header ok
App Engine socket rules => enforced
App id => 
Report only => off
Decision log => off
Google ranges => built in: goog.json syncToken %d (%d-%d-%dT%s) minus cloud.json syncToken %d (%d-%d-%dT%s); %d IPv4 and %d IPv6 intervals
Operator allow list => (none)
Operator deny list => (none)
Decisions in this process => 0 allowed, 0 refused, 0 reported
C libraries' socket functions => guarded in every object loaded
Configuration error => (row missing)
same table here
