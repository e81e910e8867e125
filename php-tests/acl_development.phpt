--TEST--
appengine_sockets.acl in development mode (appengine_sockets.mode): an enforcing rule's refusals (global deny list, not listed, literals) are reported as "would be refused in production" (E_NOTICE, logged as report with enforce_would_deny) and the connection is made, on streams and ext/sockets; appengine_sockets_check() still answers as production
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.mode=development
appengine_sockets.acl={PWD}/fixtures/acl/apps.yaml
appengine_sockets.app_id=billing
appengine_sockets.log={TMP}/aes-acl-development.log
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
@unlink(ini_get('appengine_sockets.log'));
set_error_handler(function (int $no, string $message) {
    echo '  ', $no === E_NOTICE ? 'notice' : ($no === E_WARNING ? 'warning' : "error $no"), ": $message\n";
    return true;
});
foreach ([['public.test', 80], ['tls.test', 80], ['dnspublic.test', 80], ['11.0.0.1', 80], ['[2400:cb00::10]', 80], ['private.test', 80]] as [$host, $port]) {
    echo "fsockopen($host, $port):\n";
    $f = fsockopen($host, $port, $errno, $errstr, 2);
    echo '  ';
    settings_result($f, $errno, $errstr);
}
echo "socket_connect(tls.test, 80):\n";
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$ok = socket_connect($s, 'tls.test', 80);
echo '  ', var_export($ok, true), ', ', settings_socket_read($s), "\n";
socket_close($s);
$r = appengine_sockets_check('tls.test:80');
echo "check(tls.test:80): ", var_export($r['allowed'], true), " {$r['rule']} | ", implode(' ', array_map(fn($v) => var_export($v, true), $r['acl'])), "\n";
restore_error_handler();
foreach (file(ini_get('appengine_sockets.log'), FILE_IGNORE_NEW_LINES) as $line) {
    $r = json_decode($line, true, 8, JSON_THROW_ON_ERROR);
    echo "logged: {$r['verdict']} {$r['rule']} {$r['function']} {$r['address']} {$r['port']}: app {$r['app']}, acl {$r['acl']}, enforce_would_deny ",
        var_export($r['enforce_would_deny'], true), "\n";
}
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(public.test, 80):
  connected: HELLO 11.0.0.1 80, errno 0
fsockopen(tls.test, 80):
  notice: fsockopen(): would be refused in production: acl: app billing, global deny list
  connected: HELLO 11.0.0.3 80, errno 0
fsockopen(dnspublic.test, 80):
  notice: fsockopen(): would be refused in production: acl: app billing, not in allowed_domains (action enforce)
  connected: HELLO 11.0.0.2 80, errno 0
fsockopen(11.0.0.1, 80):
  notice: fsockopen(): would be refused in production: acl: app billing, an address literal matches no name (action enforce)
  connected: HELLO 11.0.0.1 80, errno 0
fsockopen([2400:cb00::10], 80):
  notice: fsockopen(): would be refused in production: acl: app billing, an address literal matches no name (action enforce)
  connected: HELLO 2400:cb00::10 80, errno 0
fsockopen(private.test, 80):
  notice: fsockopen(): would be refused in production: private address 10.0.0.5
  connected: HELLO 10.0.0.5 80, errno 0
socket_connect(tls.test, 80):
  notice: socket_connect(): would be refused in production: acl: app billing, global deny list
  true, HELLO 11.0.0.3 80
check(tls.test:80): false acl | 'billing' 'payments' 'global_deny_list' 'deny' true
logged: allow public fsockopen 11.0.0.1 80: app billing, acl allowed_domains, enforce_would_deny false
logged: report acl fsockopen 11.0.0.3 80: app billing, acl global_deny_list, enforce_would_deny true
logged: report acl fsockopen 11.0.0.2 80: app billing, acl action-enforce, enforce_would_deny true
logged: report acl fsockopen 11.0.0.1 80: app billing, acl literal-enforce, enforce_would_deny true
logged: report acl fsockopen 2400:cb00::10 80: app billing, acl literal-enforce, enforce_would_deny true
logged: report special-purpose fsockopen 10.0.0.5 80: app billing, acl not-consulted, enforce_would_deny false
logged: report acl socket_connect 11.0.0.3 80: app billing, acl global_deny_list, enforce_would_deny true
catcher: tcp 10.0.0.5 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.3 80
catcher: tcp 11.0.0.3 80
catcher: tcp 2400:cb00::10 80
