--TEST--
libc layer: the system resolver keeps working (glibc's own queries to the namespace's nameserver on 127.0.0.53, UDP and the TCP fallback, from libcurl's resolver thread), and child processes (proc_open, mail()) run untouched
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip ext/curl not loaded'); ?>
--INI--
sendmail_path="cat > /dev/null"
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
// Names only tests/netns/dns.py answers (not /etc/hosts): resolving them means UDP (and,
// for truncated.test, TCP) to 127.0.0.53, a loopback address no app may reach itself.
echo 'dnspublic.test: ', aes_curl('http://dnspublic.test:8081/dns');
echo 'chain.test (CNAMEs): ', aes_curl('http://chain.test:8081/chain');
echo 'truncated.test (TCP fallback): ', aes_curl('http://truncated.test:8081/tc');
echo 'the nameserver itself: ', aes_curl('http://127.0.0.53:53/');
$p = proc_open(['sh', '-c', 'echo child ok'], [1 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]), 'proc_open exit ', proc_close($p), "\n";
var_dump(mail('nobody@example.test', 'subject', 'body'));
?>
--EXPECT--
dnspublic.test: errno 0, body HTTP 11.0.0.2 8081 GET /dns
chain.test (CNAMEs): errno 0, body HTTP 11.0.0.2 8081 GET /chain
truncated.test (TCP fallback): errno 0, body HTTP 11.0.0.2 8081 GET /tc
the nameserver itself: errno 7
  Warning: curl_exec(): connection to 127.0.0.53:53 refused (loopback address 127.0.0.53)
child ok
proc_open exit 0
bool(true)
