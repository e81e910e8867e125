--TEST--
ext/curl (libcurl): every protocol Debian's libcurl speaks is refused at a private address (10.0.0.5:80): error 7, EACCES, one warning, nothing reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-curl-protocols-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * ldap:// goes through OpenLDAP's libldap, scp/sftp through libssh2, rtmp through
 * librtmp: each opens its socket its own way. The catcher listens on 10.0.0.5:80,
 * so a connection that is not refused shows up as "reached".
 */
libc_decisions_reset();
$schemes = ['dict', 'ftp', 'ftps', 'gopher', 'gophers', 'http', 'https', 'imap', 'imaps', 'ldap', 'ldaps',
    'mqtt', 'pop3', 'pop3s', 'rtmp', 'rtsp', 'scp', 'sftp', 'smb', 'smbs', 'smtp', 'smtps', 'telnet'];
// A scheme this libcurl is built without (SMB and RTMP in Debian unstable's 8.23) says so in
// its place (the expectation takes that line or the scheme's own outcome).
$have = curl_version()['protocols'];
foreach ($schemes as $scheme) {
    if (!in_array($scheme, $have, true)) {
        echo "$scheme: not in this libcurl\n";
        continue;
    }
    libc_step("$scheme://10.0.0.5:80", function () use ($scheme) {
        [, $errno, , $os] = libc_curl("$scheme://10.0.0.5:80/share/x", [CURLOPT_TIMEOUT_MS => 300,
            CURLOPT_SSL_VERIFYPEER => false, CURLOPT_USERPWD => 'user:secret']);
        return $errno === 7 ? "error 7, os errno $os" : "CONNECTED (error $errno)";
    });
}
?>
--EXPECTF--
dict://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
ftp://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
ftps://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
gopher://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
gophers://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
http://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
https://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
imap://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
imaps://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
ldap://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
ldaps://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
mqtt://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
pop3://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
pop3s://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
%r(rtmp:\/\/10\.0\.0\.5:80: "error 7, os errno 13"
  warning: curl_exec\(\): connection to 10\.0\.0\.5:80 refused \(private address 10\.0\.0\.5\)
  reached: nothing
  logged: deny special\-purpose curl_exec 10\.0\.0\.5 80|rtmp: not in this libcurl)%r
rtsp://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
scp://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
sftp://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
%r(smb:\/\/10\.0\.0\.5:80: "error 7, os errno 13"
  warning: curl_exec\(\): connection to 10\.0\.0\.5:80 refused \(private address 10\.0\.0\.5\)
  reached: nothing
  logged: deny special\-purpose curl_exec 10\.0\.0\.5 80|smb: not in this libcurl)%r
%r(smbs:\/\/10\.0\.0\.5:80: "error 7, os errno 13"
  warning: curl_exec\(\): connection to 10\.0\.0\.5:80 refused \(private address 10\.0\.0\.5\)
  reached: nothing
  logged: deny special\-purpose curl_exec 10\.0\.0\.5 80|smbs: not in this libcurl)%r
smtp://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
smtps://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
telnet://10.0.0.5:80: "error 7, os errno 13"
  warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 80
