--TEST--
PDO pgsql (libpq): a real PostgreSQL server on an allowed address answers; a private address, a name resolving to one and a name with a private address among others are refused inside libpq
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('pdo_pgsql')) die('skip pdo_pgsql not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-libc-pdo-pgsql.log
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
libc_decisions_reset();
$pg = svc_postgres();
$seen = libc_server($pg['log'], fn(int $mark) => array_map(fn($h) => "connection from $h", svc_postgres_seen($pg, $mark)));
/*
 * PDO throws its PDOException before the extension's queued warning can be
 * raised, and PHP calls no error handler while an exception is pending: an app
 * with an error handler sees the exception and the decision log, not the
 * warning (without a handler, the warning is displayed).
 */
$pdo = function (string $host, array $attrs = []) {
    return function () use ($host, $attrs) {
        $db = new PDO("pgsql:host=$host;port=5432;dbname=postgres;connect_timeout=3", 'postgres', null, $attrs);
        return $db->query("select 'round trip to ' || host(inet_server_addr())")->fetchColumn();
    };
};
libc_step('PDO pgsql:host=11.0.0.1', $pdo('11.0.0.1'), $seen);
libc_step('PDO pgsql:host=v6.test', $pdo('v6.test'), $seen);
libc_step('PDO pgsql:host=public.test (persistent)', $pdo('public.test', [PDO::ATTR_PERSISTENT => true]), $seen);
libc_step('PDO pgsql:host=10.0.0.5', $pdo('10.0.0.5'), $seen);
libc_step('PDO pgsql:host=private.test', $pdo('private.test'), $seen);
libc_step('PDO pgsql:host=10.0.0.5 (persistent)', $pdo('10.0.0.5', [PDO::ATTR_PERSISTENT => true]), $seen);
libc_step('PDO pgsql:host=192.168.7.7', $pdo('192.168.7.7'), $seen);
// A name with a private address among others is refused as a whole, as streams refuse it:
// libpq tries mixed.test's 11.0.0.1, then 10.0.0.5, and reaches neither.
libc_step('PDO pgsql:host=mixed.test', $pdo('mixed.test'), $seen);
?>
--EXPECT--
PDO pgsql:host=11.0.0.1: "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
PDO pgsql:host=v6.test: "round trip to 2400:cb00::10"
  reached: nothing
  server: connection from 2400:cb00::10
PDO pgsql:host=public.test (persistent): "round trip to 11.0.0.1"
  reached: nothing
  server: connection from 11.0.0.1
PDO pgsql:host=10.0.0.5: PDOException: SQLSTATE[08006] [7] connection to server at "10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  reached: nothing
  logged: deny special-purpose PDO::__construct 10.0.0.5 5432
PDO pgsql:host=private.test: PDOException: SQLSTATE[08006] [7] connection to server at "private.test" (10.0.0.5), port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  reached: nothing
  logged: deny special-purpose PDO::__construct 10.0.0.5 5432
PDO pgsql:host=10.0.0.5 (persistent): PDOException: SQLSTATE[08006] [7] connection to server at "10.0.0.5", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  reached: nothing
  logged: deny special-purpose PDO::__construct 10.0.0.5 5432
PDO pgsql:host=192.168.7.7: PDOException: SQLSTATE[08006] [7] connection to server at "192.168.7.7", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  reached: nothing
  logged: deny special-purpose PDO::__construct 192.168.7.7 5432
PDO pgsql:host=mixed.test: PDOException: SQLSTATE[08006] [7] connection to server at "mixed.test" (11.0.0.1), port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections? / connection to server at "mixed.test" (10.0.0.5), port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  reached: nothing
  logged: deny special-purpose PDO::__construct 11.0.0.1 5432
  logged: deny special-purpose PDO::__construct 10.0.0.5 5432
