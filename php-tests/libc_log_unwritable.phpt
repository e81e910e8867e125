--TEST--
Decision log that cannot be written, with only C-library decisions in the request: libcurl's refused and allowed connects are enforced as without a log, and the log's fault is said once on the error log (stderr here), as for streams
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--INI--
appengine_sockets.log=/nonexistent-aes-libc-dir/decisions.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
foreach (['http://10.0.0.5:8081/x', 'http://11.0.0.2:8081/ok', 'http://10.0.0.5:8081/y'] as $url) {
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 5]);
    $body = curl_exec($ch);
    echo "$url: ", json_encode([$body, curl_errno($ch)]), "\n";
}
$info = [];
foreach (explode("\n", strip_tags(appengine_sockets_info_text())) as $line) {
    if (str_starts_with($line, 'Decision log state') || str_starts_with($line, 'Decisions in this process')) $info[] = $line;
}
echo implode("\n", $info), "\n";
function appengine_sockets_info_text(): string { ob_start(); phpinfo(INFO_MODULES); return ob_get_clean(); }
?>
--EXPECTF--
appengine_sockets: decision log /nonexistent-aes-libc-dir/decisions.log: open failed: No such file or directory (errno 2); decisions are still enforced, but not logged until it works again (said once per process; php --ri appengine_sockets counts the lines lost)

Warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5) in %s on line %d
http://10.0.0.5:8081/x: [false,7]
http://11.0.0.2:8081/ok: ["HTTP 11.0.0.2 8081 GET \/ok\n",0]

Warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5) in %s on line %d
http://10.0.0.5:8081/y: [false,7]
Decision log state => failing since %s: open failed: No such file or directory (errno 2); 3 lines lost by this process
Decisions in this process => 1 allowed, 2 refused, 0 reported
