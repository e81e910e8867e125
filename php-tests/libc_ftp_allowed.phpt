--TEST--
ext/ftp and curl ftp:// against a real FTP server (pyftpdlib): passive data connections to allowed addresses (the server's own, or another public one its PASV reply names) transfer files both ways
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ftp') || !extension_loaded('curl')) die('skip ftp/curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-ftp-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * tests/netns/ftpd.py: port 2100's PASV reply names the address the client
 * connected to, port 2102's names 11.0.0.2 (another public address). ext/ftp
 * opens its data connection with its own connect(), outside the stream
 * transports; libcurl does too.
 */
libc_decisions_reset();
$ftpd = svc_ftpd();
$ext = function (int $port, string $what) use ($ftpd) {
    return function () use ($port, $what, $ftpd) {
        $c = ftp_connect('11.0.0.1', $port, 3);
        if ($c === false || !ftp_login($c, 'php', 'secret') || !ftp_pasv($c, true)) {
            return 'no control connection';
        }
        $mem = fopen('php://memory', 'w+');
        $r = match ($what) {
            'get' => ftp_fget($c, $mem, 'hello.txt', FTP_BINARY) ? (rewind($mem) ? stream_get_contents($mem) : '') : false,
            'put' => ftp_fput($c, "up-$port.txt", fopen('data://text/plain,uploaded over ext/ftp', 'r'), FTP_BINARY)
                ? file_get_contents("{$ftpd['root']}/up-$port.txt") : false,
            'nlist' => ftp_nlist($c, '.'),
        };
        ftp_close($c);
        if (is_array($r)) {
            sort($r);
        }
        return $r;
    };
};
libc_step('ftp_fget via 2100 (PASV names 11.0.0.1)', $ext(2100, 'get'));
libc_step('ftp_fput via 2100', $ext(2100, 'put'));
libc_step('ftp_nlist via 2100', $ext(2100, 'nlist'));
libc_step('ftp_fget via 2102 (PASV names 11.0.0.2)', $ext(2102, 'get'));
libc_step('ftp_nlist via 2102', $ext(2102, 'nlist'));
libc_step('ftp_get into a file via 2102', function () use ($ftpd) {
    $c = ftp_connect('public.test', 2102, 3);
    ftp_login($c, 'anonymous', 'php@');
    ftp_pasv($c, true);
    $file = "{$ftpd['root']}/../got.txt";
    $ok = ftp_get($c, $file, 'hello.txt', FTP_BINARY);
    ftp_close($c);
    return $ok ? file_get_contents($file) : false;
});
// libcurl: EPSV (the default) connects to the control connection's address;
// PASV with CURLOPT_FTP_SKIP_PASV_IP off connects where the reply says.
libc_step('curl ftp:// 2100 (EPSV)', fn() => libc_curl('ftp://php:secret@11.0.0.1:2100/hello.txt'));
libc_step('curl ftp:// 2102 (PASV names 11.0.0.2)', fn() => libc_curl('ftp://php:secret@11.0.0.1:2102/hello.txt',
    [CURLOPT_FTP_USE_EPSV => false, CURLOPT_FTP_SKIP_PASV_IP => false]));
// libcurl ignores the address of a PASV reply by default (CURLOPT_FTP_SKIP_PASV_IP):
// port 2101 names 10.0.0.5, and curl connects to 11.0.0.1, the control connection's address.
libc_step('curl ftp:// 2101 (PASV names 10.0.0.5, ignored by default)', fn() => libc_curl('ftp://php:secret@11.0.0.1:2101/hello.txt',
    [CURLOPT_FTP_USE_EPSV => false]));
libc_step('curl ftp:// upload 2100', function () use ($ftpd) {
    $r = libc_curl('ftp://php:secret@11.0.0.1:2100/up-curl.txt', [CURLOPT_UPLOAD => true,
        CURLOPT_INFILE => fopen('data://text/plain,uploaded over curl', 'r'), CURLOPT_INFILESIZE => 18]);
    $r[0] = file_get_contents("{$ftpd['root']}/up-curl.txt");
    return $r;
});
libc_step('curl ftp:// directory listing 2102', fn() => libc_curl('ftp://php:secret@11.0.0.1:2102/',
    [CURLOPT_FTPLISTONLY => true, CURLOPT_FTP_USE_EPSV => false, CURLOPT_FTP_SKIP_PASV_IP => false]));
?>
--EXPECT--
ftp_fget via 2100 (PASV names 11.0.0.1): "hello from pyftpdlib"
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
ftp_fput via 2100: "uploaded over ext/ftp"
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
ftp_nlist via 2100: ["hello.txt","up-2100.txt"]
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
ftp_fget via 2102 (PASV names 11.0.0.2): "hello from pyftpdlib"
  reached: ftpd 11.0.0.1 2102
  reached: ftpdata 11.0.0.2 2102
ftp_nlist via 2102: ["hello.txt","up-2100.txt"]
  reached: ftpd 11.0.0.1 2102
  reached: ftpdata 11.0.0.2 2102
ftp_get into a file via 2102: "hello from pyftpdlib"
  reached: ftpd 11.0.0.1 2102
  reached: ftpdata 11.0.0.2 2102
curl ftp:// 2100 (EPSV): ["hello from pyftpdlib",0,"",0]
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
curl ftp:// 2102 (PASV names 11.0.0.2): ["hello from pyftpdlib",0,"",0]
  reached: ftpd 11.0.0.1 2102
  reached: ftpdata 11.0.0.2 2102
curl ftp:// 2101 (PASV names 10.0.0.5, ignored by default): ["hello from pyftpdlib",0,"",0]
  reached: ftpd 11.0.0.1 2101
  reached: ftpdata 11.0.0.1 2101
curl ftp:// upload 2100: ["uploaded over curl",0,"",0]
  reached: ftpd 11.0.0.1 2100
  reached: ftpdata 11.0.0.1 2100
curl ftp:// directory listing 2102: ["hello.txt\nup-2100.txt\nup-curl.txt",0,"",0]
  reached: ftpd 11.0.0.1 2102
  reached: ftpdata 11.0.0.2 2102