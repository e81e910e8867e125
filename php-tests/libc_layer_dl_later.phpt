--TEST--
libc layer: an extension loaded later with dl() (its libraries loaded by dlopen after start-up) is guarded too
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc';
if (!is_file(ini_get('extension_dir') . '/curl.so')) die('skip curl.so not installed'); ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
// A fresh PHP without any ini: only this extension, then curl.so (and libcurl) by dl().
$code = <<<'PHP'
var_dump(extension_loaded('curl'));
dl('curl.so');
$ch = curl_init('http://10.0.0.5:80/');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
var_dump(curl_exec($ch), curl_errno($ch));
$ch = curl_init('http://11.0.0.1:8081/later');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
var_dump(trim(curl_exec($ch)));
PHP;
$mark = aes_log_mark();
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . getenv('AES_EXT'), '-d', 'enable_dl=1', '-d', 'extension_dir=' . ini_get('extension_dir'), '-r', $code];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo 'exit ', proc_close($p), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
bool(false)

Warning: curl_exec(): connection to 10.0.0.5:80 refused (private address 10.0.0.5) in Command line code on line 5
bool(false)
int(7)
string(29) "HTTP 11.0.0.1 8081 GET /later"
exit 0
catcher: http 11.0.0.1 8081 11.0.0.1
