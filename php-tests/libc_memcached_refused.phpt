--TEST--
php-memcached (libmemcached): a real memcached on private addresses (literal, by name, IPv6, UDP) is not reached: EACCES inside libmemcached, one warning with the rule
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('memcached')) die('skip memcached not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-memcached-refused.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * The memcached server (include/services.inc) listens on 10.0.0.5 and fd00::5
 * too: a connection that is not refused works (set/get succeed) and raises its
 * total_connections counter. A UDP set that is not refused stores the value,
 * which a read over TCP from the allowed address then finds.
 */
libc_decisions_reset();
svc_memcached();
$before = svc_memcached_connections();
$seen = function () use (&$before): array {
    $now = svc_memcached_connections();
    $n = $now - $before - 1;
    $before = $now;
    return ["$n new connection(s)"];
};
$roundtrip = function (string $host, bool $udp = false) {
    return function () use ($host, $udp) {
        $m = new Memcached();
        $m->setOption(Memcached::OPT_CONNECT_TIMEOUT, 2000);
        if ($udp) {
            $m->setOption(Memcached::OPT_USE_UDP, true);
        }
        $m->addServer($host, 11211);
        $key = 'k-' . md5($host . (int) $udp);
        $set = $m->set($key, "value via $host");
        $code = $m->getResultCode();
        if ($udp) {
            usleep(100000);
            $check = new Memcached();
            $check->addServer('11.0.0.1', 11211);
            return [$set, $code, 'stored: ' . var_export($check->get($key), true)];
        }
        return [$set, $code];
    };
};
libc_step('Memcached 10.0.0.5', $roundtrip('10.0.0.5'), $seen);
libc_step('Memcached private.test', $roundtrip('private.test'), $seen);
libc_step('Memcached fd00::5', $roundtrip('fd00::5'), $seen);
libc_step('Memcached 127.0.0.1', $roundtrip('127.0.0.1'), $seen);
libc_step('Memcached 10.0.0.5 over UDP', $roundtrip('10.0.0.5', true), $seen);
?>
--EXPECTF--
Memcached 10.0.0.5: [false,%d]
  warning: Memcached::set(): connection to 10.0.0.5:11211 refused (private address 10.0.0.5)
  reached: nothing
  server: 0 new connection(s)
  logged: deny special-purpose Memcached::set 10.0.0.5 11211
Memcached private.test: [false,%d]
  warning: Memcached::set(): connection to 10.0.0.5:11211 refused (private address 10.0.0.5)
  reached: nothing
  server: 0 new connection(s)
  logged: deny special-purpose Memcached::set 10.0.0.5 11211
Memcached fd00::5: [false,%d]
  warning: Memcached::set(): connection to [fd00::5]:11211 refused (private address fd00::5)
  reached: nothing
  server: 0 new connection(s)
  logged: deny special-purpose Memcached::set fd00::5 11211
Memcached 127.0.0.1: [false,%d]
  warning: Memcached::set(): connection to 127.0.0.1:11211 refused (loopback address 127.0.0.1)
  reached: nothing
  server: 0 new connection(s)
  logged: deny special-purpose Memcached::set 127.0.0.1 11211
Memcached 10.0.0.5 over UDP: [false,%d,"stored: false"]
  warning: Memcached::set(): %s10.0.0.5:11211 refused (private address 10.0.0.5)
  reached: nothing
  server: 1 new connection(s)
  logged: deny special-purpose Memcached::set 10.0.0.5 11211
