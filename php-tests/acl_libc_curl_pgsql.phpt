--TEST--
appengine_sockets.acl beneath C libraries (libcurl, libpq): a connect is judged for every name whose lookup in the request produced its address, refused if the ACL refuses any of them (two names sharing an address, one allowed, one denied, in either order, and fetched at once by curl_multi); an address no lookup produced (a literal, CURLOPT_RESOLVE) matches no name
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('curl')) die('skip curl not loaded');
if (!extension_loaded('pgsql')) die('skip pgsql not loaded'); ?>
--INI--
appengine_sockets.log={TMP}/aes-acl-libc.log
appengine_sockets.acl={PWD}/fixtures/acl/apps.yaml
appengine_sockets.app_id=billing
appengine_sockets.allow=11.0.0.2/32:8080
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * A connect does not say which name it is for: it is judged for every name whose lookup
 * in this request produced its address, and refused if the ACL refuses any of them. So
 * literals come first here, before any lookup produced their addresses, and names sharing
 * an address (11.0.0.2: cnamepublic.test, dnspublic.test, public2.test; 11.0.0.3:
 * other.test, tls.test) are fetched allowed one first. The operator
 * allow entry is the catcher's sentinel (a literal the test process connects to).
 */
libc_decisions_reset();
$pg = svc_postgres();
$opts = ' port=5432 user=postgres dbname=postgres connect_timeout=3';
$query = fn(string $conninfo) => function () use ($conninfo) {
    $c = pg_connect($conninfo);
    return $c === false ? false : pg_fetch_row(pg_query($c, 'select host(inet_server_addr())'))[0];
};
$go = fn(string $url, array $opts = []) => fn() => libc_curl($url, $opts);
libc_step('pg_connect 11.0.0.1 (a literal)', $query("host=11.0.0.1$opts"));
libc_step('http 11.0.0.2 (a literal)', $go('http://11.0.0.2:8081/c'));
libc_step('http [2400:cb00::10] (a literal)', $go('http://[2400:cb00::10]:8081/c6'));
libc_step('CURLOPT_RESOLVE public.test -> 11.0.0.2 (no lookup)', $go('http://public.test:8081/f', [CURLOPT_RESOLVE => ['public.test:8081:11.0.0.2']]));
libc_step('pg_connect public.test', $query("host=public.test$opts"));
libc_step('pg_connect v6.test', $query("host=v6.test$opts"));
libc_step('http public.test (allowed_domains)', $go('http://public.test:8081/a'));
libc_step('http cnamepublic.test (CNAME to dnspublic.test: the name looked up decides)', $go('http://cnamepublic.test:8081/d'));
libc_step('http dnspublic.test (same address as cnamepublic.test, not allowed)', $go('http://dnspublic.test:8081/e'));
libc_step('http public2.test:8081 (allowed on 8080 only: global deny list)', $go('http://public2.test:8081/b'));
libc_step('http other.test (global allow list)', $go('http://other.test:8081/g'));
// tls.test (global deny list) has other.test's address: the allowed name looked up first
// does not open it.
libc_step('http tls.test (global deny list; other.test, allowed, has its address)', $go('http://tls.test:8081/h'));
// Nor does looking the allowed name up again after it: the address is tls.test's too.
libc_step('http other.test again (tls.test, refused, produced its address in this request)', $go('http://other.test:8081/i'));
libc_step('curl_multi tls.test and other.test at once', function () {
    $mh = curl_multi_init();
    $hs = [];
    foreach (['tls.test', 'other.test'] as $host) {
        $hs[$host] = curl_init("http://$host:8081/m-$host");
        curl_setopt_array($hs[$host], [CURLOPT_RETURNTRANSFER => true, CURLOPT_CONNECTTIMEOUT => 3, CURLOPT_TIMEOUT => 5]);
        curl_multi_add_handle($mh, $hs[$host]);
    }
    // Both refusals say the same (the address is tls.test's): said once if libcurl tried
    // both connects within one curl_multi_exec() call, once per call otherwise, which is
    // timing. So the step shows each distinct warning once.
    $said = [];
    set_error_handler(function (int $no, string $msg) use (&$said): bool {
        $said[$msg] = true;
        return true;
    });
    do {
        $status = curl_multi_exec($mh, $running);
        if ($running) {
            curl_multi_select($mh, 1.0);
        }
    } while ($running && $status === CURLM_OK);
    restore_error_handler();
    foreach (array_keys($said) as $msg) {
        trigger_error($msg, E_USER_WARNING);
    }
    $out = [];
    while ($info = curl_multi_info_read($mh)) {
        $host = array_search($info['handle'], $hs, true);
        $out[$host] = [$info['result'], curl_getinfo($info['handle'], CURLINFO_OS_ERRNO), curl_multi_getcontent($info['handle'])];
    }
    ksort($out);
    return $out;
});
libc_step('http mixed.test (allowed name, a private address among its two)', $go('http://mixed.test:8081/j'));
gethostbyname('reset.control');
libc_step('http rebind.test (first answer public)', $go('http://rebind.test:8081/k'));
libc_step('http rebind.test (then private)', $go('http://rebind.test:8081/l'));

$log = array_map(fn($l) => json_decode($l, true), file(ini_get('appengine_sockets.log'), FILE_IGNORE_NEW_LINES));
foreach (array_filter($log, fn($r) => ($r['rule'] ?? '') === 'acl') as $r) {
    echo "logged acl refusal: {$r['function']} {$r['address']} {$r['port']}: app {$r['app']}, app_id {$r['app_id']}, project {$r['project']}, acl {$r['acl']}, enforce_would_deny ",
        var_export($r['enforce_would_deny'], true), ", verdict {$r['verdict']}\n";
}
?>
--EXPECTF--
pg_connect 11.0.0.1 (a literal): false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "11.0.0.1", port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to 11.0.0.1:5432 refused (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl pg_connect 11.0.0.1 5432
http 11.0.0.2 (a literal): [false,7,"Failed to connect to 11.0.0.2%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 11.0.0.2:8081 refused (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl curl_exec 11.0.0.2 8081
http [2400:cb00::10] (a literal): [false,7,"Failed to connect to 2400:cb00::10%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to [2400:cb00::10]:8081 refused (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl curl_exec 2400:cb00::10 8081
CURLOPT_RESOLVE public.test -> 11.0.0.2 (no lookup): [false,7,"Failed to connect to public.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 11.0.0.2:8081 refused (acl: app billing, an address literal matches no name (action enforce))
  reached: nothing
  logged: deny acl curl_exec 11.0.0.2 8081
pg_connect public.test: "11.0.0.1"
  reached: nothing
pg_connect v6.test: false
  warning: pg_connect(): Unable to connect to PostgreSQL server: connection to server at "v6.test" (2400:cb00::10), port 5432 failed: Permission denied / Is the server running on that host and accepting TCP/IP connections?
  warning: pg_connect(): connection to v6.test:5432 refused (acl: app billing, not in allowed_domains (action enforce))
  reached: nothing
  logged: deny acl pg_connect 2400:cb00::10 5432
http public.test (allowed_domains): ["HTTP 11.0.0.1 8081 GET /a",0,"",0]
  reached: http 11.0.0.1 8081
http cnamepublic.test (CNAME to dnspublic.test: the name looked up decides): ["HTTP 11.0.0.2 8081 GET /d",0,"",0]
  reached: http 11.0.0.2 8081
http dnspublic.test (same address as cnamepublic.test, not allowed): [false,7,"Failed to connect to dnspublic.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to dnspublic.test:8081 refused (acl: app billing, not in allowed_domains (action enforce) for dnspublic.test)
  reached: nothing
  logged: deny acl curl_exec 11.0.0.2 8081
http public2.test:8081 (allowed on 8080 only: global deny list): [false,7,"Failed to connect to public2.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to public2.test:8081 refused (acl: app billing, global deny list for public2.test)
  reached: nothing
  logged: deny acl curl_exec 11.0.0.2 8081
http other.test (global allow list): ["HTTP 11.0.0.3 8081 GET /g",0,"",0]
  reached: http 11.0.0.3 8081
http tls.test (global deny list; other.test, allowed, has its address): [false,7,"Failed to connect to tls.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to tls.test:8081 refused (acl: app billing, global deny list for tls.test)
  reached: nothing
  logged: deny acl curl_exec 11.0.0.3 8081
http other.test again (tls.test, refused, produced its address in this request): [false,7,"Failed to connect to other.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to tls.test:8081 refused (acl: app billing, global deny list for tls.test)
  reached: nothing
  logged: deny acl curl_exec 11.0.0.3 8081
curl_multi tls.test and other.test at once: {"other.test":[7,13,""],"tls.test":[7,13,""]}
  warning: curl_multi_exec(): connection to tls.test:8081 refused (acl: app billing, global deny list for tls.test)
  reached: nothing
  logged: deny acl curl_multi_exec 11.0.0.3 8081 (x2)
http mixed.test (allowed name, a private address among its two): [false,7,"Failed to connect to mixed.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to mixed.test:8081 refused (private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 11.0.0.1 8081
  logged: deny special-purpose curl_exec 10.0.0.5 8081
http rebind.test (first answer public): ["HTTP 11.0.0.1 8081 GET /k",0,"",0]
  reached: http 11.0.0.1 8081
http rebind.test (then private): [false,7,"Failed to connect to rebind.test%r( port 8081 after N ms: (Couldn't|Could not)|:8081 after N ms: Could not)%r connect to server",13]
  warning: curl_exec(): connection to 10.0.0.5:8081 refused (private address 10.0.0.5)
  reached: nothing
  logged: deny special-purpose curl_exec 10.0.0.5 8081
logged acl refusal: pg_connect 11.0.0.1 5432: app billing, app_id billing, project payments, acl literal-enforce, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.2 8081: app billing, app_id billing, project payments, acl literal-enforce, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 2400:cb00::10 8081: app billing, app_id billing, project payments, acl literal-enforce, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.2 8081: app billing, app_id billing, project payments, acl literal-enforce, enforce_would_deny true, verdict deny
logged acl refusal: pg_connect 2400:cb00::10 5432: app billing, app_id billing, project payments, acl action-enforce, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.2 8081: app billing, app_id billing, project payments, acl action-enforce, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.2 8081: app billing, app_id billing, project payments, acl global_deny_list, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.3 8081: app billing, app_id billing, project payments, acl global_deny_list, enforce_would_deny true, verdict deny
logged acl refusal: curl_exec 11.0.0.3 8081: app billing, app_id billing, project payments, acl global_deny_list, enforce_would_deny true, verdict deny
logged acl refusal: curl_multi_exec 11.0.0.3 8081: app billing, app_id billing, project payments, acl global_deny_list, enforce_would_deny true, verdict deny
logged acl refusal: curl_multi_exec 11.0.0.3 8081: app billing, app_id billing, project payments, acl global_deny_list, enforce_would_deny true, verdict deny
