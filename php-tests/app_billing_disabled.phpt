--TEST--
billing_enabled=0: every outbound operation is refused with errno 13, whatever the destination, and nothing reaches the network
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.billing_enabled=0
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
$mark = app_mark();
function result($r, $errno, $errstr) {
    echo var_export($r, true), ", errno $errno, errstr \"$errstr\"\n";
}
result(fsockopen('public.test', 80, $errno, $errstr, 2), $errno, $errstr);
result(fsockopen('private.test', 80, $errno, $errstr, 2), $errno, $errstr);
result(fsockopen('udp://public.test', 9999, $errno, $errstr, 2), $errno, $errstr);
result(pfsockopen('public.test', 80, $errno, $errstr, 2), $errno, $errstr);
result(stream_socket_client('tcp://public.test:80', $errno, $errstr, 2), $errno, $errstr);
result(stream_socket_client('tcp://public.test:80', $errno, $errstr, 2,
    STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT), $errno, $errstr);
result(stream_socket_client('tcp://public.test:80', $errno, $errstr, 2,
    STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT), $errno, $errstr);
result(stream_socket_client('ssl://tls.test:443', $errno, $errstr, 2,
    STREAM_CLIENT_CONNECT, app_tls_context()), $errno, $errstr);
result(stream_socket_client('udp://public.test:9999', $errno, $errstr, 2), $errno, $errstr);
app_show('file_get_contents', @file_get_contents('http://public.test/'));
echo error_get_last()['message'], "\n";
echo "-- ext/sockets\n";
// socket_connect() is never reached: no Socket can be made without billing.
app_show('socket_create TCP', socket_create(AF_INET, SOCK_STREAM, SOL_TCP));
app_show('last error', socket_last_error());
socket_clear_error();
app_show('socket_create UDP', socket_create(AF_INET, SOCK_DGRAM, SOL_UDP));
app_show('last error', socket_last_error());
socket_clear_error();
app_show('socket_create AF_INET6', socket_create(AF_INET6, SOCK_STREAM, 0));
$ai = socket_addrinfo_lookup('public.test', '80', ['ai_family' => AF_INET, 'ai_socktype' => SOCK_STREAM]);
app_show('socket_addrinfo_connect', socket_addrinfo_connect($ai[0]));
app_show('last error', socket_last_error());
echo app_catcher($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: fsockopen(): Unable to connect to private.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: fsockopen(): Unable to connect to udp://public.test:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: pfsockopen(): Unable to connect to public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: stream_socket_client(): Unable to connect to ssl://tls.test:443 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"

Warning: stream_socket_client(): Unable to connect to udp://public.test:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
file_get_contents: false
file_get_contents(http://public.test/): Failed to open stream: sockets need billing enabled (appengine_sockets.billing_enabled=0)
-- ext/sockets

Warning: socket_create(): Unable to create socket [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
socket_create TCP: false
last error: 13

Warning: socket_create(): Unable to create socket [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
socket_create UDP: false
last error: 13

Warning: socket_create(): Unable to create socket [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
socket_create AF_INET6: false

Warning: socket_addrinfo_connect(): unable to connect [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0)) in %s on line %d
socket_addrinfo_connect: false
last error: 13
catcher: nothing
