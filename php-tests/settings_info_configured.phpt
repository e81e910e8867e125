--TEST--
phpinfo() / php --ri show every setting in force: app id, report only, decision log, ranges files' provenance, both lists, and this process's decision counts
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$dir = __DIR__ . '/fixtures/settings';
$keys = ['App Engine socket rules', 'App id', 'Report only', 'Decision log', 'Google ranges',
         'Operator allow list', 'Operator deny list', 'Decisions in this process'];
$ini = [
    'appengine_sockets.app_id' => 'info-app',
    'appengine_sockets.log' => $log,
    'appengine_sockets.allow' => '192.168.7.7/32:8080, [fd00::/8]:443',
    'appengine_sockets.deny' => '8.8.8.8/32,11.0.0.3:80',
    'appengine_sockets.google_ranges_file' => "$dir/goog.json",
    'appengine_sockets.google_cloud_ranges_file' => "$dir/cloud.json",
];
// 2 allowed, 3 refused; then phpinfo() in the same process.
$code = <<<'PHP'
$f = fsockopen('192.168.7.7', 8080, $errno, $errstr, 2); fgets($f); fclose($f);
$f = fsockopen('11.0.0.2', 80, $errno, $errstr, 2); fgets($f); fclose($f);
@fsockopen('11.0.0.1', 80, $errno, $errstr, 2);
@fsockopen('11.0.0.3', 80, $errno, $errstr, 2);
@socket_create(AF_UNIX, SOCK_STREAM, 0);
appengine_sockets_check('10.0.0.5:80');
phpinfo(INFO_MODULES);
PHP;
foreach (['0', '1'] as $report) {
    echo "== report_only=$report\n";
    $out = settings_php($ini + ['appengine_sockets.report_only' => $report], ['-r', $code]);
    settings_print_rows(settings_info_rows(str_replace($dir, 'DIR', $out)), $keys);
}
echo "== php --ri\n";
$out = settings_php($ini, ['--ri', 'appengine_sockets']);
settings_print_rows(settings_info_rows(str_replace($dir, 'DIR', $out)), ['App Engine socket rules', 'Google ranges', 'Decisions in this process']);
echo settings_catcher($mark);
?>
--EXPECTF--
== report_only=0
App Engine socket rules => enforced
App id => info-app
Report only => off
Decision log => %s/aes-settings-log-%s
Google ranges => files DIR/goog.json minus DIR/cloud.json: goog.json syncToken 1767225600001 (2026-01-01T00:00:00.000001) minus cloud.json syncToken 1767225600002 (2026-01-01T00:00:00.000002); 2 IPv4 and 2 IPv6 intervals
Operator allow list => 192.168.7.7/32:8080, [fd00::/8]:443
Operator deny list => 8.8.8.8/32, 11.0.0.3/32:80
Decisions in this process => 2 allowed, 3 refused, 0 reported
== report_only=1
App Engine socket rules => report only
App id => info-app
Report only => on
Decision log => %s/aes-settings-log-%s
Google ranges => files DIR/goog.json minus DIR/cloud.json: goog.json syncToken 1767225600001 (2026-01-01T00:00:00.000001) minus cloud.json syncToken 1767225600002 (2026-01-01T00:00:00.000002); 2 IPv4 and 2 IPv6 intervals
Operator allow list => 192.168.7.7/32:8080, [fd00::/8]:443
Operator deny list => 8.8.8.8/32, 11.0.0.3/32:80
Decisions in this process => 2 allowed, 0 refused, 3 reported
== php --ri
App Engine socket rules => enforced
Google ranges => files DIR/goog.json minus DIR/cloud.json: goog.json syncToken 1767225600001 (2026-01-01T00:00:00.000001) minus cloud.json syncToken 1767225600002 (2026-01-01T00:00:00.000002); 2 IPv4 and 2 IPv6 intervals
Decisions in this process => 0 allowed, 0 refused, 0 reported
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.3 80
catcher: tcp 192.168.7.7 8080
catcher: tcp 192.168.7.7 8080
