--TEST--
appengine_sockets.log=<file>: one JSON object per line per decision (time, app_id, function, target, address, port, verdict, rule, reason)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$log = settings_temp_log();
$code = <<<'PHP'
$f = fsockopen('public.test', 80, $errno, $errstr, 2); fgets($f); fclose($f);
@fsockopen('10.0.0.5', 80, $errno, $errstr, 2);
$f = fsockopen('udp://8.8.8.8', 53, $errno, $errstr, 2); fwrite($f, "x"); fgets($f); fclose($f);
@stream_socket_client('tcp://11.0.0.1:25', $errno, $errstr, 2);
@stream_socket_client('tcp://8.8.4.4:443', $errno, $errstr, 2);
$f = fsockopen('192.168.7.7', 8080, $errno, $errstr, 2); fgets($f); fclose($f);
@fsockopen('11.0.0.3', 80, $errno, $errstr, 2);
$s = socket_create(AF_INET6, SOCK_STREAM, 0); socket_connect($s, '2400:cb00::10', 80); socket_read($s, 100); socket_close($s);
$s = socket_create(AF_INET, SOCK_DGRAM, 0); @socket_sendto($s, "x", 1, 0, '172.16.1.1', 9999); socket_close($s);
@stream_socket_server('tcp://0.0.0.0:8000');
@socket_create(AF_UNIX, SOCK_STREAM, 0);
// (Allowed connections read the catcher's banner: it is logged before it is sent.)
// Not decisions: a check only judges; a name that does not resolve has no address to judge.
appengine_sockets_check('10.0.0.5:80');
@fsockopen('no-such-host.invalid', 80, $errno, $errstr, 2);
echo "done\n";
PHP;
echo settings_php([
    'appengine_sockets.log' => $log,
    'appengine_sockets.app_id' => 'settings-log-test',
    'appengine_sockets.allow' => '192.168.7.7/32:8080',
    'appengine_sockets.deny' => '11.0.0.3/32:80',
], ['-r', $code]);
$records = settings_read_log($log);
echo count($records), " records\n";
foreach ($records as $r) {
    settings_show_record($r);
}
echo settings_catcher($mark);
?>
--EXPECT--
done
11 records
allow public fsockopen target="public.test:80" address="11.0.0.1" port=80 app_id="settings-log-test": public address 11.0.0.1
deny special-purpose[private] fsockopen target="10.0.0.5:80" address="10.0.0.5" port=80 app_id="settings-log-test": private address 10.0.0.5
allow whitelist fsockopen target="8.8.8.8:53" address="8.8.8.8" port=53 app_id="settings-log-test": Google Public DNS 8.8.8.8 on port 53 is whitelisted
deny port-25 stream_socket_client target="11.0.0.1:25" address="11.0.0.1" port=25 app_id="settings-log-test": port 25 is blocked
deny google stream_socket_client target="8.8.4.4:443" address="8.8.4.4" port=443 app_id="settings-log-test": Google address 8.8.4.4 (Google APIs and services ranges)
allow operator-allow fsockopen target="192.168.7.7:8080" address="192.168.7.7" port=8080 app_id="settings-log-test": address 192.168.7.7 port 8080 is allowed by appengine_sockets.allow entry 192.168.7.7/32:8080
deny operator-deny fsockopen target="11.0.0.3:80" address="11.0.0.3" port=80 app_id="settings-log-test": address 11.0.0.3 port 80 is denied by appengine_sockets.deny entry 11.0.0.3/32:80
allow public socket_connect target="2400:cb00::10" address="2400:cb00::10" port=80 app_id="settings-log-test": public address 2400:cb00::10
deny special-purpose[private] socket_sendto target="172.16.1.1" address="172.16.1.1" port=9999 app_id="settings-log-test": private address 172.16.1.1
deny listen stream_socket_server target="0.0.0.0:8000" address=null port=null app_id="settings-log-test": listening sockets are not allowed
deny protocol[unix] socket_create target="" address=null port=null app_id="settings-log-test": unix sockets are not allowed, only outbound TCP and UDP
catcher: tcp 11.0.0.1 80
catcher: tcp 192.168.7.7 8080
catcher: tcp 2400:cb00::10 80
catcher: udp 8.8.8.8 53
