--TEST--
libpq (pg_connect, pg_pconnect): a real PostgreSQL server on an allowed address answers; private addresses, names resolving to them, port 25 and its unix socket are refused inside libpq
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('pgsql')) die('skip pgsql not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-pgsql.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * libpq opens its sockets itself (connect() from libpq.so): the stream layer
 * never sees them. The server (include/services.inc) listens on every
 * namespace address and on a unix socket, so a connection that is not refused
 * works, and its log (log_connections) names the client address it saw.
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
        $r = pg_fetch_row(pg_query($c, "select 'round trip to ' || coalesce(host(inet_server_addr()), 'unix socket')"));
        return $r[0];
    };
};
$opts = ' port=5432 user=postgres dbname=postgres connect_timeout=3';
// Allowed: the real server answers a query.
libc_step('pg_connect 11.0.0.1', $query("host=11.0.0.1$opts"), $seen);
libc_step('pg_connect public.test', $query("host=public.test$opts"), $seen);
libc_step('pg_connect 2400:cb00::10', $query("host=2400:cb00::10$opts"), $seen);
libc_step('pg_pconnect 11.0.0.1', $query("host=11.0.0.1$opts", true), $seen);
libc_step('pg_connect hostaddr=11.0.0.2 host=anything.test', $query("hostaddr=11.0.0.2 host=anything.test$opts"), $seen);
// Refused: libpq fails with EACCES ("Permission denied"), and one warning names the rule.
libc_step('pg_connect 10.0.0.5', $query("host=10.0.0.5$opts"), $seen);
libc_step('pg_connect private.test', $query("host=private.test$opts"), $seen);
libc_step('pg_pconnect 10.0.0.5', $query("host=10.0.0.5$opts", true), $seen);
libc_step('pg_connect hostaddr=10.0.0.5 host=public.test', $query("hostaddr=10.0.0.5 host=public.test$opts"), $seen);
libc_step('pg_connect ::ffff:10.0.0.5', $query("host=::ffff:10.0.0.5$opts"), $seen);
libc_step('pg_connect 127.0.0.1', $query("host=127.0.0.1$opts"), $seen);
libc_step('pg_connect 10.0.0.5 port 80 (the catcher)', $query('host=10.0.0.5 port=80 user=postgres connect_timeout=3'), $seen);
libc_step('pg_connect 11.0.0.1 port 25', $query('host=11.0.0.1 port=25 user=postgres connect_timeout=3'), $seen);
libc_step('pg_connect unix socket', $query("host={$pg['dir']}$opts"), $seen);
// Several hosts: libpq goes on to the next after a refusal, as after any failed connect.
libc_step('pg_connect 10.0.0.5,11.0.0.1', $query("host=10.0.0.5,11.0.0.1$opts"), $seen);
?>
--EXPECTF--
pg_connect 11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect public.test: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect 2400:cb00::10: "round trip to 2400:cb00::10"
  reached: nothing
  server: connection from 2400:cb00::10
pg_pconnect 11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
pg_connect hostaddr=11.0.0.2 host=anything.test: "round trip to 11.0.0.2"
  reached: nothing
  server: connection from 11.0.0.2
pg_connect 10.0.0.5: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 10.0.0.5:5432 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_connect 10.0.0.5 5432
pg_connect private.test: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "private.test" (10.0.0.5), port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 10.0.0.5:5432 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_connect 10.0.0.5 5432
pg_pconnect 10.0.0.5: false
  warning: pg_pconnect(): Unable to connect to PostgreSQL server: connection to server at "10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_pconnect(): connection to 10.0.0.5:5432 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_pconnect 10.0.0.5 5432
pg_connect hostaddr=10.0.0.5 host=public.test: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 10.0.0.5:5432 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_connect 10.0.0.5 5432
pg_connect ::ffff:10.0.0.5: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "::ffff:10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to [::ffff:10.0.0.5]:5432 refused (IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_connect ::ffff:10.0.0.5 5432
pg_connect 127.0.0.1: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "127.0.0.1", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 127.0.0.1:5432 refused (loopback address 127.0.0.1)
  reached: nothing
  logged: deny special-purpose pg_connect 127.0.0.1 5432
pg_connect 10.0.0.5 port 80 (the catcher): false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "10.0.0.5", port 80 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose pg_connect 10.0.0.5 80
pg_connect 11.0.0.1 port 25: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "11.0.0.1", port 25 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 11.0.0.1:25 refused (port 25 is blocked)
  reached: nothing
  logged: deny port-25 pg_connect 11.0.0.1 25
pg_connect unix socket: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: %sPermission denied%s
  warning: pg_connect(): %s refused (unix sockets are not allowed, only outbound TCP and UDP)
  reached: nothing
  logged: deny protocol pg_connect %s
pg_connect 10.0.0.5,11.0.0.1: "round trip to 11.0.0.1"
  warning: pg_connect(): connection to 10.0.0.5:5432 refused (private address 10.0.0.5)
  reached: nothing
  server: connection from 11.0.0.1
  logged: deny special-purpose pg_connect 10.0.0.5 5432
