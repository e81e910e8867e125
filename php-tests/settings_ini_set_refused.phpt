--TEST--
ini_set()/ini_alter()/ini_restore() in app code cannot change any appengine_sockets setting (all PHP_INI_SYSTEM)
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--INI--
appengine_sockets.allow=10.0.0.5/32
appengine_sockets.deny=8.8.8.8/32
appengine_sockets.app_id=ini-app
--FILE--
<?php
require __DIR__ . '/include/settings.inc';
$attempts = [
    'appengine_sockets.allow' => '0.0.0.0/0',
    'appengine_sockets.deny' => '',
    'appengine_sockets.report_only' => '1',
    'appengine_sockets.log' => '/tmp/aes-settings-ini-set.log',
    'appengine_sockets.google_ranges_file' => __DIR__ . '/fixtures/settings/goog.json',
    'appengine_sockets.google_cloud_ranges_file' => __DIR__ . '/fixtures/settings/cloud.json',
    'appengine_sockets.app_id' => 'other-app',
];
$all = ini_get_all('appengine_sockets');
foreach ($attempts as $name => $value) {
    $before = ini_get($name);
    $set = ini_set($name, $value);
    $alter = ini_alter($name, $value);
    ini_restore($name);
    $access = $all[$name]['access'] ?? -1;
    printf("%s: access %s, ini_set %s, ini_alter %s, value %s\n", $name,
        $access === INI_SYSTEM ? 'INI_SYSTEM' : ($access === (INI_SYSTEM | INI_PERDIR) ? 'INI_SYSTEM|INI_PERDIR' : $access),
        var_export($set, true), var_export($alter, true),
        ini_get($name) === $before ? 'unchanged (' . var_export($before, true) . ')' : 'CHANGED to ' . var_export(ini_get($name), true));
}
// The policy in force is still the one from start-up.
foreach (['192.168.7.7:80', '10.0.0.5:80', 'udp://8.8.8.8:53', '11.0.0.1:80'] as $target) {
    $r = appengine_sockets_check($target);
    echo "check($target): ", var_export($r['allowed'], true), " {$r['rule']}\n";
}
settings_print_rows(settings_my_info(), ['App Engine socket rules', 'App id', 'Report only', 'Decision log', 'Operator allow list', 'Operator deny list']);
var_dump(file_exists('/tmp/aes-settings-ini-set.log'));
?>
--EXPECT--
appengine_sockets.allow: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('10.0.0.5/32')
appengine_sockets.deny: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('8.8.8.8/32')
appengine_sockets.report_only: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('0')
appengine_sockets.log: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('')
appengine_sockets.google_ranges_file: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('')
appengine_sockets.google_cloud_ranges_file: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('')
appengine_sockets.app_id: access INI_SYSTEM, ini_set false, ini_alter false, value unchanged ('ini-app')
check(192.168.7.7:80): false special-purpose
check(10.0.0.5:80): true operator-allow
check(udp://8.8.8.8:53): false operator-deny
check(11.0.0.1:80): true public
App Engine socket rules => enforced
App id => ini-app
Report only => off
Decision log => off
Operator allow list => 10.0.0.5/32
Operator deny list => 8.8.8.8/32
bool(false)
