--TEST--
appengine_sockets_nft(): the policy in force as an nftables ruleset for a user or a cgroup; bad arguments are ValueErrors
--INI--
appengine_sockets.allow=10.2.0.0/16:6379
appengine_sockets.deny="11.0.0.0/24,[2400:cb00::/32]:80"
--FILE--
<?php
$t = appengine_sockets_nft('root');
preg_match('/comment "appengine_sockets uid 0 policy ([0-9a-f]{16})"/', $t, $m);
var_dump(count($m) === 2);
foreach (["table inet appengine_sockets_0\ndelete table inet appengine_sockets_0\n",
          "\t\t\t10.2.0.0/16 . 6379,\n", "\t\t\t11.0.0.0/24,\n", "\t\t\t2400:cb00::/32 . 80,\n",
          "\t\t\t::ffff:11.0.0.0/120,\n", "\t\t\t8.8.8.8 . 53,\n", "\t\t\t169.254.0.0/16,\n",
          "th dport 25 goto refuse\n", "meta l4proto tcp reject with tcp reset\n"] as $want) {
    if (!str_contains($t, $want)) echo "missing: ", json_encode($want), "\n";
}
// A uid: the same policy part, another selector.
$u = appengine_sockets_nft('1001', '/sys/fs/cgroup/system.slice/php-fpm.service/');
var_dump(str_contains($u, "meta skuid 1001 ct state new"));
var_dump(str_contains($u, "socket cgroupv2 level 2 \"system.slice/php-fpm.service\" ct state new"));
var_dump(str_contains($u, "policy $m[1]"));
var_dump(appengine_sockets_nft('root', null) === $t);
foreach ([['no-such-user-here', null], ['', null], ['4294967296', null], ["ro\0ot", null], ['root', '/'], ['root', 'a/../b'], ['root', 'a "b']] as [$user, $cg]) {
    try {
        appengine_sockets_nft($user, $cg);
        echo "no error\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try { appengine_sockets_nft(); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
ValueError: appengine_sockets_nft(): Argument #1 ($user) names no user of this system ("no-such-user-here"; give the numeric uid for a user that only exists elsewhere, as in a container)
ValueError: appengine_sockets_nft(): Argument #1 ($user) must be a user name or a uid
ValueError: appengine_sockets_nft(): Argument #1 ($user) uid 4294967296 is out of range
ValueError: appengine_sockets_nft(): Argument #1 ($user) must not contain NUL bytes
ValueError: appengine_sockets_nft(): Argument #2 ($cgroup) cgroup path "/" is the cgroup root: name the pool's own cgroup
ValueError: appengine_sockets_nft(): Argument #2 ($cgroup) cgroup path "a/../b" has an empty, "." or ".." component
ValueError: appengine_sockets_nft(): Argument #2 ($cgroup) cgroup path "a "b" holds a quote, a backslash, white space or a control character
appengine_sockets_nft() expects at least 1 argument, 0 given
