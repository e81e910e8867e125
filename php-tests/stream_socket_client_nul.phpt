--TEST--
stream_socket_client(): an address containing a NUL byte never connects
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Stock PHP fails with "The hostname must not contain null bytes" (errno 0);
// the extension refuses first, as docs/rules.md documents ("A name containing a
// NUL byte is refused (errno 13)"): C code would see a shorter name.
foreach (["tcp://10.0.0.5\0.public.test:80", "tcp://public.test\0:80", "udp://10.0.0.5\0:9999"] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://10.0.0.5\0.public.test:80 (address contains a NUL byte) in %s on line %d
false, errno 13, errstr "address contains a NUL byte"

Warning: stream_socket_client(): Unable to connect to tcp://public.test\0:80 (address contains a NUL byte) in %s on line %d
false, errno 13, errstr "address contains a NUL byte"

Warning: stream_socket_client(): Unable to connect to udp://10.0.0.5\0:9999 (address contains a NUL byte) in %s on line %d
false, errno 13, errstr "address contains a NUL byte"
catcher: nothing
