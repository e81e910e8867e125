--TEST--
socket_set_option(SO_LINGER): remembered as an array; missing keys throw ext/sockets' ValueError
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--DESCRIPTION--
An int value: 8.2's ext/sockets converts it to an array and reports the missing key; 8.4's
throws a TypeError naming SO_LINGER. The mock follows the running PHP.
--FILE--
<?php
$s = socket_create(AF_INET, SOCK_STREAM, 0);
var_dump(socket_set_option($s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 5]));
var_dump(socket_get_option($s, SOL_SOCKET, SO_LINGER));
foreach ([['l_onoff' => 1], ['l_linger' => 3], 7] as $value) {
    try {
        var_dump(socket_set_option($s, SOL_SOCKET, SO_LINGER, $value));
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// The failed sets left the remembered value alone.
echo json_encode(socket_getopt($s, SOL_SOCKET, SO_LINGER)), "\n";
?>
--EXPECTF--
bool(true)
array(2) {
  ["l_onoff"]=>
  int(1)
  ["l_linger"]=>
  int(5)
}
ValueError: socket_set_option(): Argument #4 ($value) must have key "l_linger"
ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
%r(ValueError: socket_set_option\(\): Argument #4 \(\$value\) must have key "l_onoff"|TypeError: socket_set_option\(\): Argument #4 \(\$value\) must be of type array when argument #3 \(\$option\) is SO_LINGER, int given)%r
{"l_onoff":1,"l_linger":5}
