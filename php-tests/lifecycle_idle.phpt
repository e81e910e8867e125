--TEST--
Lifecycle, idle reclaim, for a literal IPv4, a literal IPv6 and a name: streams (tcp, udp) and Sockets start their idle clock at connect; left alone 2 s they are reclaimed (idle_timeout=1)
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
require __DIR__ . '/include/lifecycle.inc';
lc_errors();
$mark = app_mark();
echo "-- used at once: alive\n";
foreach (LC_ALLOWED as $name => $t) {
    lc_write_all($name, lc_open_all($name, $t));
}
echo "-- connected, then no operation for 2 s: reclaimed\n";
$open = [];
foreach (LC_ALLOWED as $name => $t) {
    $open[$name] = lc_open_all($name, $t);
}
sleep(2);
foreach ($open as $name => $o) {
    lc_write_all($name, $o);
}
echo app_catcher($mark);
?>
--EXPECTF--
-- used at once: alive
literal IPv4 fsockopen tcp: stream
literal IPv4 stream_socket_client tcp: stream
literal IPv4 stream_socket_client udp: stream
literal IPv4 fsockopen udp: stream
literal IPv4 socket_connect: true
literal IPv4 fsockopen tcp:
  fwrite: 5
literal IPv4 stream_socket_client tcp:
  fwrite: 5
literal IPv4 stream_socket_client udp:
  fwrite: 5
literal IPv4 fsockopen udp:
  fwrite: 5
literal IPv4 socket tcp:
  socket_write: 5
  socket_last_error: 0
literal IPv6 fsockopen tcp: stream
literal IPv6 stream_socket_client tcp: stream
literal IPv6 stream_socket_client udp: stream
literal IPv6 fsockopen udp: stream
literal IPv6 socket_connect: true
literal IPv6 fsockopen tcp:
  fwrite: 5
literal IPv6 stream_socket_client tcp:
  fwrite: 5
literal IPv6 stream_socket_client udp:
  fwrite: 5
literal IPv6 fsockopen udp:
  fwrite: 5
literal IPv6 socket tcp:
  socket_write: 5
  socket_last_error: 0
name fsockopen tcp: stream
name stream_socket_client tcp: stream
name stream_socket_client udp: stream
name fsockopen udp: stream
name socket_connect: true
name fsockopen tcp:
  fwrite: 5
name stream_socket_client tcp:
  fwrite: 5
name stream_socket_client udp:
  fwrite: 5
name fsockopen udp:
  fwrite: 5
name socket tcp:
  socket_write: 5
  socket_last_error: 0
-- connected, then no operation for 2 s: reclaimed
literal IPv4 fsockopen tcp: stream
literal IPv4 stream_socket_client tcp: stream
literal IPv4 stream_socket_client udp: stream
literal IPv4 fsockopen udp: stream
literal IPv4 socket_connect: true
literal IPv6 fsockopen tcp: stream
literal IPv6 stream_socket_client tcp: stream
literal IPv6 stream_socket_client udp: stream
literal IPv6 fsockopen udp: stream
literal IPv6 socket_connect: true
name fsockopen tcp: stream
name stream_socket_client tcp: stream
name stream_socket_client udp: stream
name fsockopen udp: stream
name socket_connect: true
literal IPv4 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv4 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv4 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv4 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv4 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
literal IPv6 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv6 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv6 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv6 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
literal IPv6 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
name fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
name stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
name stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
name fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
name socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 995 11.0.0.1
catcher: tcp 11.0.0.1 995 11.0.0.1
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 995 11.0.0.2
catcher: tcp 11.0.0.2 995 11.0.0.2
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 995 2400:cb00::10
catcher: tcp 2400:cb00::10 995 2400:cb00::10
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.1 9999 11.0.0.1
catcher: udp 11.0.0.2 9999 11.0.0.2
catcher: udp 11.0.0.2 9999 11.0.0.2
catcher: udp 2400:cb00::10 9999 2400:cb00::10
catcher: udp 2400:cb00::10 9999 2400:cb00::10
