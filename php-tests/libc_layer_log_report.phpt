--TEST--
libc layer: a C library's decisions are logged (function, target, address, rule) and counted; report_only=1 lets a refused curl transfer go ahead with one E_NOTICE and a "report" line; an allowed fsockopen is judged once
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; if (!extension_loaded('curl')) die('skip ext/curl not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$code = <<<'PHP'
function get($url) {
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 2]);
    $r = curl_exec($ch);
    echo "$url: errno ", curl_errno($ch), is_string($r) && $r !== '' ? ', ' . trim($r) : '', "\n";
}
get('http://10.0.0.5:8081/');
get('http://public.test:8081/x');
$f = fsockopen('11.0.0.1', 8080, $errno, $errstr, 2); echo fgets($f);
ob_start(); (new ReflectionExtension('appengine_sockets'))->info();
preg_match('/^Decisions in this process => .*$/m', ob_get_clean(), $m); echo $m[0], "\n";
PHP;
foreach (['0', '1'] as $report) {
    $mark = settings_mark();
    $log = settings_temp_log();
    echo "report_only=$report:\n", settings_php([
        'appengine_sockets.log' => $log,
        'appengine_sockets.report_only' => $report,
        'appengine_sockets.app_id' => 'libc-log',
    ], ['-r', $code]);
    foreach (settings_read_log($log) as $r) {
        settings_show_record($r);
    }
    echo settings_catcher($mark);
}
?>
--EXPECT--
report_only=0:

Warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5) in Command line code on line 4
http://10.0.0.5:8081/: errno 7
http://public.test:8081/x: errno 0, HTTP 11.0.0.1 8081 GET /x
HELLO 11.0.0.1 8080
Decisions in this process => 2 allowed, 1 refused, 0 reported
deny special-purpose[private] curl_exec target="10.0.0.5:8081" address="10.0.0.5" port=8081 app_id="libc-log": private address 10.0.0.5
allow public curl_exec target="11.0.0.1:8081" address="11.0.0.1" port=8081 app_id="libc-log": public address 11.0.0.1
allow public fsockopen target="11.0.0.1:8080" address="11.0.0.1" port=8080 app_id="libc-log": public address 11.0.0.1
catcher: http 11.0.0.1 8081
catcher: tcp 11.0.0.1 8080
report_only=1:

Notice: curl_exec(): would be refused: private address 10.0.0.5 in Command line code on line 4
http://10.0.0.5:8081/: errno 0, HTTP 10.0.0.5 8081 GET /
http://public.test:8081/x: errno 0, HTTP 11.0.0.1 8081 GET /x
HELLO 11.0.0.1 8080
Decisions in this process => 2 allowed, 0 refused, 1 reported
report special-purpose[private] curl_exec target="10.0.0.5:8081" address="10.0.0.5" port=8081 app_id="libc-log": private address 10.0.0.5
allow public curl_exec target="11.0.0.1:8081" address="11.0.0.1" port=8081 app_id="libc-log": public address 11.0.0.1
allow public fsockopen target="11.0.0.1:8080" address="11.0.0.1" port=8080 app_id="libc-log": public address 11.0.0.1
catcher: http 10.0.0.5 8081
catcher: http 11.0.0.1 8081
catcher: tcp 11.0.0.1 8080
