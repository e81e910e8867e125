--TEST--
appengine_sockets.log: 4 processes appending at once (50 decisions each) write 200 whole JSON lines, none lost or interleaved
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
// Each child: 2 allowed TCP connections and 48 refusals (which never open a socket).
// A long target makes each line ~700 bytes, so torn or interleaved writes would show.
$code = <<<'PHP'
$start = (float) $argv[1];
while (microtime(true) < $start) { usleep(1000); }
$f = fsockopen('11.0.0.1', 80, $errno, $errstr, 2); fgets($f); fclose($f);
$s = socket_create(AF_INET, SOCK_STREAM, 0); socket_connect($s, '11.0.0.2', 80); socket_read($s, 100); socket_close($s);
$long = str_repeat('x', 500) . '.invalid';
for ($i = 0; $i < 16; $i++) {
    @fsockopen('10.0.0.5', 80 + $i, $errno, $errstr, 2);
    @stream_socket_client("tcp://$long:25", $errno, $errstr, 2);
    $s = socket_create(AF_INET, SOCK_DGRAM, 0); @socket_connect($s, '192.168.7.7', 9000 + $i); socket_close($s);
}
echo "child done\n";
PHP;
$start = sprintf('%.3f', microtime(true) + 0.5);
$procs = [];
for ($n = 0; $n < 4; $n++) {
    $cmd = [PHP_BINARY, '-d', 'extension=' . settings_ext(), '-d', "appengine_sockets.log=$log",
            '-d', "appengine_sockets.app_id=child-$n", '-d', 'display_errors=1', '-r', $code, $start];
    $procs[$n] = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes[$n]);
}
foreach ($procs as $n => $p) {
    echo "child $n: ", trim(stream_get_contents($pipes[$n][1])), ", exit ", proc_close($p), "\n";
}
$lines = file($log, FILE_IGNORE_NEW_LINES);
echo count($lines), " lines\n";
$records = settings_read_log($log);
$per = [];
foreach ($records as $r) {
    $key = "{$r['app_id']} {$r['verdict']} {$r['rule']} {$r['function']}";
    $per[$key] = ($per[$key] ?? 0) + 1;
}
ksort($per);
foreach ($per as $key => $count) {
    echo "$key: $count\n";
}
echo settings_catcher($mark);
?>
--EXPECT--
child 0: child done, exit 0
child 1: child done, exit 0
child 2: child done, exit 0
child 3: child done, exit 0
200 lines
child-0 allow public fsockopen: 1
child-0 allow public socket_connect: 1
child-0 deny port-25 stream_socket_client: 16
child-0 deny special-purpose fsockopen: 16
child-0 deny special-purpose socket_connect: 16
child-1 allow public fsockopen: 1
child-1 allow public socket_connect: 1
child-1 deny port-25 stream_socket_client: 16
child-1 deny special-purpose fsockopen: 16
child-1 deny special-purpose socket_connect: 16
child-2 allow public fsockopen: 1
child-2 allow public socket_connect: 1
child-2 deny port-25 stream_socket_client: 16
child-2 deny special-purpose fsockopen: 16
child-2 deny special-purpose socket_connect: 16
child-3 allow public fsockopen: 1
child-3 allow public socket_connect: 1
child-3 deny port-25 stream_socket_client: 16
child-3 deny special-purpose fsockopen: 16
child-3 deny special-purpose socket_connect: 16
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.1 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.2 80
catcher: tcp 11.0.0.2 80
