--TEST--
Lifecycle, development mode (mode=development), for a literal IPv4, a literal IPv6 and a name: a refused destination is reported ("would be refused in production") and connected, an allowed one raises nothing; both start their idle clock at connect and are reclaimed after 2 s alone (idle_timeout=1)
--SKIPIF--
<?php $app_needs = ['sockets']; require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.mode=development
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
require __DIR__ . '/include/lifecycle.inc';
lc_errors();
$mark = app_mark();
$open = [];
foreach (['refused' => LC_REFUSED, 'allowed' => LC_ALLOWED] as $set => $targets) {
    foreach ($targets as $name => $t) {
        $open["$set $name"] = lc_open_all("$set $name", $t);
    }
}
echo "-- 2 s without an operation\n";
sleep(2);
foreach ($open as $name => $o) {
    lc_write_all($name, $o);
}
echo app_catcher($mark);
?>
--EXPECTF--
Notice: fsockopen(): would be refused in production: private address 10.0.0.5
refused literal IPv4 fsockopen tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address 10.0.0.5
refused literal IPv4 stream_socket_client tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address 10.0.0.5
refused literal IPv4 stream_socket_client udp: stream
  Notice: fsockopen(): would be refused in production: private address 10.0.0.5
refused literal IPv4 fsockopen udp: stream
  Notice: socket_connect(): would be refused in production: private address 10.0.0.5
refused literal IPv4 socket_connect: true
  Notice: fsockopen(): would be refused in production: private address fd00::5
refused literal IPv6 fsockopen tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address fd00::5
refused literal IPv6 stream_socket_client tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address fd00::5
refused literal IPv6 stream_socket_client udp: stream
  Notice: fsockopen(): would be refused in production: private address fd00::5
refused literal IPv6 fsockopen udp: stream
  Notice: socket_connect(): would be refused in production: private address fd00::5
refused literal IPv6 socket_connect: true
  Notice: fsockopen(): would be refused in production: private address 10.0.0.5
refused name fsockopen tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address 10.0.0.5
refused name stream_socket_client tcp: stream
  Notice: stream_socket_client(): would be refused in production: private address 10.0.0.5
refused name stream_socket_client udp: stream
  Notice: fsockopen(): would be refused in production: private address 10.0.0.5
refused name fsockopen udp: stream
  Notice: socket_connect(): would be refused in production: private address 10.0.0.5
refused name socket_connect: true
allowed literal IPv4 fsockopen tcp: stream
allowed literal IPv4 stream_socket_client tcp: stream
allowed literal IPv4 stream_socket_client udp: stream
allowed literal IPv4 fsockopen udp: stream
allowed literal IPv4 socket_connect: true
allowed literal IPv6 fsockopen tcp: stream
allowed literal IPv6 stream_socket_client tcp: stream
allowed literal IPv6 stream_socket_client udp: stream
allowed literal IPv6 fsockopen udp: stream
allowed literal IPv6 socket_connect: true
allowed name fsockopen tcp: stream
allowed name stream_socket_client tcp: stream
allowed name stream_socket_client udp: stream
allowed name fsockopen udp: stream
allowed name socket_connect: true
-- 2 s without an operation
refused literal IPv4 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv4 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv4 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv4 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv4 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
refused literal IPv6 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv6 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv6 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv6 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused literal IPv6 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
refused name fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused name stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused name stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused name fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
refused name socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
allowed literal IPv4 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv4 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv4 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv4 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv4 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
allowed literal IPv6 fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv6 stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv6 stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv6 fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed literal IPv6 socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
allowed name fsockopen tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed name stream_socket_client tcp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed name stream_socket_client udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed name fsockopen udp:
  Warning: fwrite(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  fwrite: false
allowed name socket tcp:
  Warning: socket_write(): socket reclaimed after %d seconds idle (appengine_sockets.idle_timeout=1)
  socket_write: false
  socket_last_error: 110
catcher: tcp 10.0.0.5 80 10.0.0.5
catcher: tcp 10.0.0.5 80 10.0.0.5
catcher: tcp 10.0.0.5 80 10.0.0.5
catcher: tcp 10.0.0.5 80 10.0.0.5
catcher: tcp 10.0.0.5 995 10.0.0.5
catcher: tcp 10.0.0.5 995 10.0.0.5
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 995 11.0.0.1
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 995 11.0.0.2
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 995 2400:cb00::10
catcher: tcp fd00::5 80 fd00::5
catcher: tcp fd00::5 80 fd00::5
catcher: tcp fd00::5 995 fd00::5
