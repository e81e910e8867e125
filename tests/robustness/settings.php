<?php
/*
 * tests/robustness/settings.php: the policy in force is the one this start-up's
 * php.ini asks for. Run in the embed test after a start-up with different
 * settings: appengine_sockets.deny is either empty or "11.0.0.1", and the
 * decisions must follow it. "ok ..."/"FAIL ...", then "done".
 */
error_reporting(E_ALL);
set_error_handler(fn () => false);
ini_set('display_errors', '0');
function check(bool $ok, string $what): void
{
    echo $ok ? 'ok   ' : 'FAIL ', $what, "\n";
}

$deny = (string) ini_get('appengine_sockets.deny');
echo "appengine_sockets.deny in this start-up: \"$deny\"\n";
$c = appengine_sockets_check('11.0.0.1', 80);
if ($deny === '11.0.0.1') {
    check($c['allowed'] === false && $c['rule'] === 'operator-deny', "11.0.0.1:80 refused by operator-deny (got {$c['rule']}: {$c['reason']})");
} else {
    check($c['allowed'] === true && $c['rule'] === 'public', "11.0.0.1:80 allowed as public (got {$c['rule']}: {$c['reason']})");
}
// An unrelated allowed destination stays allowed either way (UDP: no connection).
socket_clear_error();
$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
if ($u === false) {
    check(false, 'socket_create(AF_INET, SOCK_DGRAM) works (refused: ' . socket_strerror(socket_last_error()) . ', ' . (error_get_last()['message'] ?? '') . ')');
} else {
    $n = socket_sendto($u, "settings\n", 9, 0, '11.0.0.2', 9999);
    check($n === 9, 'socket_sendto(11.0.0.2:9999) allowed (got ' . var_export($n, true) . ($n === false ? ', ' . socket_strerror(socket_last_error($u)) : '') . ')');
}
ob_start();
(new ReflectionExtension('appengine_sockets'))->info();
$info = strip_tags((string) ob_get_clean());
preg_match('/Operator deny list\s*(?:=>)?\s*([^\n]*)/', $info, $m);
$shown = trim($m[1] ?? '?');
check($shown === ($deny === '' ? '(none)' : '11.0.0.1/32'), "phpinfo's operator deny list matches the setting (shows \"$shown\")");
echo "done\n";
