--TEST--
corpus: stream_socket_client("tcp://...", STREAM_CLIENT_ASYNC_CONNECT) over every target of fixtures/corpus/targets.txt
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus.inc';
corpus_run('tcp_async');
?>
--EXPECTF--
tcp_async: %d targets, %d allowed, %d refused, %d PHP errors, 0 unexpected
catcher: exactly the %d allowed attempts, nothing else
