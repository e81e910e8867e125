--TEST--
Fail closed: every unusable pair of ranges files (only one set, bad prefix, wrong family, missing syncToken, a directory, an empty file) warns at start-up and refuses everything
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$dir = __DIR__ . '/fixtures/settings';
$code = <<<'PHP'
$f = @fsockopen('11.0.0.1', 80, $errno, $errstr, 2);
echo "fsockopen: ", var_export($f, true), ", errno $errno\n";
$r = appengine_sockets_check('11.0.0.1', 80);
echo "check: ", var_export($r['allowed'], true), " {$r['rule']}\n";
PHP;
foreach ([
    ['', "$dir/cloud.json"],
    ["$dir/bad_prefix.json", "$dir/cloud.json"],
    ["$dir/goog.json", "$dir/wrong_family.json"],
    ["$dir/no_sync_token.json", "$dir/cloud.json"],
    [$dir, "$dir/cloud.json"],
    ["$dir/goog.json", '/dev/null'],
] as [$goog, $cloud]) {
    echo '== ', str_replace($dir, 'DIR', "goog=$goog cloud=$cloud"), "\n";
    $out = settings_php([
        'appengine_sockets.google_ranges_file' => $goog,
        'appengine_sockets.google_cloud_ranges_file' => $cloud,
    ], ['-r', $code]);
    echo str_replace($dir, 'DIR', trim($out)), "\n";
}
echo settings_catcher($mark);
?>
--EXPECTF--
== goog= cloud=DIR/cloud.json
Warning: appengine_sockets: appengine_sockets.google_cloud_ranges_file: is set without appengine_sockets.google_ranges_file; set both; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
== goog=DIR/bad_prefix.json cloud=DIR/cloud.json
Warning: appengine_sockets: appengine_sockets.google_ranges_file: goog.json: prefix #0 "11.0.0.0/33" is not a valid CIDR prefix; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
== goog=DIR/goog.json cloud=DIR/wrong_family.json
Warning: appengine_sockets: appengine_sockets.google_cloud_ranges_file: cloud.json: prefix #0 "2400:cb00::/32" is not a valid CIDR prefix; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
== goog=DIR/no_sync_token.json cloud=DIR/cloud.json
Warning: appengine_sockets: appengine_sockets.google_ranges_file: goog.json: missing string field "syncToken"; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
== goog=DIR cloud=DIR/cloud.json
Warning: appengine_sockets: appengine_sockets.google_ranges_file: cannot read DIR: Is a directory (os error 21); every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
== goog=DIR/goog.json cloud=/dev/null
Warning: appengine_sockets: appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON: EOF while parsing a value at line 1 column 0; every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: false, errno 13
check: false config
catcher: nothing
