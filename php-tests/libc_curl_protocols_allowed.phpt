--TEST--
ext/curl (libcurl): every protocol Debian's libcurl speaks connects to an allowed address (the catcher on 11.0.0.1:80)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-curl-protocols-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * The catcher on port 80 speaks none of these protocols (it sends a banner and
 * echoes), so each transfer then fails its own way (or times out after 300 ms):
 * what matters is that the connection was made, and was not refused (error 7).
 * rtmp is left out (librtmp ignores curl's timeouts).
 */
libc_decisions_reset();
$schemes = ['dict', 'ftp', 'ftps', 'gopher', 'gophers', 'http', 'https', 'imap', 'imaps', 'ldap', 'ldaps',
    'mqtt', 'pop3', 'pop3s', 'rtsp', 'scp', 'sftp', 'smb', 'smbs', 'smtp', 'smtps', 'telnet'];
// A scheme this libcurl is built without (SMB in Debian unstable's 8.23) says so in
// its place (the expectation takes that line or the scheme's own outcome).
$have = curl_version()['protocols'];
foreach ($schemes as $scheme) {
    if (!in_array($scheme, $have, true)) {
        echo "$scheme: not in this libcurl\n";
        continue;
    }
    libc_step("$scheme://11.0.0.1:80", function () use ($scheme) {
        [, $errno, , $os] = libc_curl("$scheme://11.0.0.1:80/share/x", [CURLOPT_TIMEOUT_MS => 300,
            CURLOPT_SSL_VERIFYPEER => false, CURLOPT_USERPWD => 'user:secret']);
        return $errno === 7 ? "refused or not connected (7, os errno $os)" : 'connected';
    });
}
?>
--EXPECTF--
dict://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
ftp://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
ftps://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
gopher://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
gophers://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
http://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
https://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
imap://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
imaps://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
ldap://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
ldaps://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
mqtt://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
pop3://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
pop3s://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
rtsp://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
scp://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
sftp://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
%r(smb:\/\/11\.0\.0\.1:80: "connected"
  reached: tcp 11\.0\.0\.1 80|smb: not in this libcurl)%r
%r(smbs:\/\/11\.0\.0\.1:80: "connected"
  reached: tcp 11\.0\.0\.1 80|smbs: not in this libcurl)%r
smtp://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
smtps://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
telnet://11.0.0.1:80: "connected"
  reached: tcp 11.0.0.1 80
