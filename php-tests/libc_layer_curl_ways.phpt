--TEST--
libc layer: every curl way to a refused destination (CURLOPT_RESOLVE, CONNECT_TO, proxies incl. socks5h, DoH, INTERFACE/LOCALPORT binds, unix socket, FTP active mode, tftp over UDP) is refused, and nothing reaches it
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip ext/curl not loaded'); ?>
--DESCRIPTION--
FTP active mode with its PORT bind refused: libcurl 7.88 (Debian 12) reports
CURLE_FTP_PORT_FAILED (30), libcurl 8.14 (Debian 13) CURLE_FAILED_INIT (2).
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
$mark = aes_log_mark();
$url = 'http://public.test:8081/';
foreach ([
    'CURLOPT_RESOLVE' => [$url, [CURLOPT_RESOLVE => ['public.test:8081:10.0.0.5']]],
    'CURLOPT_CONNECT_TO' => [$url, [CURLOPT_CONNECT_TO => ['public.test:8081:10.0.0.5:80']]],
    'http proxy' => [$url, [CURLOPT_PROXY => 'http://10.0.0.5:80']],
    'https proxy by name' => [$url, [CURLOPT_PROXY => 'https://private.test:443']],
    'socks4 proxy' => [$url, [CURLOPT_PROXY => 'socks4://10.0.0.5:80']],
    'socks5h proxy' => [$url, [CURLOPT_PROXY => 'socks5h://10.0.0.5:80']],
    'DoH' => [$url, [CURLOPT_DOH_URL => 'https://10.0.0.5/dns-query']],
    'CURLOPT_INTERFACE' => [$url, [CURLOPT_INTERFACE => '11.0.0.1']],
    'CURLOPT_LOCALPORT' => [$url, [CURLOPT_LOCALPORT => 40000]],
    'CURLOPT_UNIX_SOCKET_PATH' => ['http://localhost/', [CURLOPT_UNIX_SOCKET_PATH => '/run/aes-none.sock']],
    'FTP active mode' => ['ftp://11.0.0.1:2121/file', [CURLOPT_FTPPORT => '-', CURLOPT_TIMEOUT => 2]],
    'tftp (UDP)' => ['tftp://10.0.0.5:9999/x', [CURLOPT_TIMEOUT => 1]],
] as $way => [$u, $opts]) {
    echo "$way: ", aes_curl($u, $opts);
}
echo aes_connections($mark);
?>
--EXPECTF--
CURLOPT_RESOLVE: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
CURLOPT_CONNECT_TO: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
http proxy: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
https proxy by name: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:443 refused (private address 10.0.0.5)
socks4 proxy: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
socks5h proxy: errno 7
  Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
DoH: errno 6
  Warning: curl_exec(): connection to 10.0.0.5:443 refused (private address 10.0.0.5)
CURLOPT_INTERFACE: errno 45
  Warning: curl_exec(): binding to a specific address or port is not allowed: 11.0.0.1:0
CURLOPT_LOCALPORT: errno 45
  Warning: curl_exec(): binding to a specific address or port is not allowed: 0.0.0.0:40000
CURLOPT_UNIX_SOCKET_PATH: errno 7
  Warning: curl_exec(): connection to unix:/run/aes-none.sock refused (unix sockets are not allowed, only outbound TCP and UDP)
FTP active mode: errno %r(30|2)%r
  Warning: curl_exec(): binding to a specific address or port is not allowed: 11.0.0.1:0
tftp (UDP): errno %r(28|55)%r
  Warning: curl_exec(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
catcher: ftp 11.0.0.1 2121 11.0.0.1
