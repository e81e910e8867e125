--TEST--
PDO_MySQL: connections to private servers refused with SQLSTATE[HY000] [2002] and the reason, persistent too; a public server is reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('pdo_mysql')) die('skip pdo_mysql not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// PDO_MySQL uses mysqlnd, so the same transport check applies.
$pdo = fn(string $dsn, array $opts = []) => fn() => new PDO($dsn, 'user', 'secret',
    $opts + [PDO::ATTR_TIMEOUT => 3, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
foreach (['mysql:host=10.0.0.5;port=3306;dbname=db', 'mysql:host=private.test;port=3306', 'mysql:host=2130706433',
          'mysql:host=[::1];port=3306', 'mysql:host=mixed.test', 'mysql:host=localhost', 'mysql:unix_socket=/run/mysqld/mysqld.sock',
          'mysql:host=11.0.0.1;port=65561'] as $dsn) {
    wrapper_step("PDO $dsn", $pdo($dsn));
}
wrapper_step('PDO mysql:host=10.0.0.5 persistent', $pdo('mysql:host=10.0.0.5;port=3306', [PDO::ATTR_PERSISTENT => true]));
// Allowed: reaches the catcher at a public address, which answers with a MySQL error packet.
wrapper_step('PDO mysql:host=11.0.0.1;port=3306', $pdo('mysql:host=11.0.0.1;port=3306'));
wrapper_step('PDO mysql:host=public.test persistent', $pdo('mysql:host=public.test;port=3306', [PDO::ATTR_PERSISTENT => true]));
?>
--EXPECT--
PDO mysql:host=10.0.0.5;port=3306;dbname=db: PDOException: SQLSTATE[HY000] [2002] private address 10.0.0.5
  reached: nothing
PDO mysql:host=private.test;port=3306: PDOException: SQLSTATE[HY000] [2002] private address 10.0.0.5
  reached: nothing
PDO mysql:host=2130706433: PDOException: SQLSTATE[HY000] [2002] loopback address 127.0.0.1
  reached: nothing
PDO mysql:host=[::1];port=3306: PDOException: SQLSTATE[HY000] [2002] loopback address ::1
  reached: nothing
PDO mysql:host=mixed.test: PDOException: SQLSTATE[HY000] [2002] private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: nothing
PDO mysql:host=localhost: PDOException: SQLSTATE[HY000] [2002] unix sockets are not allowed, only outbound TCP and UDP
  reached: nothing
PDO mysql:unix_socket=/run/mysqld/mysqld.sock: PDOException: SQLSTATE[HY000] [2002] unix sockets are not allowed, only outbound TCP and UDP
  reached: nothing
PDO mysql:host=11.0.0.1;port=65561: PDOException: SQLSTATE[HY000] [2002] port 25 is blocked
  reached: nothing
PDO mysql:host=10.0.0.5 persistent: PDOException: SQLSTATE[HY000] [2002] private address 10.0.0.5
  reached: nothing
PDO mysql:host=11.0.0.1;port=3306: PDOException: SQLSTATE[HY000] [1130] catcher: not a MySQL server
  reached: mysql 11.0.0.1 3306
PDO mysql:host=public.test persistent: PDOException: SQLSTATE[HY000] [1130] catcher: not a MySQL server
  reached: mysql 11.0.0.1 3306
