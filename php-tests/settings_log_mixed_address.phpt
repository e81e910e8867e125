--TEST--
appengine_sockets.log: for a name with several addresses, "address" is the refused one (dual.test = 11.0.0.1 + 10.0.0.5 logs 10.0.0.5)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
@fsockopen('dual.test', 80, $errno, $errstr, 2);
$s = socket_create(AF_INET, SOCK_STREAM, 0); @socket_connect($s, 'dual.test', 80);
PHP;
echo settings_php(['appengine_sockets.log' => $log], ['-r', $code]);
foreach (settings_read_log($log) as $r) {
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
deny special-purpose[private] fsockopen target="dual.test:80" address="10.0.0.5" port=80 app_id="": private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5
deny special-purpose[private] socket_connect target="dual.test" address="10.0.0.5" port=80 app_id="": private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5
catcher: nothing
