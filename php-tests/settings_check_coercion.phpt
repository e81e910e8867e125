--TEST--
appengine_sockets_check(): arguments follow PHP's coercive typing mode and its TypeError messages, like any internal function
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
foreach ([['11.0.0.1', '80'], ['11.0.0.1', 80.0], [1234, 80], ['11.0.0.1', 'http'], [[], 80]] as [$address, $port]) {
    try {
        var_dump(appengine_sockets_check($address, $port)['allowed']);
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
TypeError: appengine_sockets_check(): Argument #2 ($port) must be of type ?int, string given
TypeError: appengine_sockets_check(): Argument #1 ($address) must be of type string, array given
