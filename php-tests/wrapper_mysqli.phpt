--TEST--
mysqli (mysqlnd): connections to private servers refused with error 2002 and the reason, persistent (p:) too; a public server is reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('mysqli')) die('skip mysqli not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// mysqlnd connects through php_stream_xport_create ("tcp://host:port", or
// "unix://..." for localhost): the transport judges it and mysqlnd reports the
// reason as its own error 2002.
mysqli_report(MYSQLI_REPORT_OFF);
$connect = fn(string $host, int $port = 3306) => function () use ($host, $port) {
    $m = mysqli_connect($host, 'user', 'secret', 'db', $port);
    return [$m === false ? false : get_class($m), mysqli_connect_errno(), mysqli_connect_error()];
};
foreach (['10.0.0.5', 'p:10.0.0.5', '0xa.0.0.5', 'private.test', 'p:private.test', '127.0.0.1', 'p:127.1',
          '[::1]', '[::ffff:10.0.0.5]', 'mixed.test', '10.0.0.5:80', 'localhost', 'p:localhost'] as $host) {
    wrapper_step("mysqli_connect $host:3306", $connect($host));
}
wrapper_step('mysqli_connect 11.0.0.1:25', $connect('11.0.0.1', 25));
wrapper_step('mysqli_real_connect 10.0.0.5 (flags, connect timeout)', function () {
    $m = mysqli_init();
    mysqli_options($m, MYSQLI_OPT_CONNECT_TIMEOUT, 2);
    $ok = mysqli_real_connect($m, '10.0.0.5', 'user', 'secret', 'db', 3306, null, MYSQLI_CLIENT_COMPRESS);
    return [$ok, mysqli_connect_errno(), mysqli_connect_error()];
});
// Exceptions (PHP 8.1+ default reporting).
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
wrapper_step('new mysqli 10.0.0.5 (exceptions)', fn() => new mysqli('10.0.0.5', 'user', 'secret', 'db', 3306));
mysqli_report(MYSQLI_REPORT_OFF);
// Allowed: the connection reaches the catcher at a public address, which
// answers with a MySQL error packet instead of a greeting.
wrapper_step('mysqli_connect 11.0.0.1:3306', $connect('11.0.0.1'));
wrapper_step('mysqli_connect p:public.test:3306', $connect('p:public.test'));
?>
--EXPECT--
mysqli_connect 10.0.0.5:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect p:10.0.0.5:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect 0xa.0.0.5:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect private.test:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect p:private.test:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect 127.0.0.1:3306: [false,2002,"loopback address 127.0.0.1"]
  warning: mysqli_connect(): (HY000/2002): loopback address 127.0.0.1
  reached: nothing
mysqli_connect p:127.1:3306: [false,2002,"loopback address 127.0.0.1"]
  warning: mysqli_connect(): (HY000/2002): loopback address 127.0.0.1
  reached: nothing
mysqli_connect [::1]:3306: [false,2002,"loopback address ::1"]
  warning: mysqli_connect(): (HY000/2002): loopback address ::1
  reached: nothing
mysqli_connect [::ffff:10.0.0.5]:3306: [false,2002,"IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5
  reached: nothing
mysqli_connect mixed.test:3306: [false,2002,"private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: nothing
mysqli_connect 10.0.0.5:80:3306: [false,2002,"private address 10.0.0.5"]
  warning: mysqli_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
mysqli_connect localhost:3306: [false,2002,"unix sockets are not allowed, only outbound TCP and UDP"]
  warning: mysqli_connect(): (HY000/2002): unix sockets are not allowed, only outbound TCP and UDP
  reached: nothing
mysqli_connect p:localhost:3306: [false,2002,"unix sockets are not allowed, only outbound TCP and UDP"]
  warning: mysqli_connect(): (HY000/2002): unix sockets are not allowed, only outbound TCP and UDP
  reached: nothing
mysqli_connect 11.0.0.1:25: [false,2002,"port 25 is blocked"]
  warning: mysqli_connect(): (HY000/2002): port 25 is blocked
  reached: nothing
mysqli_real_connect 10.0.0.5 (flags, connect timeout): [false,2002,"private address 10.0.0.5"]
  warning: mysqli_real_connect(): (HY000/2002): private address 10.0.0.5
  reached: nothing
new mysqli 10.0.0.5 (exceptions): mysqli_sql_exception: private address 10.0.0.5
  reached: nothing
mysqli_connect 11.0.0.1:3306: [false,1130,"catcher: not a MySQL server"]
  warning: mysqli_connect(): (HY000/1130): catcher: not a MySQL server
  reached: mysql 11.0.0.1 3306
mysqli_connect p:public.test:3306: [false,1130,"catcher: not a MySQL server"]
  warning: mysqli_connect(): (HY000/1130): catcher: not a MySQL server
  reached: mysql 11.0.0.1 3306
