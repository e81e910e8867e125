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

Warning: appengine_sockets: appengine_sockets.acl: %s/fixtures/acl/mitm.yaml line 7: services[0]: mitm_domains is a proxy's TLS interception and has no meaning here; remove it; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to public.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: %s/fixtures/acl/mitm.yaml line 7: services[0]: mitm_domains is a proxy's TLS interception and has no meaning here; remove it) in Command line code on line 2
public.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to dnspublic.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: %s/fixtures/acl/mitm.yaml line 7: services[0]: mitm_domains is a proxy's TLS interception and has no meaning here; remove it) in Command line code on line 2
dnspublic.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to tls.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: %s/fixtures/acl/mitm.yaml line 7: services[0]: mitm_domains is a proxy's TLS interception and has no meaning here; remove it) in Command line code on line 2
tls.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (refused until a configuration error is fixed: appengine_sockets.acl: %s/fixtures/acl/mitm.yaml line 7: services[0]: mitm_domains is a proxy's TLS interception and has no meaning here; remove it) in Command line code on line 2
10.0.0.5:80 => false, errno 13
--- missing file

Warning: appengine_sockets: appengine_sockets.acl: cannot read %s/fixtures/acl/nonexistent.yaml: No such file or directory (os error 2); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to public.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: cannot read %s/fixtures/acl/nonexistent.yaml: No such file or directory (os error 2)) in Command line code on line 2
public.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to dnspublic.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: cannot read %s/fixtures/acl/nonexistent.yaml: No such file or directory (os error 2)) in Command line code on line 2
dnspublic.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to tls.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: cannot read %s/fixtures/acl/nonexistent.yaml: No such file or directory (os error 2)) in Command line code on line 2
tls.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (refused until a configuration error is fixed: appengine_sockets.acl: cannot read %s/fixtures/acl/nonexistent.yaml: No such file or directory (os error 2)) in Command line code on line 2
10.0.0.5:80 => false, errno 13
--- relative path

Warning: appengine_sockets: appengine_sockets.acl: "fixtures/acl/apps.yaml" is not an absolute path; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to public.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: "fixtures/acl/apps.yaml" is not an absolute path) in Command line code on line 2
public.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to dnspublic.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: "fixtures/acl/apps.yaml" is not an absolute path) in Command line code on line 2
dnspublic.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to tls.test:80 (refused until a configuration error is fixed: appengine_sockets.acl: "fixtures/acl/apps.yaml" is not an absolute path) in Command line code on line 2
tls.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (refused until a configuration error is fixed: appengine_sockets.acl: "fixtures/acl/apps.yaml" is not an absolute path) in Command line code on line 2
10.0.0.5:80 => false, errno 13
--- report (audit)
public.test:80 => connected: HELLO 11.0.0.1 80

Notice: fsockopen(): would be refused by the ACL: acl: app audit, not in allowed_domains (action report) in Command line code on line 2
dnspublic.test:80 => connected: HELLO 11.0.0.2 80

Warning: fsockopen(): Unable to connect to tls.test:80 (acl: app audit, global deny list) in Command line code on line 2
tls.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in Command line code on line 2
10.0.0.5:80 => false, errno 13
--- open (blog)
public.test:80 => connected: HELLO 11.0.0.1 80
dnspublic.test:80 => connected: HELLO 11.0.0.2 80

Warning: fsockopen(): Unable to connect to tls.test:80 (acl: app blog, global deny list) in Command line code on line 2
tls.test:80 => false, errno 13

Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5) in Command line code on line 2
10.0.0.5:80 => false, errno 13
--- report_only=1, enforcing app (billing)
public.test:80 => connected: HELLO 11.0.0.1 80

Notice: fsockopen(): would be refused: acl: app billing, not in allowed_domains (action enforce) in Command line code on line 2
dnspublic.test:80 => connected: HELLO 11.0.0.2 80

Notice: fsockopen(): would be refused: acl: app billing, global deny list in Command line code on line 2
tls.test:80 => connected: HELLO 11.0.0.3 80

Notice: fsockopen(): would be refused: private address 10.0.0.5 in Command line code on line 2
10.0.0.5:80 => connected: HELLO 10.0.0.5 80
--- php --ri
App Engine socket rules => enforced
ACL file => %s/fixtures/acl/apps.yaml
ACL version => mtime N.N, fnv1a64 X
ACL apps => billing, blog, audit; default rule for others; 12 entries
ACL reloads in this process => 0 applied, 0 rejected
ACL last error => (none)
ACL => (none: appengine_sockets.acl is empty)
