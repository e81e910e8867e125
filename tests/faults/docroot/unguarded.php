<?php
// tests/faults/unguarded.py: socket calls through PHP's own functions, two C libraries
// (libcurl, the C library through FFI) and the unguarded object's own connect.
$ch = curl_init('http://11.0.0.1:8081/');
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3]);
for ($i = 1; $i <= 2; $i++) {
    $body = curl_exec($ch);
    echo "curl$i: ", is_string($body) ? trim($body) : 'false', ' curl_errno=', curl_errno($ch),
        ' os_errno=', curl_getinfo($ch, CURLINFO_OS_ERRNO), "\n";
}
$libc = FFI::cdef('
    struct sockaddr_in { unsigned short sin_family; unsigned short sin_port; unsigned int sin_addr; char zero[8]; };
    int socket(int, int, int); int connect(int, const void *, unsigned int); int close(int);
    int *__errno_location(void); unsigned int inet_addr(const char *); unsigned short htons(unsigned short);',
    'libc.so.6');
$sin = $libc->new('struct sockaddr_in');
$sin->sin_family = 2;
$sin->sin_port = $libc->htons(80);
$sin->sin_addr = $libc->inet_addr('11.0.0.1');
$fd = $libc->socket(2, 1, 0);
$rc = $libc->connect($fd, FFI::addr($sin), 16);
echo 'ffi connect: ', $rc === 0 ? 0 : $libc->__errno_location()[0], "\n";
$libc->close($fd);
$f = fsockopen('11.0.0.1', 80, $errno, $errstr, 3);
echo 'fsockopen allowed: ', $f ? trim(fgets($f)) : "false $errno", "\n";
$f = @fsockopen('10.0.0.5', 80, $errno, $errstr, 3);
echo 'fsockopen private: ', $f ? 'open' : "false $errno", "\n";
$own = FFI::cdef('int esc_unguarded_connect(const char *, int);', getenv('AES_UNGUARDED_SO'));
echo 'unguarded own connect: ', $own->esc_unguarded_connect('10.0.0.5', 80), "\n";
