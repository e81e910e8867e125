<?php
// tests/escapes: helpers for a case's PHP file.

/** The case's C library (ESC_SO), with the declarations `$decls`. */
function esc_lib(string $decls = 'int run(void);'): FFI
{
    return FFI::cdef($decls, getenv('ESC_SO'));
}

/** libc's own functions through FFI. */
function esc_libc(): FFI
{
    return FFI::cdef('
        typedef unsigned int socklen_t;
        struct sockaddr_in { unsigned short sin_family; unsigned short sin_port; unsigned int sin_addr; char zero[8]; };
        int socket(int, int, int);
        int connect(int, const void *, socklen_t);
        long sendto(int, const void *, unsigned long, int, const void *, socklen_t);
        int bind(int, const void *, socklen_t);
        int close(int);
        int *__errno_location(void);
        unsigned int inet_addr(const char *);
        unsigned short htons(unsigned short);
    ', 'libc.so.6');
}

/** A sockaddr_in for ip:port, made with $libc. */
function esc_sin(FFI $libc, string $ip, int $port, int $family = 2): FFI\CData
{
    $sin = $libc->new('struct sockaddr_in');
    $sin->sin_family = $family;
    $sin->sin_port = $libc->htons($port);
    $sin->sin_addr = $libc->inet_addr($ip);
    return $sin;
}

/** curl_exec on $url: the body's first line, or "errno N". */
function esc_curl(string $url): string
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3]);
    $body = curl_exec($ch);
    return is_string($body) && $body !== '' ? strtok($body, "\n") : 'errno ' . curl_errno($ch);
}
