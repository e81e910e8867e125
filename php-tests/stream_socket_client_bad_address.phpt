--TEST--
stream_socket_client(): malformed addresses and unknown transports keep PHP's own errors
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// No port; bad IPv6 bracket form; an unbracketed IPv6 literal (PHP splits at
// the first colon); a transport name in upper case (not registered).
foreach (['tcp://10.0.0.5', 'tcp://[fd00::5]80', 'tcp://fd00::5:80', 'TCP://10.0.0.5:80'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5 (Failed to parse address "10.0.0.5") in %s on line %d
false, errno 0, errstr "Failed to parse address "10.0.0.5""

Warning: stream_socket_client(): Unable to connect to tcp://[fd00::5]80 (Failed to parse IPv6 address "[fd00::5]80") in %s on line %d
false, errno 0, errstr "Failed to parse IPv6 address "[fd00::5]80""

Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for fd00 failed: Name or service not known in %s on line %d

Warning: stream_socket_client(): Unable to connect to tcp://fd00::5:80 (php_network_getaddresses: getaddrinfo for fd00 failed: Name or service not known) in %s on line %d
false, errno 0, errstr "php_network_getaddresses: getaddrinfo for fd00 failed: Name or service not known"

Warning: stream_socket_client(): Unable to connect to TCP://10.0.0.5:80 (Unable to find the socket transport "TCP" - did you forget to enable it when you configured PHP?) in %s on line %d
false, errno 0, errstr "Unable to find the socket transport "TCP" - did you forget to enable it when you configured PHP?"
catcher: nothing
