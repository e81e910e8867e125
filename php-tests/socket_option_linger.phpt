--TEST--
socket_set_option(SO_LINGER): remembered as an array; missing keys throw ext/sockets' ValueError
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
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
--EXPECT--
bool(true)
array(2) {
  ["l_onoff"]=>
  int(1)
  ["l_linger"]=>
  int(5)
}
ValueError: socket_set_option(): Argument #4 ($value) must have key "l_linger"
ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
ValueError: socket_set_option(): Argument #4 ($value) must have key "l_onoff"
{"l_onoff":1,"l_linger":5}
