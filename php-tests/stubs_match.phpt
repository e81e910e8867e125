--TEST--
stubs/appengine_sockets.stub.php and packaging/appengine_sockets.ini match the loaded extension (php --re)
--DESCRIPTION--
The stub must declare exactly the functions (parameters, types, defaults, return types),
constants and classes the extension registers, each function with a doc comment that has
an @param per parameter and an @return; its `@ini` lines must list exactly the ini entries
`php --re appengine_sockets` lists, with the same defaults and the same places they can be
set; its `@rule` lines and the @return array shape must list exactly the rule ids of
policy/src/rules.rs. packaging/appengine_sockets.ini must load the extension and set every
ini entry to its default. Every difference is printed, one per line.
--EXTENSIONS--
tokenizer
--SKIPIF--
<?php if (!extension_loaded('appengine_sockets')) die('skip appengine_sockets is not loaded'); ?>
--FILE--
<?php
const EXT = 'appengine_sockets';
$root = dirname(__DIR__);
$stubFile = "$root/stubs/" . EXT . '.stub.php';
$iniFile = "$root/packaging/" . EXT . '.ini';
$rulesFile = "$root/policy/src/rules.rs";
$problems = [];
$problem = function (string $msg) use (&$problems) { $problems[] = $msg; };

// ---------------------------------------------------------------------------------------
// What the extension registers.

$ext = new ReflectionExtension(EXT);

/** "TYPE [&][...]$name[ = DEFAULT]", the default as php --re prints it. */
function param_of(ReflectionParameter $p): string {
    $s = $p->hasType() ? $p->getType() . ' ' : '';
    $s .= ($p->isPassedByReference() ? '&' : '') . ($p->isVariadic() ? '...' : '') . '$' . $p->getName();
    if ($p->isOptional() && !$p->isVariadic()
        && preg_match('/\$' . preg_quote($p->getName(), '/') . ' = (.*) \]$/s', (string) $p, $m)) {
        $s .= ' = ' . $m[1];
    }
    return $s;
}
function signature_of(ReflectionFunctionAbstract $f): string {
    $params = array_map('param_of', $f->getParameters());
    $ret = $f->hasReturnType() ? ': ' . $f->getReturnType()
        : ($f->hasTentativeReturnType() ? ': ' . $f->getTentativeReturnType() : '');
    return $f->getName() . '(' . implode(', ', $params) . ')' . $ret;
}

$extFunctions = [];
foreach ($ext->getFunctions() as $f) {
    $extFunctions[strtolower($f->getName())] = signature_of($f);
}
$extConstants = $ext->getConstants();
$extClasses = [];
foreach ($ext->getClasses() as $c) {
    $methods = [];
    foreach ($c->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() === $c->getName()) {
            $methods[strtolower($m->getName())] = signature_of($m);
        }
    }
    ksort($methods);
    $extClasses[strtolower($c->getName())] = $methods;
}

// The ini entries as `php --re` lists them: name, where they can be set, and the value.
// For the defaults, a PHP started with no php.ini at all (-n) and only the extension, when
// scripts/test-php.sh says which file that is; otherwise this process's global values
// (run-tests.php starts it with -d extension=..., and test-php.sh keeps system inis that
// load the extension out).
$aesExt = getenv('AES_EXT');
$extIni = [];
if ($aesExt !== false && $aesExt !== '' && is_file($aesExt)) {
    $cmd = escapeshellarg(PHP_BINARY) . ' -n -d ' . escapeshellarg("extension=$aesExt")
        . ' --re ' . EXT . ' 2>&1';
    $re = (string) shell_exec($cmd);
    if (!preg_match_all("/Entry \\[ (\\S+) <([A-Z,]+)> \\]\\s+Current = '(.*)'\n/U", $re, $mm, PREG_SET_ORDER)) {
        $problem("php --re gave no ini entries: $cmd\n$re");
    }
    foreach ($mm as [, $name, $where, $value]) {
        $extIni[$name] = ['default' => $value, 'where' => explode(',', $where)];
    }
} else {
    $bits = [1 => 'USER', 2 => 'PERDIR', 4 => 'SYSTEM'];
    foreach (ini_get_all(EXT, true) as $name => $e) {
        $where = [];
        foreach ($bits as $bit => $w) {
            if ($e['access'] & $bit) $where[] = $w;
        }
        $extIni[$name] = ['default' => (string) $e['global_value'], 'where' => $where];
    }
}
foreach ($extIni as &$e) { sort($e['where']); }
unset($e);
ksort($extIni);
$names = array_keys($ext->getINIEntries());
sort($names);
if ($names !== array_keys($extIni)) {
    $problem('php --re and ReflectionExtension::getINIEntries() list different settings: ['
        . implode(', ', array_keys($extIni)) . '] / [' . implode(', ', $names) . ']');
}

// ---------------------------------------------------------------------------------------
// What the stub declares.

$src = @file_get_contents($stubFile);
if ($src === false) {
    echo "cannot read $stubFile\n";
    exit;
}
$tokens = array_values(array_filter(token_get_all($src), fn($t) => !is_array($t) || $t[0] !== T_WHITESPACE));
$text = fn($t) => is_array($t) ? $t[1] : $t;
$n = count($tokens);

/** Read "(params)[: type]" from $i (at '('), canonical like signature_of(). */
$readSignature = function (int &$i) use ($tokens, $text, $n): string {
    $params = [];
    $cur = '';
    $depth = 0;
    $i++; // past '('
    for (; $i < $n; $i++) {
        $t = $text($tokens[$i]);
        if ($t === '(' || $t === '[') $depth++;
        if (($t === ')' || $t === ']') && $depth > 0) { $depth--; $cur .= $t; continue; }
        if ($t === ')' && $depth === 0) break;
        if ($t === ',' && $depth === 0) { $params[] = $cur; $cur = ''; continue; }
        $cur .= $t;
    }
    if (trim($cur) !== '') $params[] = $cur;
    $i++; // past ')'
    $ret = '';
    if ($i < $n && $text($tokens[$i]) === ':') {
        for ($i++; $i < $n && !in_array($text($tokens[$i]), ['{', ';'], true); $i++) {
            $ret .= $text($tokens[$i]);
        }
        $ret = ': ' . $ret;
    }
    $norm = [];
    foreach ($params as $p) {
        // "?int$port=null" -> "?int $port = null"
        if (!preg_match('/^(.*?)(&?(?:\.\.\.)?\$\w+)(?:=(.*))?$/s', $p, $m)) {
            $norm[] = "<unreadable parameter $p>";
            continue;
        }
        $norm[] = ltrim($m[1] . ' ') . $m[2] . (isset($m[3]) ? ' = ' . $m[3] : '');
    }
    return '(' . trim(implode(', ', $norm)) . ')' . $ret;
};

$stubFunctions = $stubConstants = $stubClasses = [];
$fileDoc = null;
$lastDoc = null;
$depth = 0;
$class = null;
$classDepth = 0;
for ($i = 0; $i < $n; $i++) {
    $t = $tokens[$i];
    $id = is_array($t) ? $t[0] : null;
    if ($id === T_DOC_COMMENT) {
        $fileDoc ??= $t[1];
        $lastDoc = $t[1];
        continue;
    }
    // A doc comment belongs to the declaration right after it (modifiers aside).
    if (!in_array($id, [T_COMMENT, T_FUNCTION, T_PUBLIC, T_PROTECTED, T_PRIVATE, T_STATIC, T_FINAL, T_ABSTRACT, T_READONLY], true)) {
        $lastDoc = null;
    }
    if ($t === '{' || $id === T_CURLY_OPEN || $id === T_DOLLAR_OPEN_CURLY_BRACES) { $depth++; continue; }
    if ($t === '}') {
        $depth--;
        if ($class !== null && $depth === $classDepth) $class = null;
        continue;
    }
    if ($depth === 0 && in_array($id, [T_CLASS, T_INTERFACE, T_TRAIT, T_ENUM], true) && is_array($tokens[$i + 1] ?? null)) {
        $class = strtolower($tokens[$i + 1][1]);
        $stubClasses[$class] = [];
        $classDepth = 0;
        continue;
    }
    if ($id === T_FUNCTION && is_array($tokens[$i + 1] ?? null) && ($tokens[$i + 2] ?? null) === '(') {
        $name = $tokens[$i + 1][1];
        $doc = $lastDoc;
        $i += 2;
        $sig = $name . $readSignature($i);
        if ($depth === 0) {
            $stubFunctions[strtolower($name)] = ['sig' => $sig, 'doc' => $doc];
        } elseif ($class !== null && $depth === $classDepth + 1) {
            $stubClasses[$class][strtolower($name)] = $sig;
        }
        $lastDoc = null;
        $i--; // let the loop see '{' or ';'
        continue;
    }
    if ($depth === 0 && $id === T_CONST && is_array($tokens[$i + 1] ?? null)) {
        $stubConstants[] = $tokens[$i + 1][1];
        continue;
    }
    if ($depth === 0 && $id === T_STRING && strtolower($t[1]) === 'define' && is_array($tokens[$i + 2] ?? null)) {
        $stubConstants[] = trim($tokens[$i + 2][1], '\'"');
    }
}
foreach ($stubClasses as &$methods) { ksort($methods); }
unset($methods);

// ---------------------------------------------------------------------------------------
// Functions, constants, classes.

foreach ($extFunctions as $name => $sig) {
    if (!isset($stubFunctions[$name])) {
        $problem("function missing from the stub: $sig");
        continue;
    }
    $s = $stubFunctions[$name];
    if ($s['sig'] !== $sig) {
        $problem("function differs: extension $sig, stub {$s['sig']}");
    }
    $doc = (string) $s['doc'];
    if ($doc === '') {
        $problem("function $name has no doc comment in the stub");
        continue;
    }
    foreach ((new ReflectionFunction($name))->getParameters() as $p) {
        if (!preg_match('/@param\s+\S+\s+\$' . preg_quote($p->getName(), '/') . '\b/', $doc)) {
            $problem("function $name: doc comment has no @param for \${$p->getName()}");
        }
    }
    if (!preg_match('/@return\s+\S/', $doc)) {
        $problem("function $name: doc comment has no @return");
    }
}
foreach (array_diff_key($stubFunctions, $extFunctions) as $name => $s) {
    $problem("function in the stub but not in the extension: {$s['sig']}");
}

$c1 = array_keys($extConstants);
$c2 = $stubConstants;
sort($c1);
sort($c2);
if ($c1 !== $c2) {
    $problem('constants differ: extension [' . implode(', ', $c1) . '], stub [' . implode(', ', $c2) . ']');
}
ksort($extClasses);
ksort($stubClasses);
if ($extClasses !== $stubClasses) {
    $problem('classes differ: extension ' . json_encode($extClasses) . ', stub ' . json_encode($stubClasses));
}

// ---------------------------------------------------------------------------------------
// ini entries: the extension, the stub's @ini lines, packaging/appengine_sockets.ini.

$stubIni = [];
preg_match_all('/^\s*\*\s*@ini\s+(\S+)\s+"((?:[^"\\\\]|\\\\.)*)"\s+(\S+)\s*$/m', (string) $fileDoc, $mm, PREG_SET_ORDER);
foreach ($mm as [, $name, $default, $where]) {
    if (isset($stubIni[$name])) $problem("stub: @ini $name is listed twice");
    $w = array_map(fn($x) => preg_replace('/^PHP_INI_/', '', $x), explode('|', $where));
    sort($w);
    $stubIni[$name] = ['default' => stripcslashes($default), 'where' => $w];
}
if ($stubIni === []) {
    $problem('stub: the file doc block has no "@ini NAME "DEFAULT" WHERE" lines');
}
ksort($stubIni);
foreach ($extIni as $name => $e) {
    $where = 'PHP_INI_' . implode('|PHP_INI_', $e['where']);
    if (!isset($stubIni[$name])) {
        $problem("ini entry missing from the stub: @ini $name \"{$e['default']}\" $where");
    } elseif ($stubIni[$name] !== $e) {
        $s = $stubIni[$name];
        $problem("ini entry differs: extension $name \"{$e['default']}\" $where, stub \"{$s['default']}\" PHP_INI_"
            . implode('|PHP_INI_', $s['where']));
    }
}
foreach (array_diff_key($stubIni, $extIni) as $name => $s) {
    $problem("ini entry in the stub but not in the extension: $name");
}

$pkg = @parse_ini_file($iniFile, false, INI_SCANNER_RAW);
if ($pkg === false) {
    $problem("cannot parse $iniFile");
    $pkg = [];
}
if (($pkg['extension'] ?? null) !== EXT . '.so') {
    $problem('packaging ini: no extension=' . EXT . '.so line');
}
unset($pkg['extension']);
foreach ($extIni as $name => $e) {
    if (!array_key_exists($name, $pkg)) {
        $problem("packaging ini: $name is not listed (add it with its default, \"{$e['default']}\")");
    } elseif ((string) $pkg[$name] !== $e['default']) {
        $problem("packaging ini: $name = \"{$pkg[$name]}\", but its default is \"{$e['default']}\"");
    }
}
foreach (array_diff_key($pkg, $extIni) as $name => $v) {
    $problem("packaging ini: $name is not a setting of the extension");
}

// ---------------------------------------------------------------------------------------
// Rule ids: policy/src/rules.rs, the stub's @rule lines, the @return array shape.

$rs = @file_get_contents($rulesFile);
preg_match_all('/Rule::\w+\s*=>\s*"([a-z0-9-]+)"/', (string) $rs, $mm);
$rules = array_unique($mm[1]);
sort($rules);
if ($rules === []) {
    $problem("no `Rule::X => \"id\"` lines found in $rulesFile (moved? update this test)");
}
preg_match_all('/^\s*\*\s*@rule\s+([a-z0-9-]+)\s/m', (string) $fileDoc, $mm);
$stubRules = $mm[1];
sort($stubRules);
if ($stubRules !== $rules) {
    $problem('rule ids differ: policy/src/rules.rs [' . implode(', ', $rules) . '], stub @rule ['
        . implode(', ', $stubRules) . ']');
}
$checkDoc = (string) ($stubFunctions['appengine_sockets_check']['doc'] ?? '');
if (preg_match("/rule:\\s*((?:'[a-z0-9-]+'\\|?)+)/", $checkDoc, $m)) {
    $shape = explode('|', str_replace("'", '', $m[1]));
    sort($shape);
    if ($shape !== $rules) {
        $problem('rule ids differ: policy/src/rules.rs [' . implode(', ', $rules)
            . '], appengine_sockets_check() @return [' . implode(', ', $shape) . ']');
    }
} elseif (isset($extFunctions['appengine_sockets_check'])) {
    $problem("appengine_sockets_check(): @return has no rule: 'id'|'id'... union");
}

// ---------------------------------------------------------------------------------------

if ($problems === []) {
    printf("stub matches the extension: %d function(s), %d constant(s), %d class(es), %d ini entries, %d rule ids\n",
        count($extFunctions), count($extConstants), count($extClasses), count($extIni), count($rules));
    echo "packaging ini sets every ini entry to its default\n";
} else {
    echo implode("\n", $problems), "\n";
}
?>
--EXPECTF--
stub matches the extension: %d function(s), %d constant(s), %d class(es), %d ini entries, %d rule ids
packaging ini sets every ini entry to its default
