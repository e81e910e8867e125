#!/usr/bin/env bash
# usage: bench/run.sh [--rounds N] [--reps N] [--quick] [--no-callgrind] [--no-time] [--no-growth]
#
# Builds the extension (cargo build --release), then compares stock PHP with PHP plus
# appengine_sockets on the workloads of bench/workloads.php: instructions (valgrind
# --tool=callgrind), wall time (medians of interleaved rounds) and memory growth. Every
# PHP process runs inside tests/netns/run.sh (a private network namespace; nothing leaves
# the machine). Needs root, php, valgrind, python3 (php-fpm8.2 for the per-request
# growth check). About 3.5 minutes on 2 cores. AES_EXT=path skips the build.
# Prints markdown tables; raw figures go to target/bench/results-*.json.
# See BENCHMARKS.md. The core's micro-benchmarks: cargo bench -p appengine_sockets_policy
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
for tool in php valgrind python3 cargo; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool not found" >&2; exit 1; }
done
if [[ -z "${AES_EXT:-}" ]]; then
    cargo build --release --quiet
fi
exec python3 "$ROOT/bench/bench.py" "$@"
