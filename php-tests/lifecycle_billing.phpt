--TEST--
Lifecycle, billing, for a literal IPv4, a literal IPv6 and a name: with billing_enabled=0 every stream open (fsockopen, pfsockopen, tcp://, udp://, persistent) is refused with errno 13 and nothing reaches the network
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.billing_enabled=0
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
require __DIR__ . '/include/lifecycle.inc';
lc_errors();
$mark = app_mark();
foreach (LC_ALLOWED as $name => $t) {
    lc_open("$name fsockopen", fsockopen($t['url'], 80, $errno, $errstr, 2), $errno, $errstr);
    lc_open("$name pfsockopen", pfsockopen($t['url'], 80, $errno, $errstr, 2), $errno, $errstr);
    lc_open("$name fsockopen udp", fsockopen("udp://{$t['url']}", 9999, $errno, $errstr, 2), $errno, $errstr);
    lc_open("$name tcp://", stream_socket_client("tcp://{$t['url']}:80", $errno, $errstr, 2), $errno, $errstr);
    lc_open("$name udp://", stream_socket_client("udp://{$t['url']}:9999", $errno, $errstr, 2), $errno, $errstr);
    lc_open("$name persistent tcp://", stream_socket_client("tcp://{$t['url']}:80", $errno, $errstr, 2,
        STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT), $errno, $errstr);
    app_show("$name appengine_sockets_check", appengine_sockets_check("tcp://{$t['url']}:80")['rule']);
}
echo "-- ext/sockets: no Socket can be made, of either family\n";
app_show('socket_create AF_INET', socket_create(AF_INET, SOCK_STREAM, SOL_TCP));
app_show('socket_create AF_INET6', socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP));
app_show('socket_last_error', socket_last_error());
echo app_catcher($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 11.0.0.2:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 fsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: pfsockopen(): Unable to connect to 11.0.0.2:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 pfsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: fsockopen(): Unable to connect to udp://11.0.0.2:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 fsockopen udp: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.2:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to udp://11.0.0.2:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 udp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.2:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv4 persistent tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
literal IPv4 appengine_sockets_check: 'billing'
  Warning: fsockopen(): Unable to connect to [2400:cb00::10]:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 fsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: pfsockopen(): Unable to connect to [2400:cb00::10]:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 pfsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: fsockopen(): Unable to connect to udp://[2400:cb00::10]:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 fsockopen udp: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to udp://[2400:cb00::10]:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 udp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
literal IPv6 persistent tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
literal IPv6 appengine_sockets_check: 'billing'
  Warning: fsockopen(): Unable to connect to public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name fsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: pfsockopen(): Unable to connect to public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name pfsockopen: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: fsockopen(): Unable to connect to udp://public.test:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name fsockopen udp: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to udp://public.test:9999 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name udp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
  Warning: stream_socket_client(): Unable to connect to tcp://public.test:80 (sockets need billing enabled (appengine_sockets.billing_enabled=0))
name persistent tcp://: false, errno 13, errstr "sockets need billing enabled (appengine_sockets.billing_enabled=0)"
name appengine_sockets_check: 'billing'
-- ext/sockets: no Socket can be made, of either family
  Warning: socket_create(): Unable to create socket [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0))
socket_create AF_INET: false
  Warning: socket_create(): Unable to create socket [13]: Permission denied (sockets need billing enabled (appengine_sockets.billing_enabled=0))
socket_create AF_INET6: false
socket_last_error: 13
catcher: nothing
