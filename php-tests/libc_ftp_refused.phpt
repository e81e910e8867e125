--TEST--
ext/ftp and curl ftp:// against a real FTP server (pyftpdlib): a passive reply naming a private address is refused at the data connection, and active mode (a listening socket) is refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ftp') || !extension_loaded('curl')) die('skip ftp/curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-ftp-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * tests/netns/ftpd.py's port 2101 answers PASV with 10.0.0.5: a public server
 * steering the client at a private address. Its data socket listens on every
 * address, so a data connection that is not refused works and shows up as
 * "reached: ftpdata 10.0.0.5 2101". Active mode (PORT) needs a listening
 * socket in PHP: refused (the server's "ftpactive" line would show it worked).
 */
libc_decisions_reset();
$ftpd = svc_ftpd();
$ext = function (int $port, string $what, bool $pasv = true) use ($ftpd) {
    return function () use ($port, $what, $pasv, $ftpd) {
        $c = ftp_connect('11.0.0.1', $port, 3);
        if ($c === false || !ftp_login($c, 'php', 'secret') || !ftp_pasv($c, $pasv)) {
            return 'no control connection';
        }
        $mem = fopen('php://memory', 'w+');
        $r = match ($what) {
            'get' => ftp_fget($c, $mem, 'hello.txt', FTP_BINARY),
            'put' => ftp_fput($c, "up-$port.txt", fopen('data://text/plain,uploaded', 'r'), FTP_BINARY),
            'nlist' => ftp_nlist($c, '.'),
        };
        ftp_close($c);
        return $r;
    };
};
libc_step('ftp_fget via 2101 (PASV names 10.0.0.5)', $ext(2101, 'get'));
libc_step('ftp_fput via 2101', $ext(2101, 'put'));
libc_step('ftp_nlist via 2101', $ext(2101, 'nlist'));
libc_step('ftp_fget via 2100, active mode', $ext(2100, 'get', false));
libc_step('ftp_nlist via 2100, active mode', $ext(2100, 'nlist', false));
libc_step('curl ftp:// 2101 (PASV names 10.0.0.5, CURLOPT_FTP_SKIP_PASV_IP off)', fn() => libc_curl('ftp://php:secret@11.0.0.1:2101/hello.txt',
    [CURLOPT_FTP_USE_EPSV => false, CURLOPT_FTP_SKIP_PASV_IP => false]));
libc_step('curl ftp:// 2100, active mode (CURLOPT_FTPPORT "-")', fn() => libc_curl('ftp://php:secret@11.0.0.1:2100/hello.txt',
    [CURLOPT_FTPPORT => '-']));
libc_step('curl ftp:// 2100, active mode (CURLOPT_FTPPORT "0.0.0.0")', fn() => libc_curl('ftp://php:secret@11.0.0.1:2100/hello.txt',
    [CURLOPT_FTPPORT => '0.0.0.0']));
libc_step('curl ftp:// to 10.0.0.5 (control connection)', fn() => libc_curl('ftp://php:secret@10.0.0.5:2100/hello.txt'));
?>
--EXPECTF--
ftp_fget via 2101 (PASV names 10.0.0.5): false
  warning: ftp_fget(): php_connect_nonb() failed: Permission denied (13)
  warning: ftp_fget(): Type set to: Binary.
  warning: ftp_fget(): connection to 10.0.0.5:%d refused (private address 10.0.0.5)
  reached: ftpd 11.0.0.1 2101
  logged: deny special-purpose ftp_fget 10.0.0.5 %d
ftp_fput via 2101: false
  warning: ftp_fput(): php_connect_nonb() failed: Permission denied (13)
  warning: ftp_fput(): Type set to: Binary.
  warning: ftp_fput(): connection to 10.0.0.5:%d refused (private address 10.0.0.5)
  reached: ftpd 11.0.0.1 2101
  logged: deny special-purpose ftp_fput 10.0.0.5 %d
ftp_nlist via 2101: false
  warning: ftp_nlist(): php_connect_nonb() failed: Permission denied (13)
  warning: ftp_nlist(): connection to 10.0.0.5:%d refused (private address 10.0.0.5)
  reached: ftpd 11.0.0.1 2101
  logged: deny special-purpose ftp_nlist 10.0.0.5 %d
ftp_fget via 2100, active mode: false
  warning: ftp_fget(): listen() failed: Permission denied (13)
  warning: ftp_fget(): Type set to: Binary.
  warning: ftp_fget(): listening sockets are not allowed
  reached: ftpd 11.0.0.1 2100
  logged: deny listen ftp_fget target ""
ftp_nlist via 2100, active mode: false
  warning: ftp_nlist(): listen() failed: Permission denied (13)
  warning: ftp_nlist(): listening sockets are not allowed
  reached: ftpd 11.0.0.1 2100
  logged: deny listen ftp_nlist target ""
curl ftp:// 2101 (PASV names 10.0.0.5, CURLOPT_FTP_SKIP_PASV_IP off): [false,7,"Failed to connect to 11.0.0.1%r( port 2101 after N ms: (Couldn't|Could not)|:2101 via 10\.0\.0\.5:\d+ after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:%d refused (private address 10.0.0.5)
  reached: ftpd 11.0.0.1 2101
  logged: deny special-purpose curl_exec 10.0.0.5 %d
curl ftp:// 2100, active mode (CURLOPT_FTPPORT "-"): [false,%r(30|2)%r,"bind() failed, %r(we ran|ran)%r out of ports",0]
  warning: curl_exec(): binding to a specific address or port is not allowed: 11.0.0.1:0
  reached: ftpd 11.0.0.1 2100
  logged: deny bind curl_exec 11.0.0.1 0
curl ftp:// 2100, active mode (CURLOPT_FTPPORT "0.0.0.0"): [false,%r(30|2)%r,"socket failure: Permission denied",0]
  warning: curl_exec(): listening sockets are not allowed
  reached: ftpd 11.0.0.1 2100
  logged: deny listen curl_exec target ""
curl ftp:// to 10.0.0.5 (control connection): [false,7,"Failed to connect to 10.0.0.5%r( port 2100 after N ms: (Couldn't|Could not)|:2100 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:%d refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 %d
