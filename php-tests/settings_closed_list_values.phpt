--TEST--
Fail closed: every malformed appengine_sockets.allow / appengine_sockets.deny entry (prefix, host bits, port, brackets, names) warns at start-up and refuses everything
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$code = <<<'PHP'
$f = fsockopen('11.0.0.1', 80, $errno, $errstr, 2);
echo "fsockopen: ", var_export($f, true), ", errno $errno\n";
$s = @socket_create(AF_INET, SOCK_DGRAM, 0);
echo "socket_create: ", var_export($s, true), ", last error ", socket_last_error(), "\n";
PHP;
foreach ([
    ['appengine_sockets.allow', '10.0.0.5/8'],
    ['appengine_sockets.deny', '11.0.0.1/24'],
    ['appengine_sockets.deny', 'fd00::5/8'],
    ['appengine_sockets.allow', 'fd00::/129'],
    ['appengine_sockets.deny', '11.0.0.1:99999'],
    ['appengine_sockets.allow', '11.0.0.1:-1'],
    ['appengine_sockets.deny', '11.0.0.1:http'],
    ['appengine_sockets.allow', '11.0.0.1:'],
    ['appengine_sockets.deny', '[fd00::/8]443'],
    ['appengine_sockets.allow', '[fd00::/8:443'],
    ['appengine_sockets.deny', 'fd00::/8:443'],
    ['appengine_sockets.allow', 'private.test'],
    ['appengine_sockets.deny', '11.0.0.1, 10.0.0.5 10.0.0.6'],
] as [$setting, $value]) {
    echo "== $setting=$value\n";
    echo trim(settings_php([$setting => "\"$value\""], ['-r', $code])), "\n";
}
echo settings_catcher($mark);
?>
--EXPECTF--
== appengine_sockets.allow=10.0.0.5/8
Warning: appengine_sockets: appengine_sockets.allow: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "10.0.0.5/8" has host bits set (did you mean 10.0.0.0/8?)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=11.0.0.1/24
Warning: appengine_sockets: appengine_sockets.deny: entry "11.0.0.1/24" has host bits set (did you mean 11.0.0.0/24?); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "11.0.0.1/24" has host bits set (did you mean 11.0.0.0/24?)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=fd00::5/8
Warning: appengine_sockets: appengine_sockets.deny: entry "fd00::5/8" has host bits set (did you mean fd00::/8?); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "fd00::5/8" has host bits set (did you mean fd00::/8?)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.allow=fd00::/129
Warning: appengine_sockets: appengine_sockets.allow: entry "fd00::/129" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "fd00::/129" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=11.0.0.1:99999
Warning: appengine_sockets: appengine_sockets.deny: entry "11.0.0.1:99999" has port "99999", which is not a number from 0 to 65535; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "11.0.0.1:99999" has port "99999", which is not a number from 0 to 65535) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.allow=11.0.0.1:-1
Warning: appengine_sockets: appengine_sockets.allow: entry "11.0.0.1:-1" has port "-1", which is not a number from 0 to 65535; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "11.0.0.1:-1" has port "-1", which is not a number from 0 to 65535) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=11.0.0.1:http
Warning: appengine_sockets: appengine_sockets.deny: entry "11.0.0.1:http" has port "http", which is not a number from 0 to 65535; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "11.0.0.1:http" has port "http", which is not a number from 0 to 65535) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.allow=11.0.0.1:
Warning: appengine_sockets: appengine_sockets.allow: entry "11.0.0.1:" has port "", which is not a number from 0 to 65535; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "11.0.0.1:" has port "", which is not a number from 0 to 65535) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=[fd00::/8]443
Warning: appengine_sockets: appengine_sockets.deny: entry "[fd00::/8]443" has text after ']' that is not /PREFIX or :PORT; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "[fd00::/8]443" has text after ']' that is not /PREFIX or :PORT) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.allow=[fd00::/8:443
Warning: appengine_sockets: appengine_sockets.allow: entry "[fd00::/8:443" has '[' without ']'; every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "[fd00::/8:443" has '[' without ']') in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=fd00::/8:443
Warning: appengine_sockets: appengine_sockets.deny: entry "fd00::/8:443" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "fd00::/8:443" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.allow=private.test
Warning: appengine_sockets: appengine_sockets.allow: entry "private.test" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.allow: entry "private.test" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
== appengine_sockets.deny=11.0.0.1, 10.0.0.5 10.0.0.6
Warning: appengine_sockets: appengine_sockets.deny: entry "10.0.0.5 10.0.0.6" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443); every socket operation is refused until it is fixed in Unknown on line 0

Warning: fsockopen(): Unable to connect to 11.0.0.1:80 (refused until a configuration error is fixed: appengine_sockets.deny: entry "10.0.0.5 10.0.0.6" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)) in Command line code on line 1
fsockopen: false, errno 13
socket_create: false, last error 13
catcher: nothing
