#!/usr/bin/env bash
# usage: tests/load/run.sh [--long]      (as root; short: ~1 min, --long: the soak, ~10 min)
#
# php-fpm under load (tests/load/load.py): pm = static with 4 workers, 16 concurrent
# FastCGI clients, one decision log shared by every worker; stock and extension
# throughput interleaved; workers recycled (pm.max_requests) and a graceful reload
# (SIGUSR2) mid-run, each against stock php-fpm in the same run. Runs inside the
# private network namespace of tests/netns/run.sh. The short version is a CI step;
# --long is the soak whose figures RELIABILITY.md reports.
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
#   AES_LOAD_KEEP=1 keeps the temp dir (fpm logs, decision logs)
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "tests/load/run.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)"; echo "0 passed, 1 failed"; exit 1; }
# The PHP under test (PHP_CONFIG, scripts/php-env.sh): load.py runs its PHP_FPM.
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
[[ -n "$PHP_FPM" ]] \
    || { echo "tests/load/run.sh: no php-fpm for $PHP_CONFIG (apt-get install php$PHP_MAJMIN-fpm)"; echo "0 passed, 1 failed"; exit 1; }
exec python3 -u "$HERE/load.py" "$@" "$AES_EXT"
