#!/usr/bin/env bash
# usage: bench/opcodes.sh
#
# Compares the opcodes PHP compiles for bench/opcodes.php (internal calls: DO_ICALL,
# OPcache's folding of internal calls with literal arguments, 8.4's frameless calls) with
# and without the extension: OPcache's dumps (opcache.opt_debug_level) before the
# optimizer (0x10000: what the compiler emitted) and after it (0x20000), on a PHP with
# OPcache on and with the tracing JIT. Prints one line per dump and exits non-zero if any
# differs (the diff is shown). The PHP and extension: PHP_CONFIG (scripts/php-env.sh) and
# AES_EXT (default target/release/libappengine_sockets.so).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "bench/opcodes.sh: $AES_EXT not found" >&2; exit 1; }
SCRIPT="$ROOT/bench/opcodes.php"
OPCACHE=$("$PHP_BIN" -n -r 'echo ini_get("extension_dir");')/opcache.so
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The dump goes to stderr; the script's output to stdout, and both must match.
dump() { # level jit with-extension
    local args=(-n -d "zend_extension=$OPCACHE" -d opcache.enable_cli=1 -d opcache.opt_debug_level="$1"
        -d opcache.file_cache= -d opcache.jit_buffer_size=16M -d opcache.jit="$2")
    [[ $3 == 1 ]] && args+=(-d "extension=$AES_EXT")
    "$PHP_BIN" "${args[@]}" "$SCRIPT" 2>&1
}

failed=0 checked=0
for jit in disable tracing; do
    for level in 0x10000 0x20000; do
        dump "$level" "$jit" 0 >"$TMP/stock"
        dump "$level" "$jit" 1 >"$TMP/ext"
        checked=$((checked + 1))
        icalls=$(grep -cE 'DO_ICALL|FRAMELESS_ICALL' "$TMP/stock" || true)
        if ! grep -q 'abc---/a/b' "$TMP/stock"; then
            echo "$PHP_LABEL jit=$jit opt_debug_level=$level: the script did not run" >&2
            cat "$TMP/stock" >&2
            failed=$((failed + 1))
        elif cmp -s "$TMP/stock" "$TMP/ext"; then
            echo "$PHP_LABEL jit=$jit opt_debug_level=$level: identical ($(wc -l <"$TMP/stock") lines, $icalls DO_ICALL/FRAMELESS_ICALL)"
        else
            echo "$PHP_LABEL jit=$jit opt_debug_level=$level: DIFFERENT"
            diff -u "$TMP/stock" "$TMP/ext" | head -40 || true
            failed=$((failed + 1))
        fi
    done
done
# Folding: stock PHP's optimized dump holds the folded constant.
if grep -q '"abc---/a/b"' <(dump 0x20000 disable 1); then
    echo "$PHP_LABEL: strtolower(\"ABC\") . str_repeat(\"-\", 3) . dirname(\"/a/b/c\") folded to \"abc---/a/b\" with the extension"
else
    echo "$PHP_LABEL: the internal calls with literal arguments were NOT folded with the extension"
    failed=$((failed + 1))
fi
echo "$((checked + 1 - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
