--TEST--
libc layer: FFI::cdef declaring libc's socket functions (found by dlsym, with and without a library) gets the guarded functions: a private destination fails with EACCES and a warning, a public one connects
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ffi')) die('skip ext/ffi not loaded'); ?>
--INI--
ffi.enable=1
--FILE--
<?php
require __DIR__ . '/include/libc_layer.inc';
const DECLS = '
typedef unsigned int socklen_t;
struct sockaddr_in { unsigned short sin_family; unsigned short sin_port; unsigned char sin_addr[4]; char zero[8]; };
int socket(int domain, int type, int protocol);
int connect(int fd, const struct sockaddr_in *addr, socklen_t len);
long sendto(int fd, const char *buf, unsigned long n, int flags, const struct sockaddr_in *addr, socklen_t len);
int bind(int fd, const struct sockaddr_in *addr, socklen_t len);
int listen(int fd, int backlog);
int close(int fd);
int *__errno_location(void);
';

function attempt(FFI $ffi, string $what, string $ip, int $port, int $type = 1): void
{
    $sa = $ffi->new('struct sockaddr_in');
    $sa->sin_family = 2;
    $sa->sin_port = (($port & 0xff) << 8) | ($port >> 8);
    foreach (explode('.', $ip) as $i => $b) {
        $sa->sin_addr[$i] = (int) $b;
    }
    [$rc, $warnings] = aes_with_warnings(function () use ($ffi, $what, $sa, $type) {
        $fd = $ffi->socket(2, $type, 0);
        $rc = match ($what) {
            'connect' => $ffi->connect($fd, FFI::addr($sa), 16),
            'sendto' => $ffi->sendto($fd, "x", 1, 0, FFI::addr($sa), 16),
            'bind+listen' => $ffi->bind($fd, FFI::addr($sa), 16) ?: $ffi->listen($fd, 5),
        };
        $errno = $ffi->__errno_location()[0];
        $ffi->close($fd);
        return $rc < 0 ? "-1, errno $errno" : "ok ($rc)";
    });
    echo "  $what $ip:$port: $rc", $warnings ? "\n    " . implode("\n    ", $warnings) : '', "\n";
}

$mark = aes_log_mark();
foreach (['default scope (dlsym RTLD_DEFAULT)' => FFI::cdef(DECLS), 'libc.so.6 (dlopen, dlsym)' => FFI::cdef(DECLS, 'libc.so.6')] as $how => $ffi) {
    echo "$how:\n";
    attempt($ffi, 'connect', '10.0.0.5', 80);
    attempt($ffi, 'connect', '11.0.0.1', 80);
    attempt($ffi, 'sendto', '192.168.7.7', 53, 2);
    attempt($ffi, 'bind+listen', '0.0.0.0', 0);
}
echo aes_connections($mark);
?>
--EXPECTF--
default scope (dlsym RTLD_DEFAULT):
  connect 10.0.0.5:80: -1, errno 13
    Warning: connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  connect 11.0.0.1:80: ok (0)
  sendto 192.168.7.7:53: -1, errno 13
    Warning: sendto(): sending to 192.168.7.7:53 refused (private address 192.168.7.7)
  bind+listen 0.0.0.0:0: -1, errno 13
    Warning: listen(): listening sockets are not allowed
libc.so.6 (dlopen, dlsym):
  connect 10.0.0.5:80: -1, errno 13
    Warning: connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)
  connect 11.0.0.1:80: ok (0)
  sendto 192.168.7.7:53: -1, errno 13
    Warning: sendto(): sending to 192.168.7.7:53 refused (private address 192.168.7.7)
  bind+listen 0.0.0.0:0: -1, errno 13
    Warning: listen(): listening sockets are not allowed
catcher: tcp 11.0.0.1 80 11.0.0.1
catcher: tcp 11.0.0.1 80 11.0.0.1
