--TEST--
appengine_sockets ranges files: socket_connect(), appengine_sockets_check() and phpinfo() provenance follow the files, not the built-in table
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.google_ranges_file={PWD}/fixtures/settings/goog.json
appengine_sockets.google_cloud_ranges_file={PWD}/fixtures/settings/cloud.json
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
settings_socket_connect('11.0.0.1', 80);
settings_socket_connect('2400:cb00::10', 80, AF_INET6);
settings_socket_connect('8.8.8.8', 80);
settings_socket_connect('8.8.4.4', 53, AF_INET, SOCK_DGRAM);
settings_socket_connect('11.0.0.3', 8080);
// Outside the namespace's test hosts, so only judged, never connected to.
foreach (['11.0.0.1:443', '11.0.0.100:443', '11.0.0.127:443', '11.0.0.128:443', '11.0.0.255:443', '11.0.1.0:443',
          '8.8.8.8:53', '142.250.80.46:443', '[2400:cb00:ffff::1]:443', 'smtp.gmail.com:465'] as $target) {
    $r = appengine_sockets_check($target);
    echo "check($target): ", var_export($r['allowed'], true), " {$r['rule']}: {$r['reason']}\n";
}
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'Google ranges']);
echo settings_catcher($mark);
?>
--EXPECTF--
Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 11.0.0.1 (Google APIs and services ranges)) in %s on line %d
11.0.0.1:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 2400:cb00::10 (Google APIs and services ranges)) in %s on line %d
2400:cb00::10:80: false, socket error 13, last error 13
8.8.8.8:80: true, HELLO 8.8.8.8 80, socket error 0, last error 0
8.8.4.4:53: true, HELLO 8.8.4.4 53, socket error 0, last error 0
11.0.0.3:8080: true, HELLO 11.0.0.3 8080, socket error 0, last error 0
check(11.0.0.1:443): false google: Google address 11.0.0.1 (Google APIs and services ranges)
check(11.0.0.100:443): false google: Google address 11.0.0.100 (Google APIs and services ranges)
check(11.0.0.127:443): false google: Google address 11.0.0.127 (Google APIs and services ranges)
check(11.0.0.128:443): true public: public address 11.0.0.128
check(11.0.0.255:443): true public: public address 11.0.0.255
check(11.0.1.0:443): true public: public address 11.0.1.0
check(8.8.8.8:53): true public: public address 8.8.8.8
check(142.250.80.46:443): true public: public address 142.250.80.46
check([2400:cb00:ffff::1]:443): false google: Google address 2400:cb00:ffff::1 (Google APIs and services ranges)
check(smtp.gmail.com:465): true public: public address 8.8.4.4
App Engine socket rules => enforced
Google ranges => files %s/fixtures/settings/goog.json minus %s/fixtures/settings/cloud.json: goog.json syncToken 1767225600001 (2026-01-01T00:00:00.000001) minus cloud.json syncToken 1767225600002 (2026-01-01T00:00:00.000002); 2 IPv4 and 2 IPv6 intervals
catcher: tcp 11.0.0.3 8080
catcher: tcp 8.8.8.8 80
catcher: udp 8.8.4.4 53
