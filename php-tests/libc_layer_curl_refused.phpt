--TEST--
libc layer: curl_exec() to refused destinations fails with CURLE_COULDNT_CONNECT, one warning naming curl_exec, the target and the rule, and nothing connects
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip ext/curl not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
$mark = aes_log_mark();
foreach ([
    'http://10.0.0.5/',                 // private literal
    'http://private.test/',             // a name resolving to a private address
    'http://[fd00::5]/',                // unique local IPv6
    'http://[::ffff:10.0.0.5]/',        // IPv4-mapped private
    'http://169.254.1.1/',              // link-local (metadata)
    'http://127.0.0.1:8080/',           // loopback
    'smtp://11.0.0.1:25/',              // port 25
    'http://8.8.4.4/',                  // Google address
    'https://evil-gmail.test:465/',     // Google address under a name that is not whitelisted
    'telnet://10.0.0.5:80/',
    'dict://10.0.0.5:80/d:x',
    'gopher://10.0.0.5:80/',
] as $url) {
    echo "$url: ", aes_curl($url);
}
echo aes_connections($mark);
?>
--EXPECTF--
http://10.0.0.5/: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
http://private.test/: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
http://[fd00::5]/: errno 7
  Warning: curl_exec(): connection to [fd00::5]:80 refused (%s fd00::5)
http://[::ffff:10.0.0.5]/: errno 7
  Warning: curl_exec(): connection to [::ffff:10.0.0.5]:80 refused (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5)
http://169.254.1.1/: errno 7
  Warning: curl_exec(): connection to 169.254.1.1:80 refused (link-local address 169.254.1.1)
http://127.0.0.1:8080/: errno 7
  Warning: curl_exec(): connection to 127.0.0.1:8080 refused (loopback address 127.0.0.1)
smtp://11.0.0.1:25/: errno 7
  Warning: curl_exec(): connection to 11.0.0.1:25 refused (port 25 is blocked)
http://8.8.4.4/: errno 7
  Warning: curl_exec(): connection to 8.8.4.4:80 refused (Google address 8.8.4.4 (Google APIs and services ranges))
https://evil-gmail.test:465/: errno 7
  Warning: curl_exec(): connection to 8.8.4.4:465 refused (Google address 8.8.4.4 (Google APIs and services ranges))
telnet://10.0.0.5:80/: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
dict://10.0.0.5:80/d:x: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
gopher://10.0.0.5:80/: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
catcher: nothing
