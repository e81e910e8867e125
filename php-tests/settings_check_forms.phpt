--TEST--
appengine_sockets_check(string $address, ?int $port = null): address forms, the returned array, ValueError for a missing or out-of-range port
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
echo new ReflectionFunction('appengine_sockets_check');
var_dump(appengine_sockets_check('tcp://public.test:80'));
foreach ([
    ['tcp://11.0.0.1:80', null], ['udp://11.0.0.1:9999', null], ['11.0.0.1:80', null], ['public.test:80', null],
    ['[2400:cb00::10]:443', null], ['udp://[2400:cb00::10]:53', null], ['v6.test:443', null],
    ['11.0.0.1', 80], ['tcp://11.0.0.1', 80], ['public.test', 443], ['[2400:cb00::10]', 443], ['2400:cb00::10', 443],
    ['udp://[fd00::5]', 53], ['11.0.0.1', 0], ['11.0.0.1', 65535], ['11.0.0.1:80', null],
    ['unix:///var/run/app.sock', null], ['unix:///var/run/app.sock', 80],
] as [$address, $port]) {
    $r = appengine_sockets_check($address, $port);
    printf("%s%s: %s %s: %s\n", $address, $port === null ? '' : " + $port", var_export($r['allowed'], true), $r['rule'], $r['reason']);
}
var_dump(appengine_sockets_check(port: 443, address: 'public.test')['allowed']);
foreach ([['11.0.0.1', null], ['tcp://public.test', null], ['[2400:cb00::10]', null], ['', null], ['11.0.0.1:', null],
          ['11.0.0.1', 65536], ['11.0.0.1', -1], ['11.0.0.1', PHP_INT_MAX]] as [$address, $port]) {
    try {
        appengine_sockets_check($address, $port);
        echo "no error\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Function [ <internal:appengine_sockets> function appengine_sockets_check ] {

  - Parameters [3] {
    Parameter #0 [ <required> string $address ]
    Parameter #1 [ <optional> ?int $port = null ]
    Parameter #2 [ <optional> ?string $app = null ]
  }
  - Return [ array ]
}
array(5) {
  ["allowed"]=>
  bool(true)
  ["rule"]=>
  string(6) "public"
  ["reason"]=>
  string(23) "public address 11.0.0.1"
  ["addresses"]=>
  array(1) {
    [0]=>
    string(8) "11.0.0.1"
  }
  ["acl"]=>
  NULL
}
tcp://11.0.0.1:80: true public: public address 11.0.0.1
udp://11.0.0.1:9999: true public: public address 11.0.0.1
11.0.0.1:80: true public: public address 11.0.0.1
public.test:80: true public: public address 11.0.0.1
[2400:cb00::10]:443: true public: public address 2400:cb00::10
udp://[2400:cb00::10]:53: true public: public address 2400:cb00::10
v6.test:443: true public: public address 2400:cb00::10
11.0.0.1 + 80: true public: public address 11.0.0.1
tcp://11.0.0.1 + 80: true public: public address 11.0.0.1
public.test + 443: true public: public address 11.0.0.1
[2400:cb00::10] + 443: true public: public address 2400:cb00::10
2400:cb00::10 + 443: true public: public address 2400:cb00::10
udp://[fd00::5] + 53: false special-purpose: private address fd00::5
11.0.0.1 + 0: true public: public address 11.0.0.1
11.0.0.1 + 65535: true public: public address 11.0.0.1
11.0.0.1:80: true public: public address 11.0.0.1
unix:///var/run/app.sock: false protocol: unix sockets are not allowed, only outbound TCP and UDP
unix:///var/run/app.sock + 80: false protocol: unix sockets are not allowed, only outbound TCP and UDP
bool(true)
ValueError: appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port (Failed to parse address "11.0.0.1")
ValueError: appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port (Failed to parse address "public.test")
ValueError: appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port (Failed to parse IPv6 address "[2400:cb00::10]")
ValueError: appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port (Failed to parse address "")
ValueError: appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port (Failed to parse address "11.0.0.1:")
ValueError: appengine_sockets_check(): Argument #2 ($port) must be between 0 and 65535
ValueError: appengine_sockets_check(): Argument #2 ($port) must be between 0 and 65535
ValueError: appengine_sockets_check(): Argument #2 ($port) must be between 0 and 65535
