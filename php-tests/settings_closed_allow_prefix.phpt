--TEST--
Fail closed: appengine_sockets.allow=10.0.0.0/33 warns at start-up and then every socket operation is refused (errno 13), even to an allowed public host
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=10.0.0.0/33
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
echo "fsockopen: ";
settings_result(fsockopen('11.0.0.1', 80, $errno, $errstr, 2), $errno, $errstr);
echo "stream_socket_client: ";
settings_result(stream_socket_client('tcp://public.test:80', $errno, $errstr, 2), $errno, $errstr);
echo "fsockopen udp: ";
settings_result(fsockopen('udp://8.8.8.8', 53, $errno, $errstr, 2), $errno, $errstr);
var_dump(@file_get_contents('http://11.0.0.1/'));
var_dump(socket_create(AF_INET, SOCK_STREAM, SOL_TCP), socket_last_error());
socket_clear_error();
// socket_create() is refused, so take a Socket that PHP made without it (a proc_open socket pipe).
$p = proc_open(['cat'], [0 => ['socket'], 1 => ['file', '/dev/null', 'w']], $pipes);
$sock = socket_import_stream($pipes[0]);
var_dump(socket_connect($sock, '11.0.0.1', 80), socket_last_error($sock), socket_last_error());
var_dump(socket_sendto($sock, "ping\n", 5, 0, '11.0.0.1', 9999));
$ai = socket_addrinfo_lookup('11.0.0.1', '80', ['ai_family' => AF_INET, 'ai_socktype' => SOCK_STREAM]);
var_dump(socket_addrinfo_connect($ai[0]));
socket_close($sock);
proc_close($p);
print_r(appengine_sockets_check('tcp://11.0.0.1:80'));
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Configuration error', 'Operator allow list']);
echo settings_catcher($mark);
?>
--EXPECTF--
Warning: appengine_sockets: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0
fsockopen: 
Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"
stream_socket_client: 
Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"
fsockopen udp: 
Warning: fsockopen(): Unable to connect to udp://8.8.8.8:53 (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
false, errno 13, errstr "refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"
bool(false)

Warning: socket_create(): Unable to create socket [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
bool(false)
int(13)

Warning: socket_connect(): unable to connect [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
bool(false)
int(13)
int(13)

Warning: socket_sendto(): Unable to write to socket [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
bool(false)

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in %s on line %d
bool(false)
Array
(
    [allowed] => 
    [rule] => config
    [reason] => refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)
    [addresses] => Array
        (
        )

    [acl] => 
)
App Engine socket rules => refusing every socket operation (configuration error)
Configuration error => appengine_sockets.allow: entry "10.0.0.0/33" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)
Operator allow list => (none)
catcher: nothing
