--TEST--
Parity: mocked socket options take ext/sockets' own errors for bad values and read back what Linux reports (flags 0/1, buffer sizes doubled, SO_LINGER as unsigned short)
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (PHP_VERSION_ID >= 80400) die('skip ext/sockets of PHP 8.4 and later: parity_socket_options_84.phpt');
?>
--FILE--
<?php
require __DIR__ . '/include/parity.inc';
parity_run(__DIR__ . '/fixtures/parity/socket_options.php');
// Beyond wmem_max/rmem_max: capped at Linux's default (212992), doubled; stock PHP
// reports this machine's sysctl instead.
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
foreach ([SO_SNDBUF, SO_RCVBUF] as $o) {
    foreach ([-3, 1000000] as $v) {
        socket_set_option($s, SOL_SOCKET, $o, $v);
        echo $v, ' => ', socket_get_option($s, SOL_SOCKET, $o), "\n";
    }
}
?>
--EXPECTF--
SO_LINGER 5: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
SO_LINGER null: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
SO_LINGER []: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
SO_LINGER [l_onoff]: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_linger"
SO_LINGER #0: [true,{"l_onoff":1,"l_linger":9}]
SO_LINGER #1: [true,{"l_onoff":0,"l_linger":9}]
SO_LINGER #2: [true,{"l_onoff":1,"l_linger":65535}]
SO_LINGER #3: [true,{"l_onoff":0,"l_linger":65535}]
SO_LINGER #4: [true,{"l_onoff":1,"l_linger":34464}]
SO_LINGER #5: 
Warning: Object of class stdClass could not be converted to int in %s on line 15
[true,{"l_onoff":1,"l_linger":2}]
SO_KEEPALIVE: "5"=>1 -3=>1 [1]=>1 0=>0 "abc"=>0 2.5=>1 4096=>1 100000=>1 4294967296=>0 4294967298=>1 true=>1 null=>0
SO_DEBUG: "5"=>1 -3=>1 [1]=>1 0=>0 "abc"=>0 2.5=>1 4096=>1 100000=>1 4294967296=>0 4294967298=>1 true=>1 null=>0
TCP_NODELAY: "5"=>1 -3=>1 [1]=>1 0=>0 "abc"=>0 2.5=>1 4096=>1 100000=>1 4294967296=>0 4294967298=>1 true=>1 null=>0
SO_OOBINLINE: "5"=>1 -3=>1 [1]=>1 0=>0 "abc"=>0 2.5=>1 4096=>1 100000=>1 4294967296=>0 4294967298=>1 true=>1 null=>0
SO_REUSEADDR: "5"=>1 -3=>1 [1]=>1 0=>0 "abc"=>0 2.5=>1 4096=>1 100000=>1 4294967296=>0 4294967298=>1 true=>1 null=>0
SO_SNDBUF: "5"=>4608 [1]=>4608 0=>4608 "abc"=>4608 2.5=>4608 4096=>8192 100000=>200000 4294967296=>4608 4294967298=>4608 true=>4608 null=>4608
SO_RCVBUF: "5"=>2304 [1]=>2304 0=>2304 "abc"=>2304 2.5=>2304 4096=>8192 100000=>200000 4294967296=>2304 4294967298=>2304 true=>2304 null=>2304
SO_KEEPALIVE object: 
Warning: Object of class stdClass could not be converted to int in %s on line 31
[true,1]
stock PHP: the same output
-3 => 425984
1000000 => 425984
-3 => 425984
1000000 => 425984
