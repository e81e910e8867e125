--TEST--
Parity: mocked socket options take ext/sockets' own errors for bad values and read back what Linux reports (flags 0/1, buffer sizes doubled, SO_LINGER as unsigned short) (PHP 8.4)
--DESCRIPTION--
As parity_socket_options.phpt, with PHP 8.4's ext/sockets: a value that is neither an array nor an
object for SO_LINGER, SO_RCVTIMEO or SO_SNDTIMEO is a TypeError naming the option,
and l_onoff or l_linger outside 0..65535 is a ValueError (8.2 narrows them to unsigned
short). Stock PHP 8.4 prints the l_linger zval where it means the key's name (a bug in
ext/sockets: its text is garbage, often not UTF-8, so json_encode shows nothing); the
extension says "l_linger". Those two lines are the only ones that differ from stock.

--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (PHP_VERSION_ID < 80400) die('skip ext/sockets before PHP 8.4: parity_socket_options.phpt');
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
SO_LINGER 5: TypeError: socket_set_option(): Argument #4 ($value) must be of type array when argument #3 ($option) is SO_LINGER, int given
SO_LINGER null: TypeError: socket_set_option(): Argument #4 ($value) must be of type array when argument #3 ($option) is SO_LINGER, null given
SO_LINGER []: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
SO_LINGER [l_onoff]: ValueError: socket_set_option(): Argument #4 ($value) must have key "l_linger"
SO_LINGER #0: [true,{"l_onoff":1,"l_linger":9}]
SO_LINGER #1: [true,{"l_onoff":0,"l_linger":9}]
SO_LINGER #2: ValueError: socket_set_option(): Argument #4 ($value) "l_linger" must be between 0 and 65535
SO_LINGER #3: ValueError: socket_set_option(): Argument #4 ($value) "l_onoff" must be between 0 and 65535
SO_LINGER #4: ValueError: socket_set_option(): Argument #4 ($value) "l_linger" must be between 0 and 65535
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
stock PHP differs:
  line 7: here "SO_LINGER #2: ValueError: socket_set_option(): Argument #4 ($value) \"l_linger\" must be between 0 and 65535", stock%A
  line 9: here "SO_LINGER #4: ValueError: socket_set_option(): Argument #4 ($value) \"l_linger\" must be between 0 and 65535", stock%A
-3 => 425984
1000000 => 425984
-3 => 425984
1000000 => 425984
