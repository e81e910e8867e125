--TEST--
socket_connect(): the Gmail names are whitelisted on their ports only; the same address under another name is not
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/socket_netns.inc';
// In tests/netns/hosts, smtp/imap.gmail.com and evil-gmail.test are 8.8.4.4 (a Google address).
$mark = socket_test_mark();
socket_test_connect(AF_INET, 'smtp.gmail.com', 465);
socket_test_connect(AF_INET, 'imap.gmail.com', 993);
socket_test_connect(AF_INET, 'smtp.gmail.com', 993);
socket_test_connect(AF_INET, 'evil-gmail.test', 465);
socket_test_connect(AF_INET, '8.8.4.4', 465);
echo socket_test_catcher($mark);
?>
--EXPECTF--
smtp.gmail.com:465: true, 'HELLO 8.8.4.4 465', socket error 0, last error 0
imap.gmail.com:993: true, 'HELLO 8.8.4.4 993', socket error 0, last error 0

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
smtp.gmail.com:993: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
evil-gmail.test:465: false, socket error 13, last error 13

Warning: socket_connect(): unable to connect [13]: Permission denied (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
8.8.4.4:465: false, socket error 13, last error 13
catcher: tcp 8.8.4.4 465 8.8.4.4
catcher: tcp 8.8.4.4 993 8.8.4.4
