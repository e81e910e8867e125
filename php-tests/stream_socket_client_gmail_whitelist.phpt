--TEST--
stream_socket_client(): the Gmail names are whitelisted on their own ports only
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['smtp.gmail.com:465', 'smtp.gmail.com:587', 'pop.gmail.com:995', 'imap.gmail.com:993'] as $name) {
    $f = stream_socket_client("tcp://$name", $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
stream: HELLO 8.8.4.4 465, errno 0, errstr ""
stream: HELLO 8.8.4.4 587, errno 0, errstr ""
stream: HELLO 8.8.4.4 995, errno 0, errstr ""
stream: HELLO 8.8.4.4 993, errno 0, errstr ""
catcher: tcp 8.8.4.4 465 8.8.4.4
catcher: tcp 8.8.4.4 587 8.8.4.4
catcher: tcp 8.8.4.4 993 8.8.4.4
catcher: tcp 8.8.4.4 995 8.8.4.4
