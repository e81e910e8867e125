#!/usr/bin/env bash
# usage: tests/memory/rss.sh [TOTAL [STEP]]
#
# Memory stays flat over many socket calls in one process: runs
# tests/memory/rss.php (TOTAL calls, default 100000, sampled every STEP, default
# 10000) with `php -n -d extension=sockets -d extension=$AES_EXT`, once as is and
# once with opcache's tracing JIT (the JIT compiles the calls, and frees their
# arguments by what it knows of them at compile time), inside the private network
# namespace of tests/netns/run.sh (the allowed traffic is UDP to 11.0.0.1:9999
# there; no TCP connection is made).
# Prints the VmRSS / memory_get_usage() tables and "N passed, M failed" (both runs
# together); exits non-zero if any check failed.
#   AES_EXT   module (default target/release/libappengine_sockets.so)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi

# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$EXT" ]] || { echo "rss.sh: $EXT not found (cargo build --release, or set AES_EXT)"; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0
for mode in plain jit; do
    extra=()
    if [[ $mode == jit ]]; then
        # (OPcache is built in from PHP 8.5 on: PHP_OPCACHE_INI is empty there.)
        extra=(${PHP_OPCACHE_INI:+-d "$PHP_OPCACHE_INI"} -d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=32M)
        echo "== with opcache.jit=tracing"
    else
        echo "== without opcache"
    fi
    out=$(php -n -d extension=sockets -d "extension=$EXT" "${extra[@]}" \
        -d display_errors=1 -d error_reporting=-1 -d memory_limit=256M \
        "$HERE/rss.php" "${1:-100000}" "${2:-10000}" 2>&1)
    echo "$out" | sed '$d'
    last=$(tail -1 <<<"$out")
    if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
        echo "($mode: $last)"
    else
        echo "FAIL rss.php ($mode) did not finish: $last"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
