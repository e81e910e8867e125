--TEST--
corpus: reference run: stock PHP (no extension) really reaches most refused targets; with the extension none
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus.inc';
// Stock PHP: php -n loads no extension (no appengine_sockets). UDP only, so
// the ~100 leaks cost no TCP connections; every address is on the namespace's lo.
$code = 'require ' . var_export(__DIR__ . '/include/corpus.inc', true) . '; corpus_stock_udp();';
$p = proc_open([PHP_BINARY, '-n', '-r', $code], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
proc_close($p);
corpus_stock_udp();
?>
--EXPECTF--
stock PHP: %d of %d refused targets answered over udp://
  10.0.0.5: %d
  100.64.0.9: %d
  11.0.0.1: %d
  127.0.0.1: %d
  127.255.255.254: %d
  169.254.1.1: %d
  172.16.1.1: %d
  192.168.7.7: %d
  2400:cb00::10: %d
  8.8.4.4: %d
  ::1: %d
  fd00::5: %d
with appengine_sockets: 0 of %d refused targets answered over udp://
