<?php
// Code with internal calls, for bench/opcodes.sh: its compiled and optimized opcodes must
// be the same with the extension loaded as without it.
function internal_calls(array $a, string $s): string
{
    // Calls to internal functions known at compile time: DO_ICALL (8.4: frameless calls for
    // in_array, str_contains, implode, dirname, str_replace, strtr...).
    $n = count($a) + strlen($s);
    sort($a);
    $t = implode(',', $a) . str_replace('a', 'b', $s) . strtr($s, 'a', 'c');
    $u = in_array(2, $a, true) && str_contains($s, 'a') ? dirname($s) : basename($s);
    $h = md5($t) . sprintf('%05d', $n) . substr($u, 0, 2) . strtoupper($u);
    // A user function unknown at compile time, and an internal one called by name.
    $f = 'strrev';
    $g = $GLOBALS['callback'] ?? 'user_function';
    return $h . $f($s) . $g($s) . array_sum(array_map('intval', $a));
}

function user_function(string $s): string
{
    return ucfirst($s);
}

// A constant in stock PHP: OPcache evaluates the internal calls at compile time.
const FOLDED = 'folded';
$folded = strtolower("ABC") . str_repeat("-", 3) . dirname("/a/b/c");
echo $folded, "\n", internal_calls([3, 1, 2], 'a/b/abc'), "\n";
