<?php
// tests/fpm/acl.sh: this worker's ACL rows of phpinfo(), "key=value" with spaces as _.
ob_start();
(new ReflectionExtension('appengine_sockets'))->info();
$html = (string) ob_get_clean();
// Under php-fpm the section is an HTML table; under the CLI, "key => value" lines.
preg_match_all('#<tr><td class="e">(ACL[^<]*?)\s*</td><td class="v">(.*?)\s*</td></tr>#', $html, $m, PREG_SET_ORDER);
if ($m === []) {
    preg_match_all('/^(ACL[^=]*?) => (.*)$/m', $html, $m, PREG_SET_ORDER);
}
foreach ($m as [, $k, $v]) {
    echo str_replace(' ', '_', $k), '=', str_replace(' ', '_', html_entity_decode(trim($v))), "\n";
}
echo 'pid=', getmypid(), "\n";
