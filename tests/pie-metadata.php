<?php
// usage: php tests/pie-metadata.php composer.json
//
// Checks composer.json's PIE metadata against what PIE's documentation for extension
// maintainers asks (docs/extension-maintainers.md of php/pie), for the parts a Composer
// without the php-ext schema cannot check: the type, the extension name (PIE's
// ExtensionName regex, no "ext-" prefix) and that it is the module's name, the flags'
// types, os-families values, download-url-method values, configure-options entries, the
// build path holding config.m4, and the PHP range naming the matrix's PHPs.
// Prints one line per finding and exits 1 if there is any.
$file = $argv[1] ?? 'composer.json';
$root = dirname(realpath($file));
$j = json_decode((string) file_get_contents($file), true, 64, JSON_THROW_ON_ERROR);
$e = [];
$ext = $j['php-ext'] ?? null;
if (($j['type'] ?? '') !== 'php-ext') $e[] = 'type must be php-ext (a PHP module)';
if (!is_array($ext)) $e[] = 'no php-ext section';
$ext = (array) $ext;
$name = $ext['extension-name'] ?? '';
if (!preg_match('/^[A-Za-z][a-zA-Z0-9_]+$/', $name) || str_starts_with($name, 'ext-')) {
    $e[] = "extension-name \"$name\" is not a valid PHP extension name";
}
if ($name !== 'appengine_sockets') $e[] = "extension-name \"$name\" is not the module's name (appengine_sockets)";
foreach (['support-zts', 'support-nts'] as $k) {
    if (!is_bool($ext[$k] ?? null)) $e[] = "$k must be a boolean";
}
$families = ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'];
if (!is_array($ext['os-families'] ?? null) || $ext['os-families'] === [] || array_diff($ext['os-families'], $families)) {
    $e[] = 'os-families must be a non-empty list of ' . implode(', ', $families);
}
$methods = ['composer-default', 'pre-packaged-source', 'pre-packaged-binary'];
$m = $ext['download-url-method'] ?? ['composer-default'];
if (!is_array($m) || array_diff($m, $methods)) $e[] = 'download-url-method values: ' . implode(', ', $methods);
foreach ((array) ($ext['configure-options'] ?? []) as $i => $o) {
    if (!is_string($o['name'] ?? null) || !preg_match('/^[a-z][a-z0-9-]+$/', $o['name'])) $e[] = "configure-options[$i]: bad name";
    if (isset($o['needs-value']) && !is_bool($o['needs-value'])) $e[] = "configure-options[$i]: needs-value must be a boolean";
}
$build = $ext['build-path'] ?? '.';
if (!is_file("$root/$build/config.m4")) $e[] = "build-path \"$build\" has no config.m4";
$php = $j['require']['php'] ?? '';
foreach (['8.2', '8.4', '8.5'] as $v) {
    if (!str_contains($php, "~$v.0")) $e[] = "require.php \"$php\" does not name PHP $v";
}
foreach ($e as $line) echo "pie-metadata: $line\n";
echo $e ? "pie-metadata: " . count($e) . " finding(s)\n" : "pie-metadata: php-ext section as PIE documents it\n";
exit($e ? 1 : 0);
