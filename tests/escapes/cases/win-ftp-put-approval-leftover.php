<?php
// target: ftpactive 11.0.0.1 2100
// An approval outlives its call: ftp_put() in active mode with an http:// source (the
// stream's approval), then a plain file from the same call site; active mode's listen
// must stay refused in both.
require __DIR__ . '/../../../php-tests/include/services.inc';
svc_ftpd();
$local = tempnam(sys_get_temp_dir(), 'esc');
file_put_contents($local, "x\n");
$ftp = ftp_connect('11.0.0.1', 2100, 5);
ftp_login($ftp, 'php', 'secret');
ftp_pasv($ftp, false);
foreach (['http://11.0.0.1:8081/file', $local] as $i => $source) {
    var_dump(@ftp_put($ftp, "r$i", $source));
}
unlink($local);
