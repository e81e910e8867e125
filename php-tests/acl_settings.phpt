--TEST--
appengine_sockets.acl: a file that cannot be used fails closed at start-up (line and reason); report and open actions relax only the ACL; report_only reports the ACL too; php --ri shows the file
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$fixtures = __DIR__ . '/fixtures/acl';
$code = <<<'PHP'
foreach ([['public.test', 80], ['dnspublic.test', 80], ['tls.test', 80], ['10.0.0.5', 80]] as [$h, $p]) {
    $s = fsockopen($h, $p, $errno, $errstr, 2);
    echo "$h:$p => ", $s ? 'connected: ' . rtrim(fgets($s)) : "false, errno $errno", "\n";
}
PHP;
foreach ([
    'mitm_domains' => ["$fixtures/mitm.yaml", 'billing'],
    'missing file' => ["$fixtures/nonexistent.yaml", 'billing'],
    'relative path' => ['fixtures/acl/apps.yaml', 'billing'],
    'report (audit)' => ["$fixtures/apps.yaml", 'audit'],
    'open (blog)' => ["$fixtures/apps.yaml", 'blog'],
] as $label => [$acl, $app]) {
    echo "--- $label\n";
    echo settings_php(['appengine_sockets.acl' => $acl, 'appengine_sockets.app_id' => $app], ['-r', $code]);
}
echo "--- report_only=1, enforcing app (billing)\n";
echo settings_php(['appengine_sockets.acl' => "$fixtures/apps.yaml", 'appengine_sockets.app_id' => 'billing',
    'appengine_sockets.report_only' => '1'], ['-r', $code]);
echo "--- php --ri\n";
$rows = settings_info_rows(settings_php(['appengine_sockets.acl' => "$fixtures/apps.yaml"], ['--ri', 'appengine_sockets']));
$rows['ACL version'] = preg_replace('/^mtime \d+\.\d{9}, fnv1a64 [0-9a-f]{16}$/', 'mtime N.N, fnv1a64 X', $rows['ACL version'] ?? '(missing)');
settings_print_rows($rows, ['App Engine socket rules', 'ACL file', 'ACL version', 'ACL apps', 'ACL reloads in this process', 'ACL last error']);
$rows = settings_info_rows(settings_php([], ['--ri', 'appengine_sockets']));
settings_print_rows($rows, ['ACL']);
?>
--EXPECTF--
--- mitm_domains
XXX
