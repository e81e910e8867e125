--TEST--
ext/ftp data channel: a PASV reply naming a private address, and active mode's listening socket, must be refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('ftp')) die('skip ext/ftp not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
/*
 * ext/ftp (ftp_connect() & co.) opens its data channel itself, outside the
 * stream transports: in passive mode it connect()s to the address the server's
 * PASV reply names, in active mode it bind()s and listen()s for the server.
 * The control connection is judged (ftp_connect is replaced); the data channel
 * must be too: a public FTP server must not be able to point the app at
 * 10.0.0.5, and the app may not listen.
 */
function fetch(int $port, bool $pasv): string
{
    $warnings = [];
    set_error_handler(function (int $no, string $msg) use (&$warnings): bool {
        $warnings[] = $msg;
        return true;
    });
    $ftp = ftp_connect('11.0.0.1', $port, 3);
    $ok = $ftp && ftp_login($ftp, 'u', 'p') && ftp_pasv($ftp, $pasv)
        && ftp_fget($ftp, fopen('php://memory', 'w+'), 'file', FTP_BINARY);
    if ($ftp) {
        ftp_close($ftp);
    }
    restore_error_handler();
    $all = implode(' | ', $warnings);
    return var_export($ok, true) . "\n  warnings: $all\n  refused, naming private address 10.0.0.5: "
        . (str_contains($all, 'private address 10.0.0.5') ? 'yes' : 'no')
        . "\n  refused, naming listening sockets: "
        . (str_contains($all, 'listening sockets are not allowed') ? 'yes' : 'no');
}
$mark = aes_log_mark();
echo 'passive, PASV -> 10.0.0.5:80: ', fetch(21, true), "\n";
echo aes_connections($mark);
$mark = aes_log_mark();
echo 'active (PORT): ', fetch(2121, false), "\n";
echo aes_connections($mark);
?>
--EXPECTF--
passive, PASV -> 10.0.0.5:80: false
  warnings: %s
  refused, naming private address 10.0.0.5: yes
  refused, naming listening sockets: no
catcher: ftp 11.0.0.1 21 11.0.0.1
active (PORT): false
  warnings: %s
  refused, naming private address 10.0.0.5: no
  refused, naming listening sockets: yes
catcher: ftp 11.0.0.1 2121 11.0.0.1
