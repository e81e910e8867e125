--TEST--
appengine_sockets.log (valid) with another setting broken: the config refusals, counted as refused decisions, are logged too (rule "config")
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
@fsockopen('11.0.0.1', 80, $errno, $errstr, 2);
ob_start(); (new ReflectionExtension('appengine_sockets'))->info();
preg_match_all('/^(Decision log|Decisions in this process) => .*$/m', ob_get_clean(), $m); echo implode("\n", $m[0]), "\n";
PHP;
$out = settings_php(['appengine_sockets.log' => $log, 'appengine_sockets.deny' => '10.0.0.0/33', 'appengine_sockets.app_id' => 'broken'], ['-r', $code]);
echo str_replace($log, 'LOG', trim(preg_replace('/^\s*Warning: appengine_sockets: .*$/m', '', $out))), "\n";
foreach (settings_read_log($log) as $r) {
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
Decision log => LOG
Decisions in this process => 0 allowed, 1 refused, 0 reported
deny config fsockopen target="11.0.0.1:80" address=null port=null app_id="broken": refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)
catcher: nothing
