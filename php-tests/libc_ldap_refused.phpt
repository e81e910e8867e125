--TEST--
ext/ldap (libldap): a real slapd on private addresses (literal, by name, IPv6) is not reached: EACCES inside libldap, one warning with the rule
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ldap')) die('skip ldap not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-ldap-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * slapd (include/services.inc) listens on 10.0.0.5 and fd00::5 too: a
 * connection that is not refused binds, and slapd's log names the listener.
 * ldap_connect() only parses the URI; the connection is made by ldap_bind().
 */
libc_decisions_reset();
$ldap = svc_slapd();
$seen = libc_server($ldap['log'], fn(int $mark) => array_map(fn($a) => "accepted on $a", svc_slapd_seen($ldap, $mark)));
$bind = function (string $uri) {
    return function () use ($uri) {
        $l = ldap_connect($uri);
        ldap_set_option($l, LDAP_OPT_PROTOCOL_VERSION, 3);
        ldap_set_option($l, LDAP_OPT_NETWORK_TIMEOUT, 3);
        $ok = ldap_bind($l, 'cn=admin,dc=test', 'secret');
        return [$ok, ldap_errno($l), ldap_error($l)];
    };
};
libc_step('ldap://10.0.0.5:389', $bind('ldap://10.0.0.5:389'), $seen);
libc_step('ldap://private.test:389', $bind('ldap://private.test:389'), $seen);
libc_step('ldap://[fd00::5]:389', $bind('ldap://[fd00::5]:389'), $seen);
libc_step('ldap://10.0.0.5:80 (the catcher)', $bind('ldap://10.0.0.5:80'), $seen);
libc_step('ldapi:// (unix socket)', $bind($ldap['ldapi']), $seen);
?>
--EXPECTF--
ldap://10.0.0.5:389: [false,-1,"Can't contact LDAP server"]
  warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  warning: ldap_bind(): connection to 10.0.0.5:389 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose ldap_bind 10.0.0.5 389
ldap://private.test:389: [false,-1,"Can't contact LDAP server"]
  warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  warning: ldap_bind(): connection to 10.0.0.5:389 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose ldap_bind 10.0.0.5 389
ldap://[fd00::5]:389: [false,-1,"Can't contact LDAP server"]
  warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  warning: ldap_bind(): connection to [fd00::5]:389 refused (private address fd00::5)
  reached: nothing
  logged: deny special-purpose ldap_bind fd00::5 389
ldap://10.0.0.5:80 (the catcher): [false,-1,"Can't contact LDAP server"]
  warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  warning: ldap_bind(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose ldap_bind 10.0.0.5 80
ldapi:// (unix socket): [false,-1,"Can't contact LDAP server"]
  warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  warning: ldap_bind(): %s(unix sockets are not allowed, only outbound TCP and UDP)
  reached: nothing
  logged: deny protocol ldap_bind %s
