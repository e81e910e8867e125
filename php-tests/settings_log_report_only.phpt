--TEST--
appengine_sockets.log with report_only=1: refusals are logged with verdict "report", allowed decisions with "allow"; the counters agree
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
$f = @fsockopen('10.0.0.5', 80, $errno, $errstr, 2); echo fgets($f);
$f = @stream_socket_client('tcp://11.0.0.1:25', $errno, $errstr, 2); echo fgets($f);
$f = fsockopen('11.0.0.1', 8080, $errno, $errstr, 2); echo fgets($f);
$s = socket_create(AF_INET, SOCK_STREAM, 0); var_dump(@socket_connect($s, '192.168.7.7', 80)); echo socket_read($s, 100);
ob_start(); (new ReflectionExtension('appengine_sockets'))->info();
preg_match('/^Decisions in this process => .*$/m', ob_get_clean(), $m); echo $m[0], "\n";
PHP;
echo settings_php([
    'appengine_sockets.log' => $log,
    'appengine_sockets.report_only' => '1',
    'appengine_sockets.app_id' => 'settings-report',
], ['-r', $code]);
foreach (settings_read_log($log) as $r) {
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
HELLO 10.0.0.5 80
HELLO 11.0.0.1 25
HELLO 11.0.0.1 8080
bool(true)
HELLO 192.168.7.7 80
Decisions in this process => 1 allowed, 0 refused, 3 reported
report special-purpose[private] fsockopen target="10.0.0.5:80" address="10.0.0.5" port=80 app_id="settings-report": private address 10.0.0.5
report port-25 stream_socket_client target="11.0.0.1:25" address=null port=25 app_id="settings-report": port 25 is blocked
allow public fsockopen target="11.0.0.1:8080" address="11.0.0.1" port=8080 app_id="settings-report": public address 11.0.0.1
report special-purpose[private] socket_connect target="192.168.7.7" address="192.168.7.7" port=80 app_id="settings-report": private address 192.168.7.7
catcher: tcp 10.0.0.5 80
catcher: tcp 11.0.0.1 25
catcher: tcp 11.0.0.1 8080
catcher: tcp 192.168.7.7 80
