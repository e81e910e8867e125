#!/usr/bin/env bash
# usage: bench/core-ir.sh
#
# Instructions per call of the policy core (valgrind --tool=callgrind), for the cases of
# the criterion suite: Ir of a loop of 11000 calls minus Ir of 1000 calls, over 10000.
# Repeatable to the instruction, unlike wall time on a shared machine. Builds
# policy/benches/verdict_loop.rs with the bench profile. See BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
command -v valgrind >/dev/null || { echo "bench/core-ir.sh: valgrind not found" >&2; exit 1; }
BIN=$(cargo bench -p appengine_sockets_policy --bench verdict_loop --no-run --message-format=json 2>/dev/null \
    | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "verdict_loop":
        print(m["executable"])')
[[ -x "$BIN" ]] || { echo "bench/core-ir.sh: could not build verdict_loop" >&2; exit 1; }
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
printf '| call | input | Ir per call |\n|---|---|---:|\n'
for call_input in \
    "check_address 11.0.0.1" "check_address 10.0.0.5" "check_address 192.0.0.170" "check_address 142.250.80.46" \
    "check_address 2400:cb00::10" "check_address fd00::5" "check_address ::ffff:10.0.0.5" \
    "check_address 2a00:1450:4013:c00::6c" "check_address 4000::1" \
    "classify 11.0.0.1" "classify 10.0.0.5" "classify 192.0.0.170" "classify 142.250.80.46" \
    "classify 2400:cb00::10" "classify fd00::5" "classify ::ffff:10.0.0.5" \
    "classify 2a00:1450:4013:c00::6c" "classify 4000::1" \
    "parse_xport_name 11.0.0.1:80" "parse_xport_name public.test:80" "parse_xport_name [2400:cb00::10]:443" \
    "parse_ip 11.0.0.1" "parse_ip 142.250.80.46" "parse_ip 2400:cb00::10" "parse_ip public.test"; do
    read -r call input <<<"$call_input"
    a=$(ir "$call" "$input" 1000)
    b=$(ir "$call" "$input" 11000)
    printf '| %s | %s | %s |\n' "$call" "$input" "$(( (b - a) / 10000 ))"
done
