--TEST--
corpus: socket_sendto() on an AF_INET socket over every target of fixtures/corpus/targets.txt
--SKIPIF--
<?php require __DIR__ . '/include/socket_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus.inc';
corpus_run('socket_sendto4');
?>
--EXPECTF--
socket_sendto4: %d targets, %d allowed, %d refused, %d PHP errors, 0 unexpected
catcher: exactly the %d allowed attempts, nothing else
