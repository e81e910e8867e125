--TEST--
stream_socket_client(): Google's ranges are refused off the whitelist, over TCP and UDP
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/netns.inc';
$mark = aes_log_mark();
foreach (['tcp://8.8.8.8:80', 'udp://8.8.8.8:9999', 'tcp://8.8.4.4:443', 'tcp://[2001:4860:4860::8888]:80'] as $target) {
    $f = stream_socket_client($target, $errno, $errstr, 2);
    var_dump($f, $errno, $errstr);
    if ($f) {
        fwrite($f, 'leak');
    }
}
echo aes_connections($mark);
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://8.8.8.8:80 (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
bool(false)
int(13)
string(56) "Google address 8.8.8.8 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to udp://8.8.8.8:9999 (Google address 8.8.8.8 (Google APIs and services ranges)) in %s on line %d
bool(false)
int(13)
string(56) "Google address 8.8.8.8 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://8.8.4.4:443 (Google address 8.8.4.4 (Google APIs and services ranges)) in %s on line %d
bool(false)
int(13)
string(56) "Google address 8.8.4.4 (Google APIs and services ranges)"

Warning: stream_socket_client(): Unable to connect to tcp://[2001:4860:4860::8888]:80 (Google address 2001:4860:4860::8888 (Google APIs and services ranges)) in %s on line %d
bool(false)
int(13)
string(69) "Google address 2001:4860:4860::8888 (Google APIs and services ranges)"
catcher: nothing
