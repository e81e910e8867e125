--TEST--
opcache JIT: allowed calls whose destination is a string literal do not leak (socket_sendto, socket_connect, stream_socket_sendto)
--DESCRIPTION--
appengine_sockets hands the original function the checked literal address by replacing
the address argument in the call frame with a new string. The JIT frees an internal
call's arguments by what it knows at compile time: a by-value argument that was a
non-refcounted constant of an accepted type (an interned string literal) is not freed at
all (zend_jit_needs_arg_dtor()). The replacement string is then never released: 40 bytes
per call, without bound in a long-running process. Without the JIT, or with a variable
host, the VM frees it and nothing leaks. Stock PHP with the same JIT leaks nothing.
--EXTENSIONS--
opcache
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--INI--
opcache.enable=1
opcache.enable_cli=1
opcache.jit=tracing
opcache.jit_buffer_size=32M
--FILE--
<?php
$n = 20000;
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$c = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
$s = stream_socket_client('udp://11.0.0.1:9999');
// Warm up (the JIT compiles the loops), then measure.
for ($round = 0; $round < 2; $round++) {
    $m0 = memory_get_usage();
    for ($i = 0; $i < $n; $i++) {
        socket_sendto($u, "x", 1, 0, '11.0.0.1', 9999);
    }
    $m1 = memory_get_usage();
    for ($i = 0; $i < $n; $i++) {
        socket_connect($c, '11.0.0.1', 9999);
    }
    $m2 = memory_get_usage();
    for ($i = 0; $i < $n; $i++) {
        stream_socket_sendto($s, "x", 0, '11.0.0.1:9999');
    }
    $m3 = memory_get_usage();
}
$ok = fn (int $grew) => $grew < 1024 ? 'flat' : "grew $grew bytes";
echo "socket_sendto: ", $ok($m1 - $m0), "\n";
echo "socket_connect: ", $ok($m2 - $m1), "\n";
echo "stream_socket_sendto: ", $ok($m3 - $m2), "\n";
?>
--EXPECT--
socket_sendto: flat
socket_connect: flat
stream_socket_sendto: flat
