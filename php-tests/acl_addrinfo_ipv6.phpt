--TEST--
appengine_sockets.acl under an enforcing rule: IPv6 literals in every spelling (full, compressed, mixed case, IPv4-mapped, bracketed with a port, scoped) match no name and are refused unless an operator allow entry covers them, on streams and ext/sockets; socket_addrinfo_connect() is judged for the names whose lookup produced its address
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.acl={PWD}/fixtures/acl/apps.yaml
appengine_sockets.app_id=billing
appengine_sockets.allow=[2400:cb00::10]/128:8080
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$spellings = ['2400:cb00:0:0:0:0:0:10', '2400:cb00::10', '2400:CB00::0010', '2400:cb00:0000:0000:0000:0000:0000:0010',
              '::ffff:11.0.0.1', '::FFFF:b00:1', '0:0:0:0:0:ffff:11.0.0.1', '2400:cb00::10%lo', 'fe80::1%lo'];
foreach ([80, 8080] as $port) {
    echo "-- port $port", $port === 8080 ? ' (an operator allow entry covers 2400:cb00::10)' : '', "\n";
    foreach ($spellings as $ip) {
        echo "fsockopen([$ip], $port): ";
        settings_result(@fsockopen("[$ip]", $port, $errno, $errstr, 2), $errno, $errstr);
    }
    $s = @stream_socket_client("tcp://[2400:CB00::10]:$port", $errno, $errstr, 2);
    echo "stream_socket_client(tcp://[2400:CB00::10]:$port): ";
    settings_result($s, $errno, $errstr);
    foreach (['2400:cb00:0:0:0:0:0:10', '2400:CB00::10', '::ffff:11.0.0.1'] as $ip) {
        settings_socket_connect($ip, $port, AF_INET6);
    }
}
echo "-- socket_addrinfo_connect\n";
foreach ([['public.test', '80'], ['tls.test', '80'], ['other.test', '80'], ['2400:cb00::10', '80'], ['2400:cb00::10', '8080']] as [$host, $port]) {
    $ai = socket_addrinfo_lookup($host, $port, ['ai_socktype' => SOCK_STREAM]);
    $s = @socket_addrinfo_connect($ai[0]);
    echo "socket_addrinfo_connect($host, $port): ", get_debug_type($s);
    if ($s instanceof Socket) {
        echo ', ', settings_socket_read($s);
        socket_close($s);
    } else {
        echo ': ', error_get_last()['message'] ?? '';
    }
    error_clear_last();
    echo "\n";
}
echo settings_catcher($mark);
?>
--EXPECTF--
-- port 80
fsockopen([2400:cb00:0:0:0:0:0:10], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([2400:cb00::10], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([2400:CB00::0010], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([2400:cb00:0000:0000:0000:0000:0000:0010], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([::ffff:11.0.0.1], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([::FFFF:b00:1], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([0:0:0:0:0:ffff:11.0.0.1], 80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([2400:cb00::10%lo], 80): false, errno 0, errstr "php_network_getaddresses: getaddrinfo for 2400:cb00::10%lo failed: %s"
fsockopen([fe80::1%lo], 80): false, errno 13, errstr "link-local address fe80::1"
stream_socket_client(tcp://[2400:CB00::10]:80): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce)) in %s on line %d
2400:cb00:0:0:0:0:0:10:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce)) in %s on line %d
2400:CB00::10:80: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce)) in %s on line %d
::ffff:11.0.0.1:80: false, socket error 13, last error 13
-- port 8080 (an operator allow entry covers 2400:cb00::10)
fsockopen([2400:cb00:0:0:0:0:0:10], 8080): connected: HELLO 2400:cb00::10 8080, errno 0
fsockopen([2400:cb00::10], 8080): connected: HELLO 2400:cb00::10 8080, errno 0
fsockopen([2400:CB00::0010], 8080): connected: HELLO 2400:cb00::10 8080, errno 0
fsockopen([2400:cb00:0000:0000:0000:0000:0000:0010], 8080): connected: HELLO 2400:cb00::10 8080, errno 0
fsockopen([::ffff:11.0.0.1], 8080): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([::FFFF:b00:1], 8080): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([0:0:0:0:0:ffff:11.0.0.1], 8080): false, errno 13, errstr "acl: app billing, an address literal matches no name (action enforce)"
fsockopen([2400:cb00::10%lo], 8080): false, errno 0, errstr "php_network_getaddresses: getaddrinfo for 2400:cb00::10%lo failed: %s"
fsockopen([fe80::1%lo], 8080): false, errno 13, errstr "link-local address fe80::1"
stream_socket_client(tcp://[2400:CB00::10]:8080): connected: HELLO 2400:cb00::10 8080, errno 0
2400:cb00:0:0:0:0:0:10:8080: true, HELLO 2400:cb00::10 8080, socket error 0, last error 0
2400:CB00::10:8080: true, HELLO 2400:cb00::10 8080, socket error 0, last error 0

Warning: socket_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce)) in %s on line %d
::ffff:11.0.0.1:8080: false, socket error 13, last error 13
-- socket_addrinfo_connect
socket_addrinfo_connect(public.test, 80): Socket, HELLO 11.0.0.1 80
socket_addrinfo_connect(tls.test, 80): bool: socket_addrinfo_connect(): unable to connect [13]: Permission denied (acl: app billing, global deny list)
socket_addrinfo_connect(other.test, 80): bool: socket_addrinfo_connect(): unable to connect [13]: Permission denied (acl: app billing, global deny list for tls.test)
socket_addrinfo_connect(2400:cb00::10, 80): bool: socket_addrinfo_connect(): unable to connect [13]: Permission denied (acl: app billing, an address literal matches no name (action enforce))
socket_addrinfo_connect(2400:cb00::10, 8080): Socket, HELLO 2400:cb00::10 8080
catcher: tcp 11.0.0.1 80
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
catcher: tcp 2400:cb00::10 8080
