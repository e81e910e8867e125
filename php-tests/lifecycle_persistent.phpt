--TEST--
Lifecycle, persistent reuse, for a literal IPv4, a literal IPv6 and a name: pfsockopen() and STREAM_CLIENT_PERSISTENT reuse a stream within idle_timeout, and one left alone longer (no operation since connect) is replaced by a fresh connection
--SKIPIF--
<?php require __DIR__ . '/include/app_skipif.inc'; ?>
--INI--
appengine_sockets.idle_timeout=1
--FILE--
<?php
require __DIR__ . '/include/app_netns.inc';
require __DIR__ . '/include/lifecycle.inc';
lc_errors();
$mark = app_mark();
// Ports: 80 and 995 are opened twice at once (reuse), 993 and 465 once (the first
// operation after connect is the reopen after 2 s).
$open = static fn (string $fn, array $t, int $port) => $fn === 'pfsockopen'
    ? pfsockopen($t['url'], $port, $errno, $errstr, 2)
    : stream_socket_client("tcp://{$t['url']}:$port", $errno, $errstr, 2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT);
$cases = ['pfsockopen' => [80, 993], 'persistent tcp://' => [995, 465]];
$first = [];
foreach (LC_ALLOWED as $name => $t) {
    foreach ($cases as $fn => [$twice, $once]) {
        $a = $open($fn, $t, $twice);
        $b = $open($fn, $t, $twice);
        echo "$name $fn: ", get_resource_type($a), ", again at once: ", $a === $b ? 'the same stream' : 'ANOTHER stream', "\n";
        $first[$name][$fn][$twice] = $a;
        $first[$name][$fn][$once] = $open($fn, $t, $once);
    }
}
echo "-- 2 s without an operation\n";
sleep(2);
foreach (LC_ALLOWED as $name => $t) {
    foreach ($cases as $fn => $ports) {
        foreach ($ports as $port) {
            $a = $first[$name][$fn][$port];
            $c = $open($fn, $t, $port);
            stream_set_timeout($c, 2);
            echo "$name $fn port $port: ", $a === $c ? 'the SAME stream' : 'a fresh stream', ", old one ", get_resource_type($a),
                ", first line ", var_export(app_line($c), true), "\n";
        }
    }
}
echo app_catcher($mark);
?>
--EXPECTF--
literal IPv4 pfsockopen: persistent stream, again at once: the same stream
literal IPv4 persistent tcp://: persistent stream, again at once: the same stream
literal IPv6 pfsockopen: persistent stream, again at once: the same stream
literal IPv6 persistent tcp://: persistent stream, again at once: the same stream
name pfsockopen: persistent stream, again at once: the same stream
name persistent tcp://: persistent stream, again at once: the same stream
-- 2 s without an operation
literal IPv4 pfsockopen port 80: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.2 80'
literal IPv4 pfsockopen port 993: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.2 993'
literal IPv4 persistent tcp:// port 995: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.2 995'
literal IPv4 persistent tcp:// port 465: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.2 465'
literal IPv6 pfsockopen port 80: a fresh stream, old one Unknown, first line 'HELLO 2400:cb00::10 80'
literal IPv6 pfsockopen port 993: a fresh stream, old one Unknown, first line 'HELLO 2400:cb00::10 993'
literal IPv6 persistent tcp:// port 995: a fresh stream, old one Unknown, first line 'HELLO 2400:cb00::10 995'
literal IPv6 persistent tcp:// port 465: a fresh stream, old one Unknown, first line 'HELLO 2400:cb00::10 465'
name pfsockopen port 80: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.1 80'
name pfsockopen port 993: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.1 993'
name persistent tcp:// port 995: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.1 995'
name persistent tcp:// port 465: a fresh stream, old one Unknown, first line 'HELLO 11.0.0.1 465'
catcher: tcp 11.0.0.1 465 11.0.0.1
catcher: tcp 11.0.0.1 465 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 993 11.0.0.1
catcher: tcp 11.0.0.1 993 11.0.0.1
catcher: tcp 11.0.0.1 995 11.0.0.1
catcher: tcp 11.0.0.1 995 11.0.0.1
catcher: tcp 11.0.0.2 465 11.0.0.2
catcher: tcp 11.0.0.2 465 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 80 11.0.0.2
catcher: tcp 11.0.0.2 993 11.0.0.2
catcher: tcp 11.0.0.2 993 11.0.0.2
catcher: tcp 11.0.0.2 995 11.0.0.2
catcher: tcp 11.0.0.2 995 11.0.0.2
catcher: tcp 2400:cb00::10 465 2400:cb00::10
catcher: tcp 2400:cb00::10 465 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 80 2400:cb00::10
catcher: tcp 2400:cb00::10 993 2400:cb00::10
catcher: tcp 2400:cb00::10 993 2400:cb00::10
catcher: tcp 2400:cb00::10 995 2400:cb00::10
catcher: tcp 2400:cb00::10 995 2400:cb00::10
