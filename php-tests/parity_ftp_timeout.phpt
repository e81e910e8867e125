--TEST--
Parity: ftp_connect()/ftp_ssl_connect() throw stock's ValueError for a timeout of 0 or less, before any lookup or decision
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; if (!extension_loaded('ftp')) die('skip ext/ftp not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/parity.inc';
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
$dns = (string) getenv('AES_NETNS_DNS_LOG');
$before = is_file($dns) ? filesize($dns) : 0;
parity_run(__DIR__ . '/fixtures/parity/ftp_timeout.php');
clearstatcache();
$asked = is_file($dns) ? (string) file_get_contents($dns, false, null, $before) : '';
echo 'DNS questions for totes.invalid: ', substr_count($asked, 'totes.invalid'), "\n";
echo settings_catcher($mark);
?>
--EXPECT--
ftp_ssl_connect(totes.invalid, 21, 0): ValueError: ftp_ssl_connect(): Argument #3 ($timeout) must be greater than 0
ftp_connect(10.0.0.1, 21, 0): ValueError: ftp_connect(): Argument #3 ($timeout) must be greater than 0
ftp_connect(private.test, 21, -5): ValueError: ftp_connect(): Argument #3 ($timeout) must be greater than 0
ftp_ssl_connect(10.0.0.5, "21", "0"): ValueError: ftp_ssl_connect(): Argument #3 ($timeout) must be greater than 0
ftp_connect([], 21, 0): TypeError: ftp_connect(): Argument #1 ($hostname) must be of type string, array given
stock PHP: the same output
DNS questions for totes.invalid: 0
catcher: nothing
