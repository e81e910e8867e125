--TEST--
corpus: curl_exec("http://...") over every target of fixtures/corpus/targets.txt (judged beneath libcurl)
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus.inc';
corpus_run('curl');
?>
--EXPECTF--
curl: %d targets, %d allowed, %d refused, %d PHP errors, 0 unexpected
catcher: exactly the %d allowed attempts, nothing else
