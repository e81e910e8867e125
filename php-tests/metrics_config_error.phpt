--TEST--
appengine_sockets_metrics(): a broken setting counts one configuration error at start-up, and each refusal it causes under rule "config"; a bad appengine_sockets.statsd fails closed naming it
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--INI--
appengine_sockets.statsd=statsd.internal:8125
--FILE--
<?php
var_dump(@fsockopen('11.0.0.1', 80, $errno, $errstr) === false, $errno, $errstr);
foreach (explode("\n", appengine_sockets_metrics()) as $line) {
    if (preg_match('/^appengine_sockets_(decisions|config_errors)_total/', $line)) {
        echo $line, "\n";
    }
}
?>
--EXPECTF--
Warning: appengine_sockets: appengine_sockets.statsd: "statsd.internal:8125" is not an address and port (127.0.0.1:8125, [::1]:8125); every socket operation is refused until it is fixed in Unknown on line 0
bool(true)
int(13)
string(%d) "refused until a configuration error is fixed: appengine_sockets.statsd: "statsd.internal:8125" is not an address and port (127.0.0.1:8125, [::1]:8125)"
appengine_sockets_decisions_total{app="",decision="refused",rule="config",layer="stream"} 1
appengine_sockets_config_errors_total 1
