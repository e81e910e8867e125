--TEST--
stream_socket_client(): not-quite-whitelisted Gmail destinations are refused
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
// Wrong port for the name; another name for 8.8.4.4; the address itself; a
// gmail-looking name behind a private address.
foreach (['smtp.gmail.com:993', 'pop.gmail.com:587', 'evil-gmail.test:587', '8.8.4.4:587', 'gmail-private.test:587'] as $name) {
    $f = stream_socket_client("tcp://$name", $errno, $errstr, 2);
    aes_result($f, $errno, $errstr);
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://smtp.gmail.com:993 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://pop.gmail.com:587 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://evil-gmail.test:587 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://8.8.4.4:587 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
false, errno 13, errstr "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://gmail-private.test:587 (private address 10.0.0.5) in %s on line %d
false, errno 13, errstr "private address 10.0.0.5"
catcher: nothing
