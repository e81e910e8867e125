--TEST--
libc layer: allowed curl transfers work as in stock PHP (IPv4, IPv6, names, TLS, curl_multi), and the Gmail whitelist holds for curl by name
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip ext/curl not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
$fx = getenv('AES_FIXTURES');
$mark = aes_log_mark();
echo 'literal: ', aes_curl('http://11.0.0.1:8081/a');
echo 'name: ', aes_curl('http://public.test:8081/b');
echo 'IPv6: ', aes_curl('http://[2400:cb00::10]:8081/c');
echo 'TLS, name verified: ', aes_curl('https://tls.test:8444/d', [CURLOPT_CAINFO => "$fx/ca.crt"]);
// The catcher on 587 is not an SMTP server: the transfer times out after connecting.
echo 'smtp.gmail.com:587 (whitelisted name): ', aes_curl('smtp://smtp.gmail.com:587/', [CURLOPT_TIMEOUT => 1]);
echo aes_connections($mark);

$mark = aes_log_mark();
$mh = curl_multi_init();
$handles = [];
foreach (['http://11.0.0.1:8081/m1', 'http://public2.test:8081/m2', 'http://10.0.0.5:80/m3'] as $url) {
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($mh, $ch);
    $handles[] = $ch;
}
[, $warnings] = aes_with_warnings(function () use ($mh) {
    do {
        $status = curl_multi_exec($mh, $running);
        if ($running) {
            curl_multi_select($mh, 1);
        }
    } while ($running && $status === CURLM_OK);
});
while ($info = curl_multi_info_read($mh)) {
    $i = array_search($info['handle'], $handles, true);
    $results[$i] = "handle $i: result {$info['result']} " . trim((string) curl_multi_getcontent($info['handle']));
}
ksort($results);
echo implode("\n", $results), "\n", implode("\n", $warnings), "\n";
echo aes_connections($mark);
?>
--EXPECT--
literal: errno 0, body HTTP 11.0.0.1 8081 GET /a
name: errno 0, body HTTP 11.0.0.1 8081 GET /b
IPv6: errno 0, body HTTP 2400:cb00::10 8081 GET /c
TLS, name verified: errno 0, body HTTP 11.0.0.3 8444 GET /d
smtp.gmail.com:587 (whitelisted name): errno 28
catcher: http 11.0.0.1 8081 11.0.0.1
catcher: http 11.0.0.1 8081 11.0.0.1
catcher: http 2400:cb00::10 8081 2400:cb00::10
catcher: https 11.0.0.3 8444 11.0.0.3
catcher: tcp 8.8.4.4 587 8.8.4.4
handle 0: result 0 HTTP 11.0.0.1 8081 GET /m1
handle 1: result 0 HTTP 11.0.0.2 8081 GET /m2
handle 2: result 7 
Warning: curl_multi_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
catcher: http 11.0.0.1 8081 11.0.0.1
catcher: http 11.0.0.2 8081 11.0.0.2
