--TEST--
socket_create()/socket_create_pair() on PHP 8.4: a type with SOCK_NONBLOCK/SOCK_CLOEXEC is judged by its base type
--DESCRIPTION--
PHP 8.4's ext/sockets defines SOCK_NONBLOCK and SOCK_CLOEXEC and takes them OR'ed into
the type: SOCK_RAW | SOCK_NONBLOCK is a raw socket and is refused like one, a socket pair
with SOCK_CLOEXEC is refused like any pair, and SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC
is a TCP socket that works, non-blocking. (PHP 8.2: socket_create_type_flags_82.phpt.)
--SKIPIF--
<?php
require __DIR__ . '/include/socket_skipif.inc';
if (!defined('SOCK_NONBLOCK')) die('skip ext/sockets without SOCK_NONBLOCK (before PHP 8.4)');
?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
$mark = socket_test_mark();
$raw = @socket_create(AF_INET, SOCK_RAW | SOCK_NONBLOCK, 1);
echo 'raw|nonblock: ', var_export($raw, true), ', errno ', socket_last_error(), ', ', error_get_last()['message'], "\n";
$pair = [];
$ok = @socket_create_pair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, $pair);
echo 'pair|cloexec: ', var_export($ok, true), ', errno ', socket_last_error(), "\n";
socket_clear_error();
$s = socket_create(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, SOL_TCP);
echo 'stream|nonblock|cloexec: ', get_debug_type($s), "\n";
$r = @socket_connect($s, '11.0.0.1', 80);
echo 'connect 11.0.0.1:80: ', var_export($r, true), ', ', socket_last_error($s) === SOCKET_EINPROGRESS ? 'in progress (non-blocking)' : socket_last_error($s), "\n";
$w = [$s];
$rd = $e = null;
echo 'writable: ', socket_select($rd, $w, $e, 2), "\n";
$d = socket_create(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
$r = @socket_connect($d, '10.0.0.5', 80);
echo 'connect 10.0.0.5:80: ', var_export($r, true), ', errno ', socket_last_error($d), "\n";
socket_close($s);
socket_close($d);
echo socket_test_catcher($mark);
?>
--EXPECTF--
raw|nonblock: false, errno 13, socket_create(): Unable to create socket [13]: Permission denied (raw sockets are not allowed, only outbound TCP and UDP)
pair|cloexec: false, errno 13
stream|nonblock|cloexec: Socket
connect 11.0.0.1:80: false, in progress (non-blocking)
writable: 1
connect 10.0.0.5:80: false, errno 13
catcher: tcp 11.0.0.1 80 %s
