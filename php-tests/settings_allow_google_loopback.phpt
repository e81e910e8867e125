--TEST--
appengine_sockets.allow lifts the Google and loopback rules too, only for the listed addresses and ports
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=8.8.4.4/32:80,127.0.0.0/8:8080
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach (['tcp://8.8.4.4:80', 'tcp://evil-gmail.test:80', 'tcp://loop.test:8080', 'tcp://[::ffff:127.0.0.1]:8080',
          'tcp://8.8.4.4:8080', 'tcp://8.8.8.8:80', 'tcp://127.0.0.1:80', 'tcp://[::1]:8080'] as $target) {
    echo "$target: ";
    settings_result(stream_socket_client($target, $errno, $errstr, 2), $errno, $errstr);
}
settings_socket_connect('smtp.gmail.com', 80);
echo settings_catcher($mark);
?>
--EXPECTF--
tcp://8.8.4.4:80: connected: HELLO 8.8.4.4 80, errno 0
tcp://evil-gmail.test:80: connected: HELLO 8.8.4.4 80, errno 0
tcp://loop.test:8080: connected: HELLO 127.0.0.1 8080, errno 0
tcp://[::ffff:127.0.0.1]:8080: connected: HELLO 127.0.0.1 8080, errno 0
tcp://8.8.4.4:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://8.8.4.4:8080 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"
tcp://8.8.8.8:80: 
Warning: stream_socket_client(): Unable to connect to tcp://8.8.8.8:80 (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.8.8 (Google APIs and services ranges)"
tcp://127.0.0.1:80: 
Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:80 (loopback address 127.0.0.1) in %s on line %d
false, errno 13, errstr "loopback address 127.0.0.1"
tcp://[::1]:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://[::1]:8080 (loopback address ::1) in %s on line %d
false, errno 13, errstr "loopback address ::1"
smtp.gmail.com:80: true, HELLO 8.8.4.4 80, socket error 0, last error 0
catcher: tcp 127.0.0.1 8080
catcher: tcp 127.0.0.1 8080
catcher: tcp 8.8.4.4 80
catcher: tcp 8.8.4.4 80
catcher: tcp 8.8.4.4 80
