--TEST--
appengine_sockets.acl and ext/ftp: ftp_connect() by name is judged for the name the app wrote under an enforcing rule (allowed_domains, global deny list, not listed, literals IPv4 and IPv6); the allowed name's control connection logs in
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ftp')) die('skip ftp not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-acl-ftp.log
appengine_sockets.acl={PWD}/fixtures/acl/apps.yaml
appengine_sockets.app_id=billing
appengine_sockets.allow=11.0.0.2/32:8080
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
// The operator allow entry is the catcher's sentinel (a literal the test process connects to).
libc_decisions_reset();
$ftpd = svc_ftpd();
$session = fn(string $host) => function () use ($host) {
    $c = ftp_connect($host, 2100, 3);
    if ($c === false) {
        return false;
    }
    // The control connection only: a passive data connection goes to the address the
    // server's PASV reply names, which no lookup of this request produced (docs/acl.md).
    $r = ftp_login($c, 'php', 'secret') ? 'logged in' : 'no login';
    ftp_close($c);
    return $r;
};
libc_step('ftp_connect public.test (allowed_domains)', $session('public.test'));
libc_step('ftp_connect tls.test (global deny list)', $session('tls.test'));
libc_step('ftp_connect dnspublic.test (not in allowed_domains)', $session('dnspublic.test'));
libc_step('ftp_connect 11.0.0.2 (a literal)', $session('11.0.0.2'));
libc_step('ftp_connect 2400:cb00::10 (a literal)', $session('2400:cb00::10'));
?>
--EXPECTF--
ftp_connect public.test (allowed_domains): "logged in"
  reached: ftpd 11.0.0.1 2100
ftp_connect tls.test (global deny list): false
  warning: ftp_connect(): Unable to connect to tls.test:2100 (acl: app billing, global deny list)
  reached: nothing
  logged: deny acl ftp_connect 11.0.0.3 2100
ftp_connect dnspublic.test (not in allowed_domains): false
  warning: ftp_connect(): Unable to connect to dnspublic.test:2100 (acl: app billing, not in allowed_domains (action enforce))
  reached: nothing
  logged: deny acl ftp_connect 11.0.0.2 2100
ftp_connect 11.0.0.2 (a literal): false
  warning: ftp_connect(): Unable to connect to 11.0.0.2:2100 (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl ftp_connect 11.0.0.2 2100
ftp_connect 2400:cb00::10 (a literal): false
  warning: ftp_connect(): Unable to connect to 2400:cb00::10:2100 (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl ftp_connect 2400:cb00::10 2100
