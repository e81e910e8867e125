--TEST--
ext/ldap (libldap): bind, add and search round trips with a real slapd on allowed addresses (IPv4, by name, IPv6)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ldap')) die('skip ldap not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-ldap-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * libldap connects by itself (connect() from libldap.so), on the first
 * operation after ldap_connect(). slapd (include/services.inc) has one
 * listener per address; its log names the listener each connection reached.
 */
libc_decisions_reset();
$ldap = svc_slapd();
$seen = libc_server($ldap['log'], fn(int $mark) => array_map(fn($a) => "accepted on $a", svc_slapd_seen($ldap, $mark)));
$session = function (string $uri, ?callable $more = null) {
    return function () use ($uri, $more) {
        $l = ldap_connect($uri);
        ldap_set_option($l, LDAP_OPT_PROTOCOL_VERSION, 3);
        ldap_set_option($l, LDAP_OPT_NETWORK_TIMEOUT, 3);
        if (!@ldap_bind($l, 'cn=admin,dc=test', 'secret')) {
            return ['bind failed', ldap_errno($l), ldap_error($l)];
        }
        $r = ldap_read($l, '', '(objectClass=*)', ['namingContexts']);
        $out = ['bound', ldap_get_entries($l, $r)[0]['namingcontexts'][0]];
        if ($more) {
            $out[] = $more($l);
        }
        ldap_unbind($l);
        return $out;
    };
};
libc_step('ldap://11.0.0.1:389 bind + rootDSE', $session('ldap://11.0.0.1:389'), $seen);
libc_step('ldap://public.test:389 bind + add + search', $session('ldap://public.test:389', function ($l) {
    ldap_add($l, 'dc=test', ['objectClass' => ['dcObject', 'organization'], 'dc' => 'test', 'o' => 'test']);
    ldap_add($l, 'cn=php,dc=test', ['objectClass' => ['person'], 'cn' => 'php', 'sn' => 'round trip']);
    $e = ldap_get_entries($l, ldap_search($l, 'dc=test', '(cn=php)', ['sn']));
    return $e[0]['sn'][0];
}), $seen);
libc_step('ldap://[2400:cb00::10]:389 bind + rootDSE', $session('ldap://[2400:cb00::10]:389'), $seen);
libc_step('ldap_connect("11.0.0.1", 389) (old form)', function () {
    // PHP 8.4 deprecates this two-argument form (stock PHP's own E_DEPRECATED). The old form
    // is still what is tested here, so only that notice is set aside; anything else still
    // reaches libc_try's handler.
    $prev = set_error_handler(function (int $no, string $msg, ...$rest) use (&$prev) {
        return ($no === E_DEPRECATED && str_contains($msg, 'ldap_connect with two arguments')) || $prev($no, $msg, ...$rest);
    });
    try {
        $l = @ldap_connect('11.0.0.1', 389);
    } finally {
        restore_error_handler();
    }
    ldap_set_option($l, LDAP_OPT_PROTOCOL_VERSION, 3);
    return ldap_bind($l) ? 'anonymous bind' : ldap_error($l);
}, $seen);
?>
--EXPECT--
ldap://11.0.0.1:389 bind + rootDSE: ["bound","dc=test"]
  reached: nothing
  server: accepted on 11.0.0.1:389
ldap://public.test:389 bind + add + search: ["bound","dc=test","round trip"]
  reached: nothing
  server: accepted on 11.0.0.1:389
ldap://[2400:cb00::10]:389 bind + rootDSE: ["bound","dc=test"]
  reached: nothing
  server: accepted on [2400:cb00::10]:389
ldap_connect("11.0.0.1", 389) (old form): "anonymous bind"
  reached: nothing
  server: accepted on 11.0.0.1:389