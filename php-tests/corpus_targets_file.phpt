--TEST--
corpus: fixtures/corpus/targets.txt parses, has at least 80 targets, and covers every kind of hostile spelling
--FILE--
<?php
require __DIR__ . '/include/corpus.inc';
$targets = corpus_load(); // throws on a malformed line, an unknown verdict/rule/entry point
echo 'at least 80 targets: ', count($targets) >= 80 ? 'yes' : 'NO (' . count($targets) . ')', "\n";
$rules = [];
foreach ($targets as $t) {
    $rules[$t['default'][0] . ' ' . $t['default'][1]] = true;
}
ksort($rules);
echo 'default outcomes: ', implode(', ', array_keys($rules)), "\n";
$kinds = [
    'inet_aton short form (127.1, 10.5)' => '/^\d+\.\d+(\.\d+)?$/',
    'hex parts (0x7f.1)' => '/^0x[0-9a-f]+\./i',
    'octal parts (0177.0.0.1)' => '/^0\d+\./',
    'one 32-bit number (2130706433, 0x7f000001, 017700000001)' => '/^(\d{6,}|0x[0-9a-f]{6,})$/i',
    'IPv4-mapped IPv6' => '/^\[(0:){5}ffff:|^\[::ffff:/i',
    'IPv4-compatible IPv6' => '/^\[::\d+\.\d+\.\d+\.\d+\]$/',
    'NAT64 64:ff9b::/96 and 64:ff9b:1::/48' => '/^\[64:ff9b:/',
    '6to4' => '/^\[2002:/',
    'Teredo' => '/^\[2001:0?:/',
    'zone index ([fe80::1%lo])' => '/%/',
    'brackets around IPv4' => '/^\[\d+\.\d/',
    'userinfo (@)' => '/@/',
    'fragment (#)' => '/#/',
    'port 25 spelled otherwise (65561, -65511, 25abc)' => '/:(65561|-65511|25abc)$/',
    'NUL byte' => '/\x00/',
    'whitespace' => '/\s/',
    'trailing dot' => '/\.$/',
    'upper case name' => '/[A-Z]{2,}\.[A-Z]/',
    'non-ASCII (IDN) name' => '/[\x80-\xff]/',
    'punycode name' => '/xn--/',
    'name over 255 bytes' => '/^.{256,}$/',
    'DNS rebinding name' => '/^rebind\d*\.test$/',
    'CNAME chain' => '/^cname/',
    'mixed answers' => '/^(mixed|dual)/',
];
foreach ($kinds as $kind => $re) {
    $n = count(array_filter($targets, fn($t) => preg_match($re, $t['target'])));
    echo "$kind: ", $n > 0 ? 'yes' : 'MISSING', "\n";
}
?>
--EXPECT--
at least 80 targets: yes
default outcomes: allow public, error resolution, refuse google, refuse malformed, refuse port-25, refuse special-purpose
inet_aton short form (127.1, 10.5): yes
hex parts (0x7f.1): yes
octal parts (0177.0.0.1): yes
one 32-bit number (2130706433, 0x7f000001, 017700000001): yes
IPv4-mapped IPv6: yes
IPv4-compatible IPv6: yes
NAT64 64:ff9b::/96 and 64:ff9b:1::/48: yes
6to4: yes
Teredo: yes
zone index ([fe80::1%lo]): yes
brackets around IPv4: yes
userinfo (@): yes
fragment (#): yes
port 25 spelled otherwise (65561, -65511, 25abc): yes
NUL byte: yes
whitespace: yes
trailing dot: yes
upper case name: yes
non-ASCII (IDN) name: yes
punycode name: yes
name over 255 bytes: yes
DNS rebinding name: yes
CNAME chain: yes
mixed answers: yes
