#!/usr/bin/env bash
# usage: bench/metrics-ir.sh BASE_EXT [EXT]          (as root; ~1 min)
#
# What the server-wide counters cost per decision: user-space instructions (callgrind Ir)
# per operation of bench/workloads.php, extension EXT (default
# target/release/libappengine_sockets.so) minus BASE_EXT (the same extension built from
# the commit before the counters), for workloads that make one decision per operation:
#   udp_sendto                socket_sendto() on one socket (function layer, allowed)
#   udp_stream_socket_client  stream_socket_client('udp://...') (stream layer, allowed)
#   refused_private           fsockopen('udp://private.test') (stream layer, refused)
# Ir of N2 operations minus Ir of N1, over N2 - N1 (start-up excluded), as bench/bench.py
# measures. Runs inside tests/netns/run.sh. Prints a markdown table. See BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 1 ]] || { echo "usage: $0 BASE_EXT [EXT]" >&2; exit 2; }
BASE=$(realpath "$1")
EXT=$(realpath "${2:-$ROOT/target/release/libappengine_sockets.so}")
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$BASE" "$EXT"
fi
command -v valgrind >/dev/null || { echo "bench/metrics-ir.sh: valgrind not found" >&2; exit 1; }
PHP=${PHP:-php}
N1=100
N2=1100
ir() {  # ir EXT WORKLOAD N
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PHP" -d "extension=$1" \
        "$ROOT/bench/workloads.php" "$2" "$3" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '| workload | base Ir/op | with counters Ir/op | added per decision |\n|---|---:|---:|---:|\n'
for w in udp_sendto udp_stream_socket_client refused_private; do
    b1=$(ir "$BASE" "$w" $N1); b2=$(ir "$BASE" "$w" $N2)
    e1=$(ir "$EXT" "$w" $N1); e2=$(ir "$EXT" "$w" $N2)
    base=$(( (b2 - b1) / (N2 - N1) )); ext=$(( (e2 - e1) / (N2 - N1) ))
    printf '| %s | %d | %d | %d |\n' "$w" "$base" "$ext" $(( ext - base ))
done
