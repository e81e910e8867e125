--TEST--
php-memcached (libmemcached): set/get round trips with a real memcached on allowed addresses (IPv4, by name, IPv6, UDP)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('memcached')) die('skip memcached not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-memcached-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * libmemcached resolves and connects by itself (connect/sendto from
 * libmemcached.so). A real memcached (include/services.inc) listens on every
 * namespace address; its total_connections counter (read after each step over
 * an allowed stream, which counts itself) shows how many connections reached it.
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
        if ($udp) {
            // libmemcached cannot read over UDP: read back over TCP.
            usleep(100000);
            $m = new Memcached();
            $m->addServer('11.0.0.1', 11211);
        }
        return [$set, $m->get($key), $m->getResultCode()];
    };
};
libc_step('Memcached 11.0.0.1', $roundtrip('11.0.0.1'), $seen);
libc_step('Memcached public.test', $roundtrip('public.test'), $seen);
libc_step('Memcached 2400:cb00::10', $roundtrip('2400:cb00::10'), $seen);
libc_step('Memcached 11.0.0.2 over UDP (set), read back over TCP', $roundtrip('11.0.0.2', true), $seen);
libc_step('Memcached two servers (11.0.0.1, 11.0.0.2), getMulti', function () {
    $m = new Memcached();
    $m->addServers([['11.0.0.1', 11211], ['11.0.0.2', 11211]]);
    $m->setMulti(['a' => 1, 'b' => 2, 'c' => 3, 'd' => 4]);
    $got = $m->getMulti(['a', 'b', 'c', 'd']);
    ksort($got);
    return $got;
}, $seen);
?>
--EXPECT--
Memcached 11.0.0.1: [true,"value via 11.0.0.1",0]
  reached: nothing
  server: 1 new connection(s)
Memcached public.test: [true,"value via public.test",0]
  reached: nothing
  server: 1 new connection(s)
Memcached 2400:cb00::10: [true,"value via 2400:cb00::10",0]
  reached: nothing
  server: 1 new connection(s)
Memcached 11.0.0.2 over UDP (set), read back over TCP: [true,"value via 11.0.0.2",0]
  reached: nothing
  server: 1 new connection(s)
Memcached two servers (11.0.0.1, 11.0.0.2), getMulti: {"a":1,"b":2,"c":3,"d":4}
  reached: nothing
  server: 2 new connection(s)