#!/usr/bin/env bash
# usage: tests/faults/run.sh            (as root; ~30 s)
#
# Faults around the extension, each checked against what must not change:
#   killed.py   requests killed by php-fpm's request_terminate_timeout while they wait
#               in a connect (a listener with a full backlog) or a lookup (a name the
#               test DNS server never answers): the successor worker is healthy, and
#               no app's persistent socket is handed to another afterwards.
#   log.py      the decision log under faults: rotation by rename, an unwritable file or
#               directory, a full file system, /dev/log missing or not read: enforcement
#               unchanged, not slowed, the fault said once per process.
#   unguarded.py  a GOT slot mprotect cannot make writable (a preloaded library refusing
#               it with seccomp): said once, shown by --ri, C libraries' socket calls
#               refused (errno 13), PHP's own functions working by the rules.
# (The resolver's faults and descriptor exhaustion are phpt tests: php-tests/faults_*.phpt.)
# Runs inside the private network namespace of tests/netns/run.sh.
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "tests/faults/run.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)"; echo "0 passed, 1 failed"; exit 1; }

# The PHP under test (PHP_CONFIG, scripts/php-env.sh): the drivers run its PHP_FPM.
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"

passed=0 failed=0
for t in killed log unguarded; do
    echo "== $t"
    out=$(python3 -u "$HERE/$t.py" "$AES_EXT" 2>&1 | tee /dev/stderr | tail -n 1)
    if [[ "$out" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
    else
        echo "FAIL $t.py did not finish: $out"; failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
