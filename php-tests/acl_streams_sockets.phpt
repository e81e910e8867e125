--TEST--
appengine_sockets.acl: an enforcing app's streams and ext/sockets connect only to the names its ACL allows (ports, global lists, literals in every spelling, names with several addresses, CNAMEs); App Engine's rules hold first
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.acl={PWD}/fixtures/acl/apps.yaml
appengine_sockets.app_id=billing
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([
    ['public.test', 80],        // allowed_domains
    ['public2.test', 8080],     // allowed_domains, port-qualified: beats the global deny list
    ['public2.test', 80],       // not on that port: the global deny list
    ['other.test', 80],         // global allow list
    ['tls.test', 80],           // global deny list
    ['cnamepublic.test', 80],   // the name written is matched, not the CNAME's target
    ['dnspublic.test', 80],     // the CNAME's target, written: not allowed
    ['v6.test', 80],            // another rule's entry
    ['dual.test', 80],          // allowed name, one private address: App Engine refuses first
    ['11.0.0.1', 80],           // literals match no name
    ['0xb.0.0.1', 80],
    ['11.1', 80],
    ['184549377', 80],
    ['[::ffff:11.0.0.1]', 80],
    ['[2400:cb00::10]', 80],
] as [$host, $port]) {
    echo "fsockopen($host, $port): ";
    settings_result(@fsockopen($host, $port, $errno, $errstr, 2), $errno, $errstr);
    if ($e = error_get_last()) {
        echo '  warning: ', $e['message'], "\n";
        error_clear_last();
    }
}
$s = @stream_socket_client('tcp://tls.test:80', $errno, $errstr, 2);
echo 'stream_socket_client(tcp://tls.test:80): ', error_get_last()['message'], "\n";
settings_socket_connect('public.test', 80);
settings_socket_connect('public2.test', 80);
settings_socket_connect('11.0.0.1', 80);
settings_socket_connect('v6.test', 80, AF_INET6);
foreach ([['public2.test:80', null], ['tls.test:80', 'blog'], ['anything.test', 'blog'], ['v6.test:80', 'nobody'],
          ['public.test:80', 'nobody'], ['11.0.0.1:80', null], ['10.0.0.5:80', null], ['public.test:80', 'audit'],
          ['public2.test:8080', 'audit']] as [$t, $app]) {
    $r = str_contains($t, ':') ? appengine_sockets_check($t, null, $app) : appengine_sockets_check($t, 80, $app);
    echo "check($t, ", var_export($app, true), "): ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']} | ",
        implode(' ', array_map(fn($v) => var_export($v, true), $r['acl'])), "\n";
}
echo settings_catcher($mark);
?>
--EXPECTF--
fsockopen(public.test, 80): connected: HELLO 11.0.0.1 80, errno 0
fsockopen(public2.test, 8080): connected: HELLO 11.0.0.2 8080, errno 0
fsockopen(public2.test, 80): false, errno 13, errstr "acl: app billing, global deny list"
  warning: fsockopen(): Unable to connect to public2.test:80 (acl: app billing, global deny list)
fsockopen(other.test, 80): connected: HELLO 11.0.0.3 80, errno 0
fsockopen(tls.test, 80): false, errno 13, errstr "acl: app billing, global deny list"
  warning: fsockopen(): Unable to connect to tls.test:80 (acl: app billing, global deny list)
fsockopen(cnamepublic.test, 80): connected: HELLO 11.0.0.2 80, errno 0
fsockopen(dnspublic.test, 80): false, errno 13, errstr "acl: app billing, not in allowed_domains (action enforce)"
  warning: fsockopen(): Unable to connect to dnspublic.test:80 (acl: app billing, not in allowed_domains (action enforce))
fsockopen(v6.test, 80): false, errno 13, errstr "acl: app billing, not in allowed_domains (action enforce)"
  warning: fsockopen(): Unable to connect to v6.test:80 (acl: app billing, not in allowed_domains (action enforce))
fsockopen(dual.test, 80): false, errno 13, errstr "private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5"
  warning: fsockopen(): Unable to connect to dual.test:80 (private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5)
fsockopen(11.0.0.1, 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to 11.0.0.1:80 (acl: app billing, an address literal matches no name (action enforce))
fsockopen(0xb.0.0.1, 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to 0xb.0.0.1:80 (acl: app billing, an address literal matches no name (action enforce))
fsockopen(11.1, 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to 11.1:80 (acl: app billing, an address literal matches no name (action enforce))
fsockopen(184549377, 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to 184549377:80 (acl: app billing, an address literal matches no name (action enforce))
fsockopen([::ffff:11.0.0.1], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to [::ffff:11.0.0.1]:80 (acl: app billing, an address literal matches no name (action enforce))
fsockopen([2400:cb00::10], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
  warning: fsockopen(): Unable to connect to [2400:cb00::10]:80 (acl: app billing, an address literal matches no name (action enforce))
stream_socket_client(tcp://tls.test:80): stream_socket_client(): Unable to connect to tcp://tls.test:80 (acl: app billing, global deny list)
public.test:80: true, HELLO 11.0.0.1 80, socket error 0, last error 0

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, global deny list) in %s on line %d
public2.test:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce)) in %s on line %d
11.0.0.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, not in allowed_domains (action enforce)) in %s on line %d
v6.test:80: false, socket error 13, last error 13
check(public2.test:80, NULL): false acl: acl: app billing, global deny list | 'billing' 'payments' 'global_deny_list' 'deny' true
check(tls.test:80, 'blog'): false acl: acl: app blog, global deny list | 'blog' 'web' 'global_deny_list' 'deny' true
check(anything.test, 'blog'): false resolution: %s | 'blog' 'web' 'not-consulted' 'deny' false
check(v6.test:80, 'nobody'): true public: public address 2400:cb00::10 | 'default' 'other' 'allowed_domains' 'allow' false
check(public.test:80, 'nobody'): false acl: acl: app nobody (default rule), not in allowed_domains (action enforce) | 'default' 'other' 'action-enforce' 'deny' true
check(11.0.0.1:80, NULL): false acl: acl: app billing, an address literal matches no name (action enforce) | 'billing' 'payments' 'literal-enforce' 'deny' true
check(10.0.0.5:80, NULL): false special-purpose: private address 10.0.0.5 | 'billing' 'payments' 'not-consulted' 'deny' false
check(public.test:80, 'audit'): true public: public address 11.0.0.1 | 'audit' 'security' 'allowed_domains' 'allow' false
check(public2.test:8080, 'audit'): false acl: acl: app audit, global deny list | 'audit' 'security' 'global_deny_list' 'deny' true
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.3 80
