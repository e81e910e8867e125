--TEST--
appengine_sockets_nft(): no ruleset from a broken setting (Error), as no socket runs under it
--INI--
appengine_sockets.deny=not-an-address
--FILE--
<?php
try {
    echo appengine_sockets_nft('root');
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
%AError: appengine_sockets_nft(): the policy is not in force (appengine_sockets.deny: entry "not-an-address" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443))
