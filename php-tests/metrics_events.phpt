--TEST--
appengine_sockets_metrics(): events beside the decisions: decision-log lines lost and the log's fault (once), idle reclaims, resolver failures; app="" without an app id
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--INI--
appengine_sockets.log=/nonexistent-aes-metrics-dir/decisions.log
appengine_sockets.idle_timeout=1
--FILE--
<?php
$f = stream_socket_client('udp://11.0.0.1:9999');
var_dump(@fsockopen('10.0.0.5', 80) === false);
var_dump(@fsockopen('nope.test', 80) === false);
sleep(2);
var_dump(@fwrite($f, "x\n"));
foreach (explode("\n", appengine_sockets_metrics()) as $line) {
    if (preg_match('/^appengine_sockets_(decisions|log_\w+|idle_reclaims|resolver_failures|config_errors)_total/', $line)) {
        echo $line, "\n";
    }
}
?>
--EXPECT--
appengine_sockets: decision log /nonexistent-aes-metrics-dir/decisions.log: open failed: No such file or directory (errno 2); decisions are still enforced, but not logged until it works again (said once per process; php --ri appengine_sockets counts the lines lost)
bool(true)
bool(true)
bool(false)
appengine_sockets_decisions_total{app="",decision="allowed",rule="public",layer="stream"} 1
appengine_sockets_decisions_total{app="",decision="refused",rule="private",layer="stream"} 1
appengine_sockets_log_lines_written_total 0
appengine_sockets_log_lines_lost_total 2
appengine_sockets_log_faults_total 1
appengine_sockets_resolver_failures_total 1
appengine_sockets_config_errors_total 0
appengine_sockets_idle_reclaims_total 1
