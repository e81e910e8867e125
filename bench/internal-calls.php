<?php
// The internal-call microbenchmark of bench/zero-cost.sh: ten internal calls per iteration
// (string, array, hash, sprintf), none of which opens a socket.
// usage: php bench/internal-calls.php N
$n = (int) ($argv[1] ?? 100000);
$a = [5, 3, 9, 1, 7];
$s = 'Hello, World';
$acc = 0;
for ($i = 0; $i < $n; $i++) {
    $u = strtoupper($s);
    $r = str_replace('o', '0', $u);
    $p = substr($r, 2, 5);
    $x = explode(',', $s);
    $k = array_keys($a);
    $m = max($a);
    $f = in_array($i & 7, $a, true);
    $h = crc32($p);
    $d = md5($s);
    $t = sprintf('%d-%s', $i, $p);
    $acc += $h + $m + count($x) + count($k) + ($f ? 1 : 0) + strlen($t) + strlen($d);
}
echo $acc, "\n";
