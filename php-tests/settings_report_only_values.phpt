--TEST--
appengine_sockets.report_only: PHP's boolean spellings are accepted (on/yes/true/1, off/no/false/none/0/empty); anything else fails closed
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$code = <<<'PHP'
ob_start(); (new ReflectionExtension('appengine_sockets'))->info();
preg_match('/^App Engine socket rules => (.*)$/m', ob_get_clean(), $m); echo $m[1], "\n";
PHP;
foreach (['1', 'on', 'On', 'yes', 'true', '"TRUE"', '"on"', '0', 'off', 'no', 'false', 'none', '""', '"Off"', '2', '"enabled"', '-1'] as $value) {
    $out = settings_php(['appengine_sockets.report_only' => $value], ['-r', $code]);
    echo str_pad($value, 10), ' => ', preg_replace('/\s+/', ' ', trim($out)), "\n";
}
?>
--EXPECT--
1          => report only
on         => report only
On         => report only
yes        => report only
true       => report only
"TRUE"     => report only
"on"       => report only
0          => enforced
off        => enforced
no         => enforced
false      => enforced
none       => enforced
""         => enforced
"Off"      => enforced
2          => Warning: appengine_sockets: appengine_sockets.report_only: "2" is not a boolean (use 0 or 1); every socket operation is refused until it is fixed in Unknown on line 0 refusing every socket operation (configuration error)
"enabled"  => Warning: appengine_sockets: appengine_sockets.report_only: "enabled" is not a boolean (use 0 or 1); every socket operation is refused until it is fixed in Unknown on line 0 refusing every socket operation (configuration error)
-1         => Warning: appengine_sockets: appengine_sockets.report_only: "-1" is not a boolean (use 0 or 1); every socket operation is refused until it is fixed in Unknown on line 0 refusing every socket operation (configuration error)
