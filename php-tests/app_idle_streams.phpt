--TEST--
idle_timeout=1: fsockopen, stream_socket_client (tcp, udp) and ssl:// streams idle for 2 s are reclaimed; every later operation fails
--SKIPIF--
<?php require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
$mark = app_mark();
$streams = [
    'fsockopen tcp' => fsockopen('public.test', 80, $errno, $errstr, 2),
    'stream_socket_client tcp' => stream_socket_client('tcp://public.test:8080', $errno, $errstr, 2),
    'stream_socket_client udp' => stream_socket_client('udp://public.test:9999', $errno, $errstr, 2),
    'stream_socket_client ssl' => stream_socket_client('ssl://tls.test:443', $errno, $errstr, 2,
        STREAM_CLIENT_CONNECT, app_tls_context()),
];
foreach ($streams as $name => $f) {
    stream_set_timeout($f, 2);
    if (str_ends_with($name, 'udp')) {
        fwrite($f, "x");  // the UDP catcher answers each datagram with its banner
    }
    app_show("$name banner", app_line($f));
}
echo "-- 2 s without an operation\n";
sleep(2);
foreach ($streams as $name => $f) {
    echo "-- $name\n";
    app_show('fwrite', fwrite($f, "ping\n"));
    app_show('fwrite again', fwrite($f, "ping\n"));
    app_show('fread', fread($f, 100));
    app_show('fclose', fclose($f));
}
echo app_catcher($mark);
?>
--EXPECTF--
fsockopen tcp banner: 'HELLO 11.0.0.1 80'
stream_socket_client tcp banner: 'HELLO 11.0.0.1 8080'
stream_socket_client udp banner: 'HELLO 11.0.0.1 9999'
stream_socket_client ssl banner: 'HELLO 11.0.0.3 443'
-- 2 s without an operation
-- fsockopen tcp

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite again: false

Warning: fread(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fread: false
fclose: true
-- stream_socket_client tcp

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite again: false

Warning: fread(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fread: false
fclose: true
-- stream_socket_client udp

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite again: false

Warning: fread(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fread: false
fclose: true
-- stream_socket_client ssl

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite: false

Warning: fwrite(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fwrite again: false

Warning: fread(): socket reclaimed after 2 seconds idle (appengine_sockets.idle_timeout=1) in %s on line %d
fread: false
fclose: true
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 8080 11.0.0.1
catcher: tls 11.0.0.3 443 11.0.0.3
catcher: udp 11.0.0.1 9999 11.0.0.1
