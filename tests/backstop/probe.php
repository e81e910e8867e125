<?php
// The kernel backstop's PHP probes (tests/backstop/run.sh), run with the extension loaded:
//   ffi tcp|udp ADDR PORT   socket/connect/sendto as raw syscall(2)s through FFI
//   exec PROGRAM ARGS...    a child process (the C probes), its output and exit code
//   curl URL                exec('curl ...'): the curl program, not ext/curl
//   mail                    mail() through sendmail_path (a stand-in that connects)
// Prints "connected" / "sent" or "error WHAT", as the C probes do.
[, $kind] = $argv;
$args = array_slice($argv, 2);

if ($kind === 'ffi') {
    [$proto, $addr, $port] = $args;
    $ffi = FFI::cdef('
        long syscall(long number, ...);
        int inet_pton(int af, const char *src, void *dst);
        int *__errno_location(void);
        char *strerrorname_np(int errnum);
    ', 'libc.so.6');
    $v6 = str_contains($addr, ':');
    $sa = $ffi->new('uint8_t[28]');
    $family = $v6 ? 10 : 2;                               // AF_INET6, AF_INET
    $sa[0] = $family & 0xff;
    $sa[1] = $family >> 8;
    $sa[2] = ($port >> 8) & 0xff;                          // network byte order
    $sa[3] = $port & 0xff;
    $ffi->inet_pton($family, $addr, FFI::addr($sa[$v6 ? 8 : 4]));
    $len = $v6 ? 28 : 16;
    // x86_64: socket 41, connect 42, sendto 44.
    $fd = $ffi->syscall(41, $family, $proto === 'udp' ? 2 : 1, 0);
    $fail = function () use ($ffi) {
        echo 'error ', FFI::string($ffi->strerrorname_np($ffi->__errno_location()[0])), "\n";
        exit(1);
    };
    if ($fd < 0) $fail();
    $r = $proto === 'udp'
        ? $ffi->syscall(44, $fd, "probe\n", 6, 0, FFI::addr($sa[0]), $len)
        : $ffi->syscall(42, $fd, FFI::addr($sa[0]), $len);
    if ($r < 0) $fail();
    echo $proto === 'udp' ? "sent\n" : "connected\n";
    usleep(100000);
    exit(0);
}
if ($kind === 'exec') {
    exec(implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1', $out, $rc);
    echo implode("\n", $out), "\n";
    exit($rc);
}
if ($kind === 'curl') {
    exec('curl -sS -m 5 -o /dev/null ' . escapeshellarg($args[0]) . ' 2>&1', $out, $rc);
    echo $rc === 0 ? "connected\n" : "error curl exit $rc: " . implode(' ', $out) . "\n";
    exit($rc === 0 ? 0 : 1);
}
if ($kind === 'mail') {
    // @: PHP 8.5's mail() warns of the stand-in's non-zero exit; the result says it.
    $ok = @mail('someone@example.com', 'backstop', 'body');
    echo $ok ? "connected\n" : "error mail() returned false\n";
    exit($ok ? 0 : 1);
}
fwrite(STDERR, "probe.php: unknown kind $kind\n");
exit(2);
