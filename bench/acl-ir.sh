#!/usr/bin/env bash
# usage: bench/acl-ir.sh        (as root: the PHP half runs in tests/netns/run.sh's namespace)
#
# What the per-app ACL (appengine_sockets.acl) costs, in instructions (callgrind):
#   1. the core: Acl::decide_host for one host name with an ACL of 10,000 entries (and of
#      10), Acl::decide over one name (the libc layer's call), and Acl::narrow_host over
#      check_address, as bench/core-ir.sh measures (Ir of 11,000 calls
#      minus 1,000, over 10,000);
#   2. PHP: fsockopen('udp://public.test', 9999) (a connect by name, no TCP handshake, so
#      it can repeat) with stock PHP, the extension without an ACL, and the extension with
#      an ACL of 10,002 entries that allows public.test: Ir of 600 calls minus 100, over
#      500. The ACL's cost is the last two's difference.
# See BENCHMARKS.md ("The per-app ACL").
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
command -v valgrind >/dev/null || { echo "bench/acl-ir.sh: valgrind not found" >&2; exit 1; }

if [[ "${1:-}" != --php ]]; then
    BIN=$(cargo bench -p appengine_sockets_policy --bench verdict_loop --no-run --message-format=json 2>/dev/null \
        | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "verdict_loop":
        print(m["executable"])')
    ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
    printf '| call | host | Ir per call |\n|---|---|---:|\n'
    for call_input in "acl_decide public.test" "acl_decide api.stripe.com" "acl_decide host4999.example52.com" \
        "acl_decide a.b.svc4999.example.net" "acl_decide api.unlisted-service.example.io" \
        "acl_decide_small public.test" "acl_decide_small api.unlisted-service.example.io" \
        "acl_decide_names public.test" "acl_decide_names host4999.example52.com" \
        "acl_apply host4999.example52.com" "check_address 11.0.0.1"; do
        read -r call input <<<"$call_input"
        a=$(ir "$call" "$input" 1000)
        b=$(ir "$call" "$input" 11000)
        printf '| %s | %s | %s |\n' "$call" "$input" "$(( (b - a) / 10000 ))"
    done
    [[ -f target/release/libappengine_sockets.so ]] || cargo build --release
    exec tests/netns/run.sh bash "${BASH_SOURCE[0]}" --php
fi

# shellcheck source=../scripts/php-env.sh
source scripts/php-env.sh
EXT=$(realpath -m "${AES_EXT:-target/release/libappengine_sockets.so}")
ACL=$(mktemp /tmp/aes-acl-bench.XXXXXX.yaml)
trap 'rm -f "$ACL"' EXIT
python3 - "$ACL" <<'PY'
import sys
lines = ["version: v1", "services:", "  - name: bench", "    project: bench", "    action: enforce",
         "    allowed_domains:", "      - public.test"]
for i in range(4999):
    lines.append(f"      - host{i}.example{i % 97}.com" + (":443" if i % 2 == 0 else ""))
    lines.append(f'      - "*.svc{i}.example.net"')
lines += ['global_deny_list: [pastebin.com, "*.evil.test"]', "global_allow_list: [status.example.org]"]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
run() {  # run N [php args...]: Ir of the workload
    local n=$1; shift
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PHP_BIN" -n "$@" bench/workloads.php udp_fsockopen_name "$n" \
        2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per() { local a b; a=$(run 100 "$@"); b=$(run 600 "$@"); echo $(( (b - a) / 500 )); }
s=$(per)
x=$(per -d "extension=$EXT" -d appengine_sockets.app_id=bench)
y=$(per -d "extension=$EXT" -d "appengine_sockets.acl=$ACL" -d appengine_sockets.app_id=bench)
echo
echo "| fsockopen('udp://public.test', 9999) | Ir per call | added |"
echo "|---|---:|---:|"
echo "| stock PHP | $s | |"
echo "| extension, no ACL | $x | +$((x - s)) |"
echo "| extension, ACL of 10,002 entries | $y | +$((y - s)) (the ACL: +$((y - x))) |"
