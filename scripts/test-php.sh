#!/usr/bin/env bash
# usage: scripts/test-php.sh [run-tests.php args / test files...]
#
# Runs the phpt suite in php-tests/ with PHP's run-tests.php, inside the private
# network namespace of tests/netns/run.sh (so no test can reach a real network),
# with the extension loaded via run-tests' -d option.
#   AES_EXT          path of the built extension
#                    (default: target/release/libappengine_sockets.so)
#   PHP_CONFIG       the PHP to test (scripts/php-env.sh; default Debian's 8.2)
#   AES_PHPT_JOBS    parallel workers (default 1: tests share the namespace's
#                    DNS counters and catcher log, so sequential is the safe default)
# Exits non-zero if any test failed, if the extension does not load cleanly,
# or if there are no tests at all (an empty suite must not pass silently).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=appengine_sockets

# Everything below runs inside the namespace: even loading the extension does.
# Only trust AES_NETNS_LOG if lo really is the only interface: a stray variable
# must never make these checks run against a real network.
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi

# shellcheck source=php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/lib$MODULE.so}")
PHP=$PHP_BIN
RUN_TESTS=$PHP_RUN_TESTS
export NO_INTERACTION=1 TEST_PHP_EXECUTABLE="$PHP" AES_EXT

n=$(find "$ROOT/php-tests" -name '*.phpt' 2>/dev/null | wc -l)
if [[ "$n" -eq 0 ]]; then
    echo "test-php.sh: no .phpt files in php-tests/ - an empty suite does not pass" >&2
    exit 1
fi
[[ -f "$AES_EXT" ]] || { echo "test-php.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)" >&2; exit 1; }
[[ -f "$RUN_TESTS" ]] || { echo "test-php.sh: no run-tests.php for $PHP_CONFIG (apt-get install php$PHP_MAJMIN-dev)" >&2; exit 1; }

# If a system ini already loads the module, -d extension= would load it twice
# ("Module already loaded"): scan a copy of conf.d without those files instead.
if "$PHP" -r "exit(extension_loaded('$MODULE') ? 0 : 1);" 2>/dev/null; then
    scan=$(mktemp -d)
    trap 'rm -rf "$scan"' EXIT
    sysdir=$("$PHP" -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')
    for f in "$sysdir"/*.ini; do
        grep -q "$MODULE" "$f" || cp "$f" "$scan/"
    done
    export PHP_INI_SCAN_DIR=$scan
    if "$PHP" -r "exit(extension_loaded('$MODULE') ? 0 : 1);" 2>/dev/null; then
        echo "test-php.sh: php.ini itself loads $MODULE; remove it there so AES_EXT is what gets tested" >&2
        exit 1
    fi
fi

# The module must load with no startup warning, or every test that skips when
# the extension is missing would "pass" by skipping.
got=$("$PHP" -d display_startup_errors=1 -d "extension=$AES_EXT" \
      -r "echo extension_loaded('$MODULE') ? 'loaded' : 'missing';" 2>&1) || true
if [[ "$got" != loaded ]]; then
    printf 'test-php.sh: %s does not load cleanly:\n%s\n' "$AES_EXT" "$got" >&2
    exit 1
fi

jobs=()
if [[ "${AES_PHPT_JOBS:-1}" -gt 1 ]]; then jobs=("-j${AES_PHPT_JOBS}"); fi

# Default selection is php-tests/, unless the caller named tests or test dirs.
args=("$@") picked=0
for a in "$@"; do
    if [[ "$a" == *.phpt || -d "$a" ]]; then picked=1; fi
done
if [[ $picked -eq 0 ]]; then args+=("$ROOT/php-tests"); fi

# run-tests exits 1 on FAILED/BORKED/LEAKED (with REPORT_EXIT_STATUS on); its
# summary goes to stdout. --offline: there is no network here by design.
# -W lists each test's result, so we can also fail a run in which nothing PASSED
# (e.g. everything skipped).
results=$(mktemp)
export REPORT_EXIT_STATUS=1
rc=0
"$PHP" "$RUN_TESTS" -q --show-diff --offline --no-color --no-progress \
    -d "extension=$AES_EXT" -W "$results" "${jobs[@]}" "${args[@]}" || rc=$?
if [[ $rc -eq 0 ]] && ! grep -q '^PASSED' "$results"; then
    echo "test-php.sh: no test passed (all skipped, or none selected)" >&2
    rc=1
fi
rm -f "$results"
exit "$rc"
