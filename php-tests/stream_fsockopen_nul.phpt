--TEST--
fsockopen(): a host name containing a NUL byte never connects
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Whatever part of the name a C string would keep, nothing may be reached.
// Stock PHP fails with "The hostname must not contain null bytes" (errno 0);
// the extension refuses first, as docs/rules.md documents ("A name containing a
// NUL byte is refused (errno 13)"): C code would see a shorter name.
foreach (["10.0.0.5\0.public.test", "public.test\0.10.0.0.5"] as $host) {
    $f = fsockopen($host, 80, $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: fsockopen(): Unable to connect to 10.0.0.5:80 (address contains a NUL byte) in %s on line %d
false, errno 13, errstr "address contains a NUL byte"

Warning: fsockopen(): Unable to connect to public.test:80 (address contains a NUL byte) in %s on line %d
false, errno 13, errstr "address contains a NUL byte"
catcher: nothing
