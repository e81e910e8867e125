--TEST--
libc layer: C client libraries (libpq for pgsql and PDO pgsql, libldap, libmemcached) are refused a private destination with EACCES, in their own words, plus one warning naming the PHP function
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc';
foreach (['pgsql', 'pdo_pgsql', 'ldap', 'memcached'] as $e) if (!extension_loaded($e)) die("skip $e not loaded"); ?>
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
$mark = aes_log_mark();
[$r, $w] = aes_with_warnings(fn() => pg_connect('host=10.0.0.5 port=80 connect_timeout=2'));
echo 'pg_connect: ', var_export($r, true), "\n  ", implode("\n  ", $w), "\n";
{
    // No error handler here: PHP calls none while the PDOException is pending, so the
    // warning is printed after it is thrown.
    try {
        new PDO('pgsql:host=private.test;port=80;connect_timeout=2');
        echo "PDO pgsql: connected\n";
    } catch (PDOException $e) {
        echo 'PDO pgsql: ', $e->getMessage(), "\n";
    }
}
{
    $l = ldap_connect('ldap://10.0.0.5:80');
    ldap_set_option($l, LDAP_OPT_PROTOCOL_VERSION, 3);
    ldap_set_option($l, LDAP_OPT_NETWORK_TIMEOUT, 2);
    [$r, $w] = aes_with_warnings(fn() => ldap_bind($l));
    echo 'ldap_bind: ', var_export($r, true), ', ', ldap_error($l), "\n  ", implode("\n  ", $w), "\n";
}
{
    $m = new Memcached();
    $m->addServer('10.0.0.5', 80);
    [$r, $w] = aes_with_warnings(fn() => $m->set('k', 'v'));
    echo 'Memcached::set: ', var_export($r, true), "\n  ", implode("\n  ", $w), "\n";
}
echo aes_connections($mark);
?>
--EXPECTF--
pg_connect: false
  Warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "10.0.0.5", port 80 failed: Permission denied
	Is the server running on that host and accepting TCP/IP connections?
  Warning: pg_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)

Warning: PDO::__construct(): connection to 10.0.0.5:80 refused (private address 10.0.0.5) in %s on line %d
PDO pgsql: SQLSTATE[08006] [7] connection to server at "private.test" (10.0.0.5), port 80 failed: Permission denied
	Is the server running on that host and accepting TCP/IP connections?
ldap_bind: false, Can't contact LDAP server
  Warning: ldap_bind(): Unable to bind to server: Can't contact LDAP server
  Warning: ldap_bind(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
Memcached::set: false
  Warning: Memcached::set(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
catcher: nothing
