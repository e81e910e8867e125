--TEST--
libc layer: AF_UNSPEC in sendto() and bind() is judged as the AF_INET address Linux uses (stock PHP's datagram reaches 10.0.0.5 and its bind to port 5353 succeeds); an unknown family is refused
--SKIPIF--
<?php
require __DIR__ . '/include/settings_skipif.inc';
if (!extension_loaded('ffi')) die('skip ext/ffi not loaded');
?>
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
require __DIR__ . '/include/settings.inc';

function unspec_run(bool $extension): void
{
    $mark = aes_log_mark();
    $cmd = [PHP_BINARY];
    if ($extension) {
        array_push($cmd, '-d', 'extension=' . settings_ext());
    }
    array_push($cmd, '-d', 'ffi.enable=1', '-d', 'display_errors=1', '-d', 'log_errors=0', __DIR__ . '/fixtures/af_unspec.php');
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    echo $extension ? 'extension' : 'stock', ': exit ', proc_close($p), "\n", preg_replace('/^/m', '  ', rtrim($out)), "\n";
    foreach (libc_reached($mark) as $l) {
        echo "  reached: $l\n";
    }
}
unspec_run(false);
unspec_run(true);
?>
--EXPECT--
stock: exit 0
  sendto AF_UNSPEC 10.0.0.5:9999: 7, errno 0
  bind AF_UNSPEC 0.0.0.0:5353: 0, errno 0
  sendto family 200: -1, errno 97
  reached: udp 10.0.0.5 9999
extension: exit 0
    warning: sendto(): sending to 10.0.0.5:9999 refused (private address 10.0.0.5)
  sendto AF_UNSPEC 10.0.0.5:9999: -1, errno 13
    warning: bind(): binding to a specific address or port is not allowed: 0.0.0.0:5353
  bind AF_UNSPEC 0.0.0.0:5353: -1, errno 13
    warning: sendto(): sending to (address family 200) refused (address family 200 is not allowed, only outbound TCP and UDP)
  sendto family 200: -1, errno 13