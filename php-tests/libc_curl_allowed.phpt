--TEST--
ext/curl (libcurl): allowed destinations work in every way in (redirects, proxies, DoH, CURLOPT_RESOLVE/CONNECT_TO, wildcard bind, multi, copy, reset, Gmail whitelist by name, other protocols)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-curl-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * libcurl resolves and connects by itself (getaddrinfo, socket, connect from
 * libcurl.so). Allowed destinations behave exactly as in stock PHP; the
 * catcher (tests/netns/catcher.py) is the server: HTTP 8081 (/redirect?to=),
 * HTTPS 8444, an HTTP proxy on 3128, SOCKS4/5 on 1080, DoH on 8053 (TLS),
 * TFTP on UDP 69.
 */
libc_decisions_reset();
$ca = getenv('AES_FIXTURES') . '/ca.crt';
$go = fn(string $url, array $opts = []) => fn() => libc_curl($url, $opts);

libc_step('http 11.0.0.2', $go('http://11.0.0.2:8081/plain'));
libc_step('http public.test', $go('http://public.test:8081/name'));
libc_step('http [2400:cb00::10]', $go('http://[2400:cb00::10]:8081/v6'));
// A name only the namespace's DNS server knows: libcurl's resolver (glibc, in a thread)
// sends its queries to 127.0.0.53:53 (loopback), and that keeps working.
libc_step('http dnspublic.test (via the DNS server at 127.0.0.53)', $go('http://dnspublic.test:8081/dns'));
libc_step('http cnamepublic.test (CNAME chain)', $go('http://cnamepublic.test:8081/cname'));
libc_step('https tls.test (verified)', $go('https://tls.test:8444/tls', [CURLOPT_CAINFO => $ca]));
libc_step('redirect 302 -> public2.test', $go(wrapper_redirect('http://public2.test:8081/after302'), [CURLOPT_FOLLOWLOCATION => true]));
libc_step('redirect 301 -> v6.test', $go(wrapper_redirect('http://v6.test:8081/after301') . '&code=301', [CURLOPT_FOLLOWLOCATION => true]));
libc_step('proxy http://11.0.0.1:3128', $go('http://11.0.0.2:8081/via-proxy', [CURLOPT_PROXY => 'http://11.0.0.1:3128']));
libc_step('proxy tunnel (CONNECT) to https', $go('https://tls.test:8444/via-connect', [CURLOPT_PROXY => 'http://public.test:3128', CURLOPT_CAINFO => $ca]));
libc_step('proxy socks4://', $go('http://public2.test:8081/socks4', [CURLOPT_PROXY => 'socks4://11.0.0.1:1080']));
libc_step('proxy socks4a://', $go('http://public2.test:8081/socks4a', [CURLOPT_PROXY => 'socks4a://11.0.0.1:1080']));
libc_step('proxy socks5://', $go('http://public2.test:8081/socks5', [CURLOPT_PROXY => 'socks5://11.0.0.1:1080']));
libc_step('proxy socks5h://', $go('http://public2.test:8081/socks5h', [CURLOPT_PROXY => 'socks5h://11.0.0.1:1080']));
libc_step('proxy via CURLOPT_PROXYTYPE socks5', $go('http://11.0.0.2:8081/proxytype', [CURLOPT_PROXY => '11.0.0.1:1080', CURLOPT_PROXYTYPE => CURLPROXY_SOCKS5]));
libc_step('DoH answering 11.0.0.2', $go('http://anything.test:8081/doh', [CURLOPT_DOH_URL => 'https://tls.test:8053/doh/11.0.0.2', CURLOPT_CAINFO => $ca]));
libc_step('CURLOPT_RESOLVE anything.test -> 11.0.0.2', $go('http://anything.test:8081/resolve', [CURLOPT_RESOLVE => ['anything.test:8081:11.0.0.2']]));
libc_step('CURLOPT_CONNECT_TO -> 11.0.0.2', $go('http://anything.test:8081/connect-to', [CURLOPT_CONNECT_TO => ['anything.test:8081:11.0.0.2:8081']]));
libc_step('CURLOPT_INTERFACE 0.0.0.0 (wildcard, port 0)', $go('http://11.0.0.2:8081/wildcard-bind', [CURLOPT_INTERFACE => '0.0.0.0']));
libc_step('curl_copy_handle', function () {
    $ch = curl_init('http://11.0.0.2:8081/copied');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $copy = curl_copy_handle($ch);
    return libc_curl_result($copy, curl_exec($copy));
});
libc_step('curl_reset, then an allowed URL', function () {
    $ch = curl_init('http://10.0.0.5:8081/never');
    curl_setopt($ch, CURLOPT_RESOLVE, ['anything.test:8081:10.0.0.5']);
    curl_reset($ch);
    curl_setopt_array($ch, [CURLOPT_URL => 'http://11.0.0.2:8081/after-reset', CURLOPT_RETURNTRANSFER => true]);
    return libc_curl_result($ch, curl_exec($ch));
});
libc_step('curl_multi_exec, two handles', function () {
    $mh = curl_multi_init();
    $handles = [];
    foreach (['http://11.0.0.1:8081/multi-a', 'http://[2400:cb00::10]:8081/multi-b'] as $url) {
        $handles[] = $ch = curl_init($url);
        curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 5]);
        curl_multi_add_handle($mh, $ch);
    }
    do {
        $status = curl_multi_exec($mh, $running);
        if ($running) {
            curl_multi_select($mh, 1.0);
        }
    } while ($running && $status === CURLM_OK);
    $out = [];
    while ($info = curl_multi_info_read($mh)) {
        $out[] = $info['result'];
    }
    foreach ($handles as $ch) {
        $out[] = rtrim(curl_multi_getcontent($ch), "\n");
        curl_multi_remove_handle($mh, $ch);
    }
    return $out;
});
// The Gmail whitelist is by name: smtp.gmail.com is 8.8.4.4 here (a Google address).
// The catcher on 465 speaks no TLS, so the handshake fails (35) after the connection is made.
libc_step('smtps://smtp.gmail.com:465', $go('smtps://smtp.gmail.com:465/', [CURLOPT_CONNECTTIMEOUT => 2, CURLOPT_TIMEOUT => 2]));
// Google Public DNS on port 53 is whitelisted by address.
// (The catcher answers with a banner, not HTTP: curl refuses HTTP/0.9, error 1, after connecting.)
libc_step('http://8.8.8.8:53', $go('http://8.8.8.8:53/'));
libc_step('tftp://11.0.0.1 (UDP)', $go('tftp://11.0.0.1/hello.txt'));
libc_step('tftp://[2400:cb00::10] (UDP)', $go('tftp://[2400:cb00::10]/hello6.txt'));
?>
--EXPECTF--
http 11.0.0.2: ["HTTP 11.0.0.2 8081 GET /plain",0,"",0]
  reached: http 11.0.0.2 8081
http public.test: ["HTTP 11.0.0.1 8081 GET /name",0,"",0]
  reached: http 11.0.0.1 8081
http [2400:cb00::10]: ["HTTP 2400:cb00::10 8081 GET /v6",0,"",0]
  reached: http 2400:cb00::10 8081
http dnspublic.test (via the DNS server at 127.0.0.53): ["HTTP 11.0.0.2 8081 GET /dns",0,"",0]
  reached: http 11.0.0.2 8081
http cnamepublic.test (CNAME chain): ["HTTP 11.0.0.2 8081 GET /cname",0,"",0]
  reached: http 11.0.0.2 8081
https tls.test (verified): ["HTTP 11.0.0.3 8444 GET /tls",0,"",0]
  reached: https 11.0.0.3 8444
redirect 302 -> public2.test: ["HTTP 11.0.0.2 8081 GET /after302",0,"",0]
  reached: http 11.0.0.2 8081
  reached: http 11.0.0.2 8081
redirect 301 -> v6.test: ["HTTP 2400:cb00::10 8081 GET /after301",0,"",0]
  reached: http 11.0.0.2 8081
  reached: http 2400:cb00::10 8081
proxy http://11.0.0.1:3128: ["HTTP 11.0.0.2 8081 GET /via-proxy",0,"",0]
  reached: http 11.0.0.2 8081
  reached: proxy 11.0.0.1 3128
proxy tunnel (CONNECT) to https: ["HTTP 11.0.0.3 8444 GET /via-connect",0,"",0]
  reached: https 11.0.0.3 8444
  reached: proxy 11.0.0.1 3128
proxy socks4://: ["HTTP 11.0.0.2 8081 GET /socks4",0,"",0]
  reached: http 11.0.0.2 8081
  reached: socks 11.0.0.1 1080
proxy socks4a://: ["HTTP 11.0.0.2 8081 GET /socks4a",0,"",0]
  reached: http 11.0.0.2 8081
  reached: socks 11.0.0.1 1080
proxy socks5://: ["HTTP 11.0.0.2 8081 GET /socks5",0,"",0]
  reached: http 11.0.0.2 8081
  reached: socks 11.0.0.1 1080
proxy socks5h://: ["HTTP 11.0.0.2 8081 GET /socks5h",0,"",0]
  reached: http 11.0.0.2 8081
  reached: socks 11.0.0.1 1080
proxy via CURLOPT_PROXYTYPE socks5: ["HTTP 11.0.0.2 8081 GET /proxytype",0,"",0]
  reached: http 11.0.0.2 8081
  reached: socks 11.0.0.1 1080
DoH answering 11.0.0.2: ["HTTP 11.0.0.2 8081 GET /doh",0,"",0]
  reached: doh 11.0.0.3 8053
  reached: doh 11.0.0.3 8053
  reached: http 11.0.0.2 8081
CURLOPT_RESOLVE anything.test -> 11.0.0.2: ["HTTP 11.0.0.2 8081 GET /resolve",0,"",0]
  reached: http 11.0.0.2 8081
CURLOPT_CONNECT_TO -> 11.0.0.2: ["HTTP 11.0.0.2 8081 GET /connect-to",0,"",0]
  reached: http 11.0.0.2 8081
CURLOPT_INTERFACE 0.0.0.0 (wildcard, port 0): ["HTTP 11.0.0.2 8081 GET /wildcard-bind",0,"",0]
  reached: http 11.0.0.2 8081
curl_copy_handle: ["HTTP 11.0.0.2 8081 GET /copied",0,"",0]
  reached: http 11.0.0.2 8081
curl_reset, then an allowed URL: ["HTTP 11.0.0.2 8081 GET /after-reset",0,"",0]
  reached: http 11.0.0.2 8081
curl_multi_exec, two handles: [0,0,"HTTP 11.0.0.1 8081 GET /multi-a","HTTP 2400:cb00::10 8081 GET /multi-b"]
  reached: http 11.0.0.1 8081
  reached: http 2400:cb00::10 8081
smtps://smtp.gmail.com:465: [false,35,"%s",0]
  reached: tcp 8.8.4.4 465
http://8.8.8.8:53: [false,1,"Received HTTP/0.9 when not allowed",0]
  reached: tcp 8.8.8.8 53
tftp://11.0.0.1 (UDP): ["TFTP 11.0.0.1 69 hello.txt",0,"",0]
  reached: tftp 11.0.0.1 69
tftp://[2400:cb00::10] (UDP): ["TFTP 2400:cb00::10 69 hello6.txt",0,"",0]
  reached: tftp 2400:cb00::10 69