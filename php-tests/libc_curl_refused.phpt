--TEST--
ext/curl (libcurl): refused destinations in every way in (literal, name, a name with a private address among others, IPv6, redirects, proxies, DoH, CURLOPT_RESOLVE/CONNECT_TO, bind, unix socket, TFTP, port 25, Google ranges, multi, copy, reset): EACCES inside libcurl, error 7, one warning with the rule, nothing reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-curl-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * The judged address is the one libcurl connects to, after its own
 * resolution: a redirect, a proxy setting, a DoH answer or a CURLOPT_RESOLVE
 * entry cannot smuggle a private address in. The catcher listens on every
 * namespace address (10.0.0.5 too), so a leak shows up as "reached".
 * Each result is [body, curl_errno, curl_error, CURLINFO_OS_ERRNO].
 */
libc_decisions_reset();
$ca = getenv('AES_FIXTURES') . '/ca.crt';
$go = fn(string $url, array $opts = []) => fn() => libc_curl($url, $opts);

libc_step('http 10.0.0.5', $go('http://10.0.0.5:8081/'));
libc_step('http private.test', $go('http://private.test:8081/'));
libc_step('http 0xa.0.0.5', $go('http://0xa.0.0.5:8081/'));
libc_step('http [fd00::5]', $go('http://[fd00::5]:8081/'));
libc_step('http [::ffff:10.0.0.5]', $go('http://[::ffff:10.0.0.5]:8081/'));
libc_step('http 127.0.0.1', $go('http://127.0.0.1:8081/'));
libc_step('http 169.254.1.1', $go('http://169.254.1.1:8081/'));
libc_step('https 8.8.4.4:443 (Google ranges)', $go('https://8.8.4.4/', [CURLOPT_SSL_VERIFYPEER => false]));
// Redirects: the first hop (public) is reached, the next is refused.
libc_step('redirect 302 -> 10.0.0.5', $go(wrapper_redirect('http://10.0.0.5:8081/'), [CURLOPT_FOLLOWLOCATION => true]));
libc_step('redirect 301 -> private.test', $go(wrapper_redirect('http://private.test:8081/') . '&code=301', [CURLOPT_FOLLOWLOCATION => true]));
libc_step('redirect 307 -> [::1]', $go(wrapper_redirect('http://[::1]:8081/') . '&code=307', [CURLOPT_FOLLOWLOCATION => true]));
libc_step('redirect 302 -> port 25', $go(wrapper_redirect('http://11.0.0.1:25/'), [CURLOPT_FOLLOWLOCATION => true]));
// Proxies at private addresses.
libc_step('proxy http://10.0.0.5:3128', $go('http://11.0.0.2:8081/', [CURLOPT_PROXY => 'http://10.0.0.5:3128']));
libc_step('proxy socks5://10.0.0.5:1080', $go('http://11.0.0.2:8081/', [CURLOPT_PROXY => 'socks5://10.0.0.5:1080']));
libc_step('proxy socks5h://private.test:1080', $go('http://11.0.0.2:8081/', [CURLOPT_PROXY => 'socks5h://private.test:1080']));
libc_step('proxy socks4://192.168.7.7:1080', $go('http://11.0.0.2:8081/', [CURLOPT_PROXY => 'socks4://192.168.7.7:1080']));
// DoH: an answer naming a private address; a DoH server at a private address.
libc_step('DoH answering 10.0.0.5', $go('http://anything.test:8081/', [CURLOPT_DOH_URL => 'https://tls.test:8053/doh/10.0.0.5', CURLOPT_CAINFO => $ca]));
libc_step('DoH server at 10.0.0.5', $go('http://anything.test:8081/', [CURLOPT_DOH_URL => 'https://10.0.0.5:8053/doh/11.0.0.2',
    CURLOPT_DOH_SSL_VERIFYPEER => false, CURLOPT_DOH_SSL_VERIFYHOST => false]));
// CURLOPT_RESOLVE / CURLOPT_CONNECT_TO mapping a public name inward.
libc_step('CURLOPT_RESOLVE public.test -> 10.0.0.5', $go('http://public.test:8081/', [CURLOPT_RESOLVE => ['public.test:8081:10.0.0.5']]));
libc_step('CURLOPT_CONNECT_TO public.test -> 10.0.0.5', $go('http://public.test:8081/', [CURLOPT_CONNECT_TO => ['public.test:8081:10.0.0.5:8081']]));
libc_step('CURLOPT_CONNECT_TO any -> private.test', $go('http://public.test:8081/', [CURLOPT_CONNECT_TO => ['::private.test:8081']]));
// Binds (a specific address, a specific port) and unix sockets.
libc_step('CURLOPT_INTERFACE 11.0.0.1', $go('http://11.0.0.2:8081/', [CURLOPT_INTERFACE => '11.0.0.1']));
libc_step('CURLOPT_LOCALPORT 40000', $go('http://11.0.0.2:8081/', [CURLOPT_LOCALPORT => 40000]));
$sock = svc_dir('curl-unix') . '/http.sock';
$srv = svc_spawn([PHP_BINARY, '-n', '-r', '$s = stream_socket_server("unix://" . $argv[1]); while ($c = @stream_socket_accept($s, 30)) { fread($c, 4096); fwrite($c, "HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nunix socket\n"); fclose($c); }', $sock], '/dev/null');
svc_wait(fn() => file_exists($sock), 'unix socket server', '/dev/null');
libc_step('CURLOPT_UNIX_SOCKET_PATH', $go('http://11.0.0.2:8081/', [CURLOPT_UNIX_SOCKET_PATH => $sock]));
// UDP (TFTP), port 25, and the Gmail whitelist: by name only.
// libcurl's TFTP does not give up on a failed sendto(): it retries until its timeout (28).
libc_step('tftp://10.0.0.5 (UDP)', $go('tftp://10.0.0.5/hello.txt', [CURLOPT_TIMEOUT => 2]));
libc_step('tftp://[fd00::5] (UDP)', $go('tftp://[fd00::5]/hello.txt', [CURLOPT_TIMEOUT => 2]));
libc_step('smtp://11.0.0.1:25', $go('smtp://11.0.0.1:25/'));
libc_step('smtp://smtp.gmail.com:25', $go('smtp://smtp.gmail.com:25/'));
libc_step('smtps://evil-gmail.test:465 (8.8.4.4, not whitelisted)', $go('smtps://evil-gmail.test:465/'));
libc_step('smtps://gmail-private.test:465', $go('smtps://gmail-private.test:465/'));
// Handle functions.
libc_step('curl_copy_handle (CURLOPT_RESOLVE -> 10.0.0.5)', function () {
    $ch = curl_init('http://public.test:8081/');
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_RESOLVE => ['public.test:8081:10.0.0.5']]);
    $copy = curl_copy_handle($ch);
    return libc_curl_result($copy, curl_exec($copy));
});
libc_step('curl_reset, then a private URL', function () {
    $ch = curl_init('http://11.0.0.2:8081/');
    curl_reset($ch);
    curl_setopt_array($ch, [CURLOPT_URL => 'http://10.0.0.5:8081/', CURLOPT_RETURNTRANSFER => true]);
    return libc_curl_result($ch, curl_exec($ch));
});
libc_step('curl_multi_exec, one allowed and one private', function () {
    $mh = curl_multi_init();
    $handles = [];
    foreach (['http://11.0.0.1:8081/multi-ok', 'http://10.0.0.5:8081/multi-private'] as $url) {
        $handles[] = $ch = curl_init($url);
        curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 5]);
        curl_multi_add_handle($mh, $ch);
    }
    $results = [];
    do {
        $status = curl_multi_exec($mh, $running);
        while ($info = curl_multi_info_read($mh)) {
            $results[array_search($info['handle'], $handles, true)] = $info['result'];
        }
        if ($running) {
            curl_multi_select($mh, 1.0);
        }
    } while ($running && $status === CURLM_OK);
    $out = [];
    foreach ($handles as $i => $ch) {
        // [body, the transfer's result (curl_multi_info_read), CURLINFO_OS_ERRNO]
        $out[] = [rtrim(curl_multi_getcontent($ch) ?? '', "\n"), $results[$i] ?? null, curl_getinfo($ch, CURLINFO_OS_ERRNO)];
        curl_multi_remove_handle($mh, $ch);
    }
    return $out;
});
// A name with a public and a private address (mixed.test: 11.0.0.1 and 10.0.0.5) is refused
// as a whole, as streams refuse it: curl tries 11.0.0.1 first, then 10.0.0.5; one warning.
libc_step('http mixed.test (refused as a whole: curl tries 11.0.0.1, then 10.0.0.5)', $go('http://mixed.test:8081/'));
libc_step('http mixedfam2.test (10.0.0.5 and 2400:cb00::10)', $go('http://mixedfam2.test:8081/'));
// A connect follows the latest lookup that produced its address (last, as it names them).
libc_step('http 11.0.0.1 (mixed.test\'s lookup is the latest of 11.0.0.1)', $go('http://11.0.0.1:8081/'));
libc_step('http public.test (a lookup of 11.0.0.1 alone)', $go('http://public.test:8081/'));
?>
--EXPECTF--
http 10.0.0.5: [false,7,"Failed to connect to 10.0.0.5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http private.test: [false,7,"Failed to connect to private.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http 0xa.0.0.5: [false,7,"Failed to connect to 10.0.0.5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http [fd00::5]: [false,7,"Failed to connect to fd00::5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to [fd00::5]:8081 refused (private address fd00::5)
  reached: nothing
  logged: deny special-purpose curl_exec fd00::5 8081
http [::ffff:10.0.0.5]: [false,7,"Failed to connect to ::ffff:10.0.0.5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to [::ffff:10.0.0.5]:8081 refused (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec ::ffff:10.0.0.5 8081
http 127.0.0.1: [false,7,"Failed to connect to 127.0.0.1%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 127.0.0.1:8081 refused (loopback address 127.0.0.1)
  reached: nothing
  logged: deny special-purpose curl_exec 127.0.0.1 8081
http 169.254.1.1: [false,7,"Failed to connect to 169.254.1.1%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 169.254.1.1:8081 refused (link-local address 169.254.1.1)
  reached: nothing
  logged: deny special-purpose curl_exec 169.254.1.1 8081
https 8.8.4.4:443 (Google ranges): [false,7,"Failed to connect to 8.8.4.4%r( port 443 after N ms: (Couldn't|Could not)|:443 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 8.8.4.4:443 refused (Google address 8.8.4.4 (Google APIs and services ranges))
  reached: nothing
  logged: deny google curl_exec 8.8.4.4 443
redirect 302 -> 10.0.0.5: [false,7,"Failed to connect to 10.0.0.5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: http 11.0.0.2 8081
  logged: deny special-purpose curl_exec 10.0.0.5 8081
redirect 301 -> private.test: [false,7,"Failed to connect to private.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: http 11.0.0.2 8081
  logged: deny special-purpose curl_exec 10.0.0.5 8081
redirect 307 -> [::1]: [false,7,"Failed to connect to ::1%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to [::1]:8081 refused (loopback address ::1)
  reached: http 11.0.0.2 8081
  logged: deny special-purpose curl_exec ::1 8081
redirect 302 -> port 25: [false,7,"Failed to connect to 11.0.0.1%r( port 25 after N ms: (Couldn't|Could not)|:25 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 11.0.0.1:25 refused (port 25 is blocked)
  reached: http 11.0.0.2 8081
  logged: deny port-25 curl_exec 11.0.0.1 25
proxy http://10.0.0.5:3128: %r(\[false,7,"Failed to connect to 10\.0\.0\.5(?:( port 3128 after N ms: (Couldn't|Could not)|:3128 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to 10\.0\.0\.5:3128 over proxy 10\.0\.0\.5 after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 10.0.0.5:3128 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 3128
proxy socks5://10.0.0.5:1080: %r(\[false,7,"Failed to connect to 10\.0\.0\.5(?:( port 1080 after N ms: (Couldn't|Could not)|:1080 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to 11\.0\.0\.2:8081 over proxy 10\.0\.0\.5 after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 10.0.0.5:1080 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 1080
proxy socks5h://private.test:1080: %r(\[false,7,"Failed to connect to private\.test(?:( port 1080 after N ms: (Couldn't|Could not)|:1080 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to 11\.0\.0\.2:8081 over proxy private\.test after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 10.0.0.5:1080 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 1080
proxy socks4://192.168.7.7:1080: %r(\[false,7,"Failed to connect to 192\.168\.7\.7(?:( port 1080 after N ms: (Couldn't|Could not)|:1080 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to 11\.0\.0\.2:8081 over proxy 192\.168\.7\.7 after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 192.168.7.7:1080 refused (private address 192.168.7.7)
  reached: nothing
  logged: deny special-purpose curl_exec 192.168.7.7 1080
DoH answering 10.0.0.5: [false,7,"Failed to connect to anything.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: doh 11.0.0.3 8053
  reached: doh 11.0.0.3 8053
  logged: deny special-purpose curl_exec 10.0.0.5 8081
DoH server at 10.0.0.5: %r(\[false,6,"(?:(Couldn't resolve host name|Could not resolve hostname))",0\]|\[false,6,"Could not resolve host: anything\.test",0\])%r
  warning: curl_exec(): connection to 10.0.0.5:8053 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8053 (x2)
CURLOPT_RESOLVE public.test -> 10.0.0.5: [false,7,"Failed to connect to public.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
CURLOPT_CONNECT_TO public.test -> 10.0.0.5: %r(\[false,7,"Failed to connect to 10\.0\.0\.5(?:( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to public\.test:8081 via 10\.0\.0\.5:8081 after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
CURLOPT_CONNECT_TO any -> private.test: %r(\[false,7,"Failed to connect to private\.test(?:( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to public\.test:8081 via private\.test:8081 after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
CURLOPT_INTERFACE 11.0.0.1: %r(\[false,45,"bind failed with errno 13: Permission denied",13\]|\[false,45,"Failed to connect to 11\.0\.0\.2:8081 after N ms: Failed binding local connection end",13\])%r
  warning: curl_exec(): binding to a specific address or port is not allowed: 11.0.0.1:0
  reached: nothing
  logged: deny bind curl_exec 11.0.0.1 0
CURLOPT_LOCALPORT 40000: %r(\[false,45,"bind failed with errno 13: Permission denied",13\]|\[false,45,"Failed to connect to 11\.0\.0\.2:8081 after N ms: Failed binding local connection end",13\])%r
  warning: curl_exec(): binding to a specific address or port is not allowed: 0.0.0.0:40000
  reached: nothing
  logged: deny bind curl_exec 0.0.0.0 40000
CURLOPT_UNIX_SOCKET_PATH: %r(\[false,7,"Failed to connect to 11\.0\.0\.2(?:( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)) connect to server",13\]|\[false,7,"Failed to connect to 11\.0\.0\.2:8081 over unix:\/\/\/tmp\/aes-svc-curl-unix-[^ ]+\/http\.sock after N ms: Could not connect to server",13\])%r
  warning: curl_exec(): connection to unix:%s/http.sock refused (unix sockets are not allowed, only outbound TCP and UDP)
  reached: nothing
  logged: deny protocol curl_exec target "unix:%s/http.sock"
tftp://10.0.0.5 (UDP): %r(\[false,28,"[^\r\n]+",0\]|\[false,55,"Permission denied",0\])%r
  warning: curl_exec(): sending to 10.0.0.5:69 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 69%S
tftp://[fd00::5] (UDP): %r(\[false,28,"[^\r\n]+",0\]|\[false,55,"Permission denied",0\])%r
  warning: curl_exec(): sending to [fd00::5]:69 refused (private address fd00::5)
  reached: nothing
  logged: deny special-purpose curl_exec fd00::5 69%S
smtp://11.0.0.1:25: [false,7,"Failed to connect to 11.0.0.1%r( port 25 after N ms: (Couldn't|Could not)|:25 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 11.0.0.1:25 refused (port 25 is blocked)
  reached: nothing
  logged: deny port-25 curl_exec 11.0.0.1 25
smtp://smtp.gmail.com:25: [false,7,"Failed to connect to smtp.gmail.com%r( port 25 after N ms: (Couldn't|Could not)|:25 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 8.8.4.4:25 refused (port 25 is blocked)
  reached: nothing
  logged: deny port-25 curl_exec 8.8.4.4 25
smtps://evil-gmail.test:465 (8.8.4.4, not whitelisted): [false,7,"Failed to connect to evil-gmail.test%r( port 465 after N ms: (Couldn't|Could not)|:465 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 8.8.4.4:465 refused (Google address 8.8.4.4 (Google APIs and services ranges))
  reached: nothing
  logged: deny google curl_exec 8.8.4.4 465
smtps://gmail-private.test:465: [false,7,"Failed to connect to gmail-private.test%r( port 465 after N ms: (Couldn't|Could not)|:465 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:465 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 465
curl_copy_handle (CURLOPT_RESOLVE -> 10.0.0.5): [false,7,"Failed to connect to public.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
curl_reset, then a private URL: [false,7,"Failed to connect to 10.0.0.5%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
curl_multi_exec, one allowed and one private: [["HTTP 11.0.0.1 8081 GET /multi-ok",0,0],["",7,13]]
  warning: curl_multi_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: http 11.0.0.1 8081
  logged: deny special-purpose curl_multi_exec 10.0.0.5 8081
http mixed.test (refused as a whole: curl tries 11.0.0.1, then 10.0.0.5): [false,7,"Failed to connect to mixed.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to mixed.test:8081 refused (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 11.0.0.1 8081
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http mixedfam2.test (10.0.0.5 and 2400:cb00::10): [false,7,"Failed to connect to mixedfam2.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to mixedfam2.test:8081 refused (private address 10.0.0.5; mixedfam2.test resolves to 2400:cb00::10, 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 2400:cb00::10 8081
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http 11.0.0.1 (mixed.test's lookup is the latest of 11.0.0.1): [false,7,"Failed to connect to 11.0.0.1%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to mixed.test:8081 refused (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 11.0.0.1 8081
http public.test (a lookup of 11.0.0.1 alone): ["HTTP 11.0.0.1 8081 GET /",0,"",0]
  reached: http 11.0.0.1 8081
