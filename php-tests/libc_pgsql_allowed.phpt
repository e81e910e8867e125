--TEST--
libpq (pg_connect, pg_pconnect, PDO pgsql): a real PostgreSQL server on allowed addresses (IPv4, IPv6, by name, hostaddr) answers queries
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('pgsql') || !extension_loaded('pdo_pgsql')) die('skip pgsql/pdo_pgsql not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-pgsql-allowed.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * libpq opens its sockets itself (connect() from libpq.so): the stream layer
 * never sees them. Allowed connections work exactly as in stock PHP: a real
 * server (include/services.inc) answers, and its log (log_connections) names
 * the address the client reached.
 */
libc_decisions_reset();
$pg = svc_postgres();
$seen = libc_server($pg['log'], fn(int $mark) => array_map(fn($h) => "connection from $h", svc_postgres_seen($pg, $mark)));
$query = function (string $conninfo, bool $persistent = false) {
    return function () use ($conninfo, $persistent) {
        $c = $persistent ? pg_pconnect($conninfo) : pg_connect($conninfo);
        if ($c === false) {
            return false;
        }
        pg_query($c, 'create temporary table t (v text)');
        pg_query_params($c, 'insert into t values ($1)', ['round trip to ']);
        $r = pg_fetch_row(pg_query($c, 'select v || host(inet_server_addr()) from t'));
        return $r[0];
    };
};
$pdo = function (string $host, array $attrs = []) {
    return function () use ($host, $attrs) {
        $db = new PDO("pgsql:host=$host;port=5432;dbname=postgres;connect_timeout=3", 'postgres', null, $attrs);
        $st = $db->prepare("select ? || host(inet_server_addr())");
        $st->execute(['round trip to ']);
        return $st->fetchColumn();
    };
};
$opts = ' port=5432 user=postgres dbname=postgres connect_timeout=3';
libc_step('pg_connect 11.0.0.1', $query("host=11.0.0.1$opts"), $seen);
libc_step('pg_connect public.test', $query("host=public.test$opts"), $seen);
libc_step('pg_connect 2400:cb00::10', $query("host=2400:cb00::10$opts"), $seen);
libc_step('pg_connect v6.test', $query("host=v6.test$opts"), $seen);
libc_step('pg_connect dnspublic.test (via the DNS server at 127.0.0.53)', $query("host=dnspublic.test$opts"), $seen);
libc_step('pg_pconnect 11.0.0.1', $query("host=11.0.0.1$opts", true), $seen);
libc_step('pg_connect hostaddr=11.0.0.2 host=anything.test', $query("hostaddr=11.0.0.2 host=anything.test$opts"), $seen);
libc_step('pg_connect 11.0.0.2,11.0.0.1 (first answers)', $query("host=11.0.0.2,11.0.0.1$opts"), $seen);
libc_step('PDO pgsql:host=11.0.0.1', $pdo('11.0.0.1'), $seen);
libc_step('PDO pgsql:host=v6.test', $pdo('v6.test'), $seen);
libc_step('PDO pgsql:host=public.test (persistent)', $pdo('public.test', [PDO::ATTR_PERSISTENT => true]), $seen);
?>
--EXPECT--
pg_connect 11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect public.test: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect 2400:cb00::10: "round trip to 2400:cb00::10"
  reached: nothing
  server: connection from 2400:cb00::10
pg_connect v6.test: "round trip to 2400:cb00::10"
  reached: nothing
  server: connection from 2400:cb00::10
pg_connect dnspublic.test (via the DNS server at 127.0.0.53): "round trip to 11.0.0.2"
  reached: nothing
  server: connection from 11.0.0.2
pg_pconnect 11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect hostaddr=11.0.0.2 host=anything.test: "round trip to 11.0.0.2"
  reached: nothing
  server: connection from 11.0.0.2
pg_connect 11.0.0.2,11.0.0.1 (first answers): "round trip to 11.0.0.2"
  reached: nothing
  server: connection from 11.0.0.2
PDO pgsql:host=11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
PDO pgsql:host=v6.test: "round trip to 2400:cb00::10"
  reached: nothing
  server: connection from 2400:cb00::10
PDO pgsql:host=public.test (persistent): "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
