--TEST--
appengine_sockets_check(): the rule and reason of every built-in rule (protocol, port-25, whitelist, special-purpose, google, public, resolution, malformed)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
foreach ([
    ['unix:///tmp/app.sock', null], ['udg:///tmp/app.sock', null], ['raw://11.0.0.1:80', null], ['http://11.0.0.1:80', null],
    ['11.0.0.1:25', null], ['public.test:65561', null],
    ['udp://8.8.8.8:53', null], ['tcp://8.8.4.4:53', null], ['[2001:4860:4860::8844]:53', null],
    ['smtp.gmail.com:587', null], ['SMTP.Gmail.COM', 465], ['pop.gmail.com:995', null], ['imap.gmail.com:993', null],
    ['10.0.0.5:80', null], ['0x7f.1:80', null], ['[::1]:80', null], ['[::ffff:10.0.0.5]:80', null], ['[64:ff9b::a00:5]:80', null],
    ['100.64.0.9:80', null], ['dual.test:80', null],
    ['142.250.80.46:443', null], ['8.8.8.8:443', null], ['evil-gmail.test:465', null], ['smtp.gmail.com:25', null], ['smtp.gmail.com:993', null],
    ['11.0.0.1:80', null], ['public.test:443', null], ['ssl://v6.test:443', null], ['tls://11.0.0.3:8443', null],
    ['no-such-host.invalid:80', null],
    ["public.test\0.evil.test", 80],
] as [$address, $port]) {
    $r = appengine_sockets_check($address, $port);
    printf("%s%s: %s %s: %s [%s]\n", json_encode($address), $port === null ? '' : " $port",
        var_export($r['allowed'], true), $r['rule'], $r['reason'], implode(', ', $r['addresses']));
}
// A check is not a decision: nothing is counted (or logged), nothing connects.
settings_print_rows(settings_my_info(), ['Decisions in this process']);
echo settings_catcher($mark);
?>
--EXPECT--
"unix:\/\/\/tmp\/app.sock": false protocol: unix sockets are not allowed, only outbound TCP and UDP []
"udg:\/\/\/tmp\/app.sock": false protocol: udg sockets are not allowed, only outbound TCP and UDP []
"raw:\/\/11.0.0.1:80": false protocol: transport "raw" is not allowed, only outbound TCP and UDP []
"http:\/\/11.0.0.1:80": false protocol: transport "http" is not allowed, only outbound TCP and UDP []
"11.0.0.1:25": false port-25: port 25 is blocked []
"public.test:65561": false port-25: port 25 is blocked []
"udp:\/\/8.8.8.8:53": true whitelist: Google Public DNS 8.8.8.8 on port 53 is whitelisted [8.8.8.8]
"tcp:\/\/8.8.4.4:53": true whitelist: Google Public DNS 8.8.4.4 on port 53 is whitelisted [8.8.4.4]
"[2001:4860:4860::8844]:53": true whitelist: Google Public DNS 2001:4860:4860::8844 on port 53 is whitelisted [2001:4860:4860::8844]
"smtp.gmail.com:587": true whitelist: smtp.gmail.com on port 587 is whitelisted [8.8.4.4]
"SMTP.Gmail.COM" 465: true whitelist: SMTP.Gmail.COM on port 465 is whitelisted [8.8.4.4]
"pop.gmail.com:995": true whitelist: pop.gmail.com on port 995 is whitelisted [8.8.4.4]
"imap.gmail.com:993": true whitelist: imap.gmail.com on port 993 is whitelisted [8.8.4.4]
"10.0.0.5:80": false special-purpose: private address 10.0.0.5 [10.0.0.5]
"0x7f.1:80": false special-purpose: loopback address 127.0.0.1 [127.0.0.1]
"[::1]:80": false special-purpose: loopback address ::1 [::1]
"[::ffff:10.0.0.5]:80": false special-purpose: IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5 [::ffff:10.0.0.5]
"[64:ff9b::a00:5]:80": false special-purpose: NAT64 address 64:ff9b::a00:5 carries private address 10.0.0.5 [64:ff9b::a00:5]
"100.64.0.9:80": false special-purpose: shared (carrier-grade NAT) address 100.64.0.9 [100.64.0.9]
"dual.test:80": false special-purpose: private address 10.0.0.5; dual.test resolves to 11.0.0.1, 10.0.0.5 [11.0.0.1, 10.0.0.5]
"142.250.80.46:443": false google: Google address 142.250.80.46 (Google APIs and services ranges) [142.250.80.46]
"8.8.8.8:443": false google: Google address 8.8.8.8 (Google APIs and services ranges) [8.8.8.8]
"evil-gmail.test:465": false google: Google address 8.8.4.4 (Google APIs and services ranges) [8.8.4.4]
"smtp.gmail.com:25": false port-25: port 25 is blocked []
"smtp.gmail.com:993": false google: Google address 8.8.4.4 (Google APIs and services ranges) [8.8.4.4]
"11.0.0.1:80": true public: public address 11.0.0.1 [11.0.0.1]
"public.test:443": true public: public address 11.0.0.1 [11.0.0.1]
"ssl:\/\/v6.test:443": true public: public address 2400:cb00::10 [2400:cb00::10]
"tls:\/\/11.0.0.3:8443": true public: public address 11.0.0.3 [11.0.0.3]
"no-such-host.invalid:80": false resolution: getaddrinfo for no-such-host.invalid failed: Name or service not known []
"public.test\u0000.evil.test" 80: false malformed: address contains a NUL byte []
Decisions in this process => 0 allowed, 0 refused, 0 reported
catcher: nothing
