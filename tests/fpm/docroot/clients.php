<?php
// tests/fpm/clients.sh: open (or get back) one client's persistent connection to a real
// server and say which connection it is and what an earlier request left on it.
//   ?client=redis|redis-id|mysqli|pdo_mysql|memcached|memcache|pgsql|pdo_pgsql
//   &host=NAME-OR-ADDRESS &port=N &mark=1 (mark the connection as app "alice")
// One line of key=value fields:
//   app=<app id> pid=<worker pid> conn=<the server's id for this connection>
//   mark=<what the connection carries: the user it is authenticated as, a session
//   variable, an option of the persistent handle; "none" when unmarked>
// On failure: "app=... pid=... error=<text>".
header('Content-Type: text/plain');
$app = (string) ini_get('appengine_sockets.app_id');
$client = $_GET['client'] ?? '';
$host = $_GET['host'] ?? 'public2.test';
$port = (int) ($_GET['port'] ?? 0);
$mark = ($_GET['mark'] ?? '') === '1';

function out(string $app, string $conn, string $mark): void
{
    $mark = $mark === '' ? 'none' : str_replace(' ', '_', $mark);
    echo "app=$app pid=", getmypid(), " conn=$conn mark=$mark\n";
}

try {
    switch ($client) {
        case 'redis':       // phpredis's connection pool (redis.pconnect.pooling_enabled=1)
        case 'redis-id':    // one persistent stream per persistent id (pooling off)
            ini_set('redis.pconnect.pooling_enabled', $client === 'redis' ? '1' : '0');
            $r = new Redis();
            $ok = $client === 'redis'
                ? $r->pconnect($host, $port, 2)
                : $r->pconnect($host, $port, 2, 'shared-id');
            if (!$ok) {
                throw new RuntimeException('pconnect failed');
            }
            if ($mark) {
                $r->auth(['alice', 'alice-secret']);
            }
            out($app, (string) $r->client('id'), (string) $r->rawCommand('ACL', 'WHOAMI'));
            break;

        case 'mysqli':      // mysqli "p:": mysqli's plist entry (a stack of free links)
            mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
            $m = new mysqli("p:$host", 'shared', 'shared-secret', '', $port);
            // mysqli resets a reused link's session (COM_CHANGE_USER), so the server's
            // connection id is the mark: it survives the reset.
            $id = (string) $m->query('SELECT CONNECTION_ID()')->fetch_row()[0];
            out($app, $id, '');
            break;

        case 'pdo_mysql':   // PDO::ATTR_PERSISTENT: the PDO handle in PHP's persistent list
            $pdo = new PDO("mysql:host=$host;port=$port", 'shared', 'shared-secret',
                [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
            if ($mark) {
                $pdo->exec("SET @owner = 'alice'");
            }
            $row = $pdo->query('SELECT CONNECTION_ID(), @owner')->fetch(PDO::FETCH_NUM);
            out($app, (string) $row[0], (string) $row[1]);
            break;

        case 'pdo_pgsql':
            $pdo = new PDO("pgsql:host=$host;port=$port;dbname=postgres", 'shared', 'shared-secret',
                [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
            if ($mark) {
                $pdo->exec("SET application_name = 'alice'");
            }
            $row = $pdo->query('SELECT pg_backend_pid(), current_setting(\'application_name\')')->fetch(PDO::FETCH_NUM);
            out($app, (string) $row[0], (string) $row[1]);
            break;

        case 'pgsql':
            $c = pg_pconnect("host=$host port=$port dbname=postgres user=shared password=shared-secret");
            if ($c === false) {
                throw new RuntimeException('pg_pconnect failed');
            }
            if ($mark) {
                pg_query($c, "SET application_name = 'alice'");
            }
            $row = pg_fetch_row(pg_query($c, 'SELECT pg_backend_pid(), current_setting(\'application_name\')'));
            out($app, (string) $row[0], (string) $row[1]);
            break;

        case 'memcached':   // php-memcached: a persistent libmemcached handle (its own sockets)
            $m = new Memcached('shared-pool');
            if (!$m->getServerList()) {
                $m->addServer($host, $port);
            }
            if ($mark) {
                $m->setOption(Memcached::OPT_PREFIX_KEY, 'alice:');
            }
            $m->set('k', 'v');
            // The server counts every connection it accepted: a request that reuses a
            // connection leaves the count unchanged, a new connection adds one.
            $stats = $m->getStats();
            $s = reset($stats);
            out($app, 'total' . ($s['total_connections'] ?? '?'), (string) $m->getOption(Memcached::OPT_PREFIX_KEY));
            break;

        case 'memcache':    // pecl memcache: a persistent server entry and its stream
            $m = new Memcache();
            // pecl memcache 8.0 stores its connection in a dynamic property (deprecated
            // in PHP 8.2): not this test's business.
            error_reporting(E_ALL & ~E_DEPRECATED);
            $ok = $m->pconnect($host, $port, 2);
            error_reporting(E_ALL);
            if (!$ok) {
                throw new RuntimeException('pconnect failed');
            }
            $m->set('k', 'v');
            $s = $m->getStats();
            out($app, 'total' . ($s['total_connections'] ?? '?'), '');
            break;

        default:
            throw new RuntimeException("unknown client '$client'");
    }
} catch (Throwable $e) {
    echo "app=$app pid=", getmypid(), ' error=', str_replace(["\n", ' '], ['|', '_'], get_class($e) . ': ' . $e->getMessage()), "\n";
}
