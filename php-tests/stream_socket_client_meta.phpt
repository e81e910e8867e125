--TEST--
stream_socket_client(): metadata and names of an allowed stream are those of stock PHP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$f = stream_socket_client('tcp://public.test:80', $errno, $errstr, 2);
$meta = stream_get_meta_data($f);
// PHP 8.4 adds "uri": the text the app wrote, as stock PHP 8.4 shows it (8.2 has none).
$uri = $meta['uri'] ?? null;
unset($meta['uri']);
echo 'uri: ', PHP_VERSION_ID >= 80400 ? ($uri === 'tcp://public.test:80' ? 'as written' : var_export($uri, true))
    : ($uri === null ? 'as written' : var_export($uri, true)), "\n";
ksort($meta);
var_dump($meta);
var_dump(stream_socket_get_name($f, true), stream_socket_get_name($f, false));
var_dump(stream_is_local($f), stream_set_blocking($f, false), stream_get_meta_data($f)['blocked']);
?>
--EXPECTF--
uri: as written
array(7) {
  ["blocked"]=>
  bool(true)
  ["eof"]=>
  bool(false)
  ["mode"]=>
  string(2) "r+"
  ["seekable"]=>
  bool(false)
  ["stream_type"]=>
  string(14) "tcp_socket/ssl"
  ["timed_out"]=>
  bool(false)
  ["unread_bytes"]=>
  int(0)
}
string(11) "11.0.0.1:80"
string(%d) "11.0.0.1:%d"
bool(false)
bool(true)
bool(false)
