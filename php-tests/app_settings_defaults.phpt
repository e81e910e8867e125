--TEST--
The app settings' defaults (billing on, mode auto, idle_timeout 120, no app id), and ini_set() cannot change them
--SKIPIF--
<?php require __DIR__ . '/include/app_skipif.inc'; ?>
--FILE--
<?php
foreach (['billing_enabled', 'mode', 'idle_timeout', 'app_id'] as $name) {
    $setting = "appengine_sockets.$name";
    echo $setting, ': ', var_export(ini_get($setting), true), ', ini_set: ',
        var_export(ini_set($setting, $name === 'billing_enabled' ? '0' : 'x'), true), ', after: ',
        var_export(ini_get($setting), true), "\n";
}
?>
--EXPECT--
appengine_sockets.billing_enabled: '1', ini_set: false, after: '1'
appengine_sockets.mode: 'auto', ini_set: false, after: 'auto'
appengine_sockets.idle_timeout: '120', ini_set: false, after: '120'
appengine_sockets.app_id: '', ini_set: false, after: ''
