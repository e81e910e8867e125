--TEST--
appengine_sockets.google_ranges_file + google_cloud_ranges_file replace the built-in Google table (goog minus cloud) for streams
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.google_ranges_file={PWD}/fixtures/settings/goog.json
appengine_sockets.google_cloud_ranges_file={PWD}/fixtures/settings/cloud.json
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
// Google in the files: 11.0.0.1 and 2400:cb00::10. In a cloud hole: 11.0.0.2, 11.0.0.3, 2400:cb00::11.
// Google in the built-in table but not in the files: 8.8.8.8, 8.8.4.4, 2001:4860:4860::8888.
foreach (['11.0.0.1:80', 'public.test:8080', '[2400:cb00::10]:80', 'v6.test:8080', 'dual.test:80',
          '11.0.0.3:80', '[2400:cb00::11]:80', '8.8.8.8:80', '8.8.4.4:8080', 'evil-gmail.test:80',
          '[2001:4860:4860::8888]:80', 'udp://8.8.8.8:9999'] as $target) {
    echo "$target: ";
    settings_result(stream_socket_client(str_contains($target, '://') ? $target : "tcp://$target", $errno, $errstr, 2), $errno, $errstr);
}
echo settings_catcher($mark);
?>
--EXPECTF--
11.0.0.1:80: 
Warning: stream_socket_client(): Unable to connect to tcp://11.0.0.1:80 (Google address 11.0.0.1 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 11.0.0.1 (Google APIs and services ranges)"
public.test:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://public.test:8080 (Google address 11.0.0.1 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 11.0.0.1 (Google APIs and services ranges)"
[2400:cb00::10]:80: 
Warning: stream_socket_client(): Unable to connect to tcp://[2400:cb00::10]:80 (Google address 2400:cb00::10 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 2400:cb00::10 (Google APIs and services ranges)"
v6.test:8080: 
Warning: stream_socket_client(): Unable to connect to tcp://v6.test:8080 (Google address 2400:cb00::10 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 2400:cb00::10 (Google APIs and services ranges)"
dual.test:80: 
Warning: stream_socket_client(): Unable to connect to tcp://dual.test:80 (Google address 11.0.0.1 (Google APIs and services ranges); dual.test resolves to 11.0.0.1, 10.0.0.5) in %s on line %d
false, errno 13, errstr "Google address 11.0.0.1 (Google APIs and services ranges); dual.test resolves to 11.0.0.1, 10.0.0.5"
11.0.0.3:80: connected: HELLO 11.0.0.3 80, errno 0
[2400:cb00::11]:80: connected: HELLO 2400:cb00::11 80, errno 0
8.8.8.8:80: connected: HELLO 8.8.8.8 80, errno 0
8.8.4.4:8080: connected: HELLO 8.8.4.4 8080, errno 0
evil-gmail.test:80: connected: HELLO 8.8.4.4 80, errno 0
[2001:4860:4860::8888]:80: connected: HELLO 2001:4860:4860::8888 80, errno 0
udp://8.8.8.8:9999: connected: HELLO 8.8.8.8 9999, errno 0
catcher: tcp 11.0.0.3 80
catcher: tcp 2001:4860:4860::8888 80
catcher: tcp 2400:cb00::11 80
catcher: tcp 8.8.4.4 80
catcher: tcp 8.8.4.4 8080
catcher: tcp 8.8.8.8 80
catcher: udp 8.8.8.8 9999
