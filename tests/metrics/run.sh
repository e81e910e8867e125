#!/usr/bin/env bash
# usage: tests/metrics/run.sh            (as root; about a minute)
#
# The server-wide counters under php-fpm (tests/metrics/metrics.py): 4 workers recycled
# many times, 16 clients, a load of allowed and refused connections through streams,
# ext/sockets and ext/curl for five apps (two folded into app="other"); the counters
# against the decision log line for line, `promtool check metrics`, a real Prometheus
# server scraping the status pool, a StatsD receiver, and the losses with none. Runs
# inside the private network namespace of tests/netns/run.sh.
#   AES_EXT            path of the built extension (default target/release/libappengine_sockets.so)
#   AES_METRICS_N      requests of the load run (default 6000; 20000 takes about 2 min)
#   AES_METRICS_KEEP=1 keeps the temp dir
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "tests/metrics/run.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
[[ -n "$PHP_FPM" ]] \
    || { echo "tests/metrics/run.sh: no php-fpm for $PHP_CONFIG (apt-get install php$PHP_MAJMIN-fpm)"; echo "0 passed, 1 failed"; exit 1; }
for tool in promtool prometheus; do
    command -v "$tool" >/dev/null \
        || { echo "tests/metrics/run.sh: $tool not found (scripts/install-deps.sh: Debian's prometheus package)"; echo "0 passed, 1 failed"; exit 1; }
done
exec python3 -u "$HERE/metrics.py" "$AES_EXT"
