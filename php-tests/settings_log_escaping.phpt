--TEST--
appengine_sockets.log: app ids and targets with quotes, backslashes, newlines, NUL and UTF-8 stay one line of valid JSON and decode to what the app wrote
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
// Port 25 is refused before any lookup, so these names are never resolved.
@fsockopen("we\"ird\\name\n{x}.invalid", 25, $errno, $errstr, 1);
@stream_socket_client("tcp://\u{e9}t\u{e9}-\u{1F600}.invalid:25", $errno, $errstr, 1);
@fsockopen("11.0.0.1\0evil", 80, $errno, $errstr, 1);
PHP;
$appId = "app\\\u{e9}";
settings_php(['appengine_sockets.log' => $log, 'appengine_sockets.app_id' => $appId], ['-r', $code]);
$targets = ["we\"ird\\name\n{x}.invalid:25", "\u{e9}t\u{e9}-\u{1F600}.invalid:25", "11.0.0.1\0evil:80"];
$lines = file($log, FILE_IGNORE_NEW_LINES);
echo count($lines), " lines\n";
foreach (settings_read_log($log) as $i => $r) {
    echo 'app_id and target decode to what was written: ', var_export($r['app_id'] === $appId && $r['target'] === $targets[$i], true), "\n";
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
3 lines
app_id and target decode to what was written: true
deny port-25 fsockopen target="we\"ird\\name\n{x}.invalid:25" address=null port=25 app_id="app\\\u00e9": port 25 is blocked
app_id and target decode to what was written: true
deny port-25 stream_socket_client target="\u00e9t\u00e9-\ud83d\ude00.invalid:25" address=null port=25 app_id="app\\\u00e9": port 25 is blocked
app_id and target decode to what was written: true
deny malformed fsockopen target="11.0.0.1\u0000evil:80" address=null port=null app_id="app\\\u00e9": address contains a NUL byte
catcher: nothing
