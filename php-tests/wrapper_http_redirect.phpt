--TEST--
http:// wrapper: redirects are judged hop by hop (a public server's 302 to a private one is refused at that hop)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
aes_dns_reset();

$ctx = wrapper_http_context();
$tls = stream_context_create(['ssl' => wrapper_tls_options(), 'http' => ['timeout' => 3]]);
// A public server (11.0.0.2:8081, allowed) answers 302 to a private one: the
// second hop is judged on its own and refused; only the first hop is logged.
foreach (['http://10.0.0.5:8081/second', 'http://127.1:8081/second', 'http://[::ffff:10.0.0.5]:8081/second',
          'http://private.test:8081/second', 'http://mixed.test:8081/second', 'http://0xa000005:8081/second',
          'http://11.0.0.1:8081@10.0.0.5:8081/second', 'https://10.0.0.5:8444/second',
          'http://11.0.0.1:65561/second'] as $to) {
    wrapper_step("302 to $to", fn() => file_get_contents(wrapper_redirect($to), false, $ctx));
}
// The same through the other readers that follow redirects.
$to = wrapper_redirect('http://10.0.0.5:8081/second');
wrapper_step('fopen, 302 to private', fn() => fopen($to, 'r', false, $ctx));
wrapper_step('get_headers, 302 to private', fn() => get_headers($to, false, $ctx));
wrapper_step('copy, 302 to private', fn() => copy($to, 'php://memory', $ctx));
// Three hops: public -> public -> private; refused at the third.
$chain = wrapper_redirect(wrapper_redirect('http://10.0.0.5:8081/third', 'http://11.0.0.1:8081'));
wrapper_step('302 -> 302 -> private', fn() => file_get_contents($chain, false, $ctx));
// https first hop (verified), then a private http:// hop.
wrapper_step('https 302 to private', fn() => file_get_contents(
    wrapper_redirect('http://10.0.0.5:8081/second', 'https://tls.test:8444'), false, $tls));
// DNS rebinding across hops: rebind4.test is 11.0.0.1 at the first lookup and
// 10.0.0.5 after; each hop is resolved once and the checked address connected.
wrapper_step('rebind4.test 302 to rebind4.test', fn() => file_get_contents(
    wrapper_redirect('http://rebind4.test:8081/second', 'http://rebind4.test:8081'), false, $ctx));
// Allowed: a public second hop is followed; follow_location=0 stops at the first.
wrapper_step('302 to public', fn() => file_get_contents(wrapper_redirect('http://11.0.0.1:8081/final'), false, $ctx));
wrapper_step('follow_location=0', function () {
    // The status line from the stream's metadata (not $http_response_header, which PHP
    // 8.5 deprecates, nor http_get_last_response_headers(), which only 8.4+ has).
    $f = fopen(wrapper_redirect('http://10.0.0.5:8081/second'), 'r', false,
        wrapper_http_context(['follow_location' => 0]));
    return $f === false ? false : stream_get_meta_data($f)['wrapper_data'][0];
});

?>
--EXPECT--
302 to http://10.0.0.5:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://127.1:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F127.1%3A8081%2Fsecond): Failed to open stream: loopback address 127.0.0.1
  reached: http 11.0.0.2 8081
302 to http://[::ffff:10.0.0.5]:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F%5B%3A%3Affff%3A10.0.0.5%5D%3A8081%2Fsecond): Failed to open stream: IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://private.test:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2Fprivate.test%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://mixed.test:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2Fmixed.test%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://0xa000005:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F0xa000005%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://11.0.0.1:8081@10.0.0.5:8081/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F11.0.0.1%3A8081%4010.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to https://10.0.0.5:8444/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=https%3A%2F%2F10.0.0.5%3A8444%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 to http://11.0.0.1:65561/second: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F11.0.0.1%3A65561%2Fsecond): Failed to open stream: Invalid redirect URL! http://11.0.0.1:65561/second
  reached: http 11.0.0.2 8081
fopen, 302 to private: false
  warning: fopen(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
get_headers, 302 to private: false
  warning: get_headers(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
copy, 302 to private: false
  warning: copy(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.2 8081
302 -> 302 -> private: false
  warning: file_get_contents(http://11.0.0.2:8081/redirect?to=http%3A%2F%2F11.0.0.1%3A8081%2Fredirect%3Fto%3Dhttp%253A%252F%252F10.0.0.5%253A8081%252Fthird): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.1 8081
  reached: http 11.0.0.2 8081
https 302 to private: false
  warning: file_get_contents(https://tls.test:8444/redirect?to=http%3A%2F%2F10.0.0.5%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: https 11.0.0.3 8444
rebind4.test 302 to rebind4.test: false
  warning: file_get_contents(http://rebind4.test:8081/redirect?to=http%3A%2F%2Frebind4.test%3A8081%2Fsecond): Failed to open stream: private address 10.0.0.5
  reached: http 11.0.0.1 8081
302 to public: "HTTP 11.0.0.1 8081 GET /final"
  reached: http 11.0.0.1 8081
  reached: http 11.0.0.2 8081
follow_location=0: "HTTP/1.0 302 Found"
  reached: http 11.0.0.2 8081
