--TEST--
appengine_sockets.acl and ext/ftp: ftp_connect() by name is judged for the name the app wrote under an enforcing rule (allowed_domains, global deny list, not listed, literals IPv4 and IPv6); the allowed name's control connection logs in; a passive data connection to the address the name resolved to is judged as that name (a file is transferred), one to another address as a literal (refused)
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
    // The control connection only (passive transfers: below).
    $r = ftp_login($c, 'php', 'secret') ? 'logged in' : 'no login';
    ftp_close($c);
    return $r;
};
libc_step('ftp_connect public.test (allowed_domains)', $session('public.test'));
libc_step('ftp_connect tls.test (global deny list)', $session('tls.test'));
libc_step('ftp_connect dnspublic.test (not in allowed_domains)', $session('dnspublic.test'));
libc_step('ftp_connect 11.0.0.2 (a literal)', $session('11.0.0.2'));
libc_step('ftp_connect 2400:cb00::10 (a literal)', $session('2400:cb00::10'));
// Passive mode: the data connection goes to the address the PASV reply names. To the
// address the control connection's name resolved to, it is judged as that name; to any
// other address, as a literal (refused: the operator allow entry covers port 8080 only).
$get = fn(int $port) => function () use ($port) {
    $c = ftp_connect('public.test', $port, 3);
    if ($c === false || !ftp_login($c, 'php', 'secret') || !ftp_pasv($c, true)) {
        return 'no session';
    }
    $mem = fopen('php://memory', 'w+');
    $r = ftp_fget($c, $mem, 'hello.txt', FTP_BINARY) ? (rewind($mem) ? stream_get_contents($mem) : '') : false;
    ftp_close($c);
    return $r;
};
libc_step('ftp_fget public.test:2100 (PASV names 11.0.0.1, the name\'s address)', $get(2100));
libc_step('ftp_fget public.test:2102 (PASV names 11.0.0.2, another address)', $get(2102));
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
ftp_fget public.test:2100 (PASV names 11.0.0.1, the name's address): "hello from pyftpdlib"
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
ftp_fget public.test:2102 (PASV names 11.0.0.2, another address): false
  warning: ftp_fget(): php_connect_nonb() failed: Permission denied (13)
  warning: ftp_fget(): Type set to: Binary.
  warning: ftp_fget(): connection to 11.0.0.2:%d refused (acl: app billing, an address literal matches no name (action enforce))
  reached: ftpd 11.0.0.1 2102
  logged: deny acl ftp_fget 11.0.0.2 %d
