<?php
// glibc reads gconv-modules once, at the first conversion (PHP's start-up may be it):
// write the file naming the case's object (GCONV_PATH is its directory), then convert in
// a new PHP with the same extension (or none).
$so = getenv('ESC_SO');
file_put_contents(dirname($so) . '/gconv-modules', "module AESESC// INTERNAL $so 1\nmodule INTERNAL AESESC// $so 1\n");
$ext = extension_loaded('appengine_sockets') ? ' -d extension=' . escapeshellarg(getenv('AES_EXT')) : '';
passthru(escapeshellarg(PHP_BINARY) . $ext . ' -r ' . escapeshellarg("var_dump(@iconv('UTF-8', 'AESESC', 'x'));"));
