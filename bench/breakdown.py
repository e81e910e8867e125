#!/usr/bin/env python3
"""Where a workload's instructions go, per function, per operation (callgrind).

usage: bench/breakdown.py WORKLOAD [--side ext|stock|diff] [--self] [--top N] [--all]

Runs bench/workloads.php WORKLOAD with N1 and N2 operations under callgrind (the N1/N2 of
bench/bench.py, inside tests/netns/run.sh), and prints for each function its inclusive
(or, with --self, exclusive) instructions per operation: (Ir(N2) - Ir(N1)) / (N2 - N1).
--side diff prints extension minus stock per function (both measured in one run).
By default only the extension's own functions and the C library's allocator and string
helpers are shown; --all shows every function. AES_EXT as for bench/run.sh.
"""

import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

INTERESTING = re.compile(r"appengine_sockets|malloc|free|alloc|memcpy|memmove|strlen|hash|Hasher|utf8|fmt|"
                         r"zend_parse_parameters|zend_hash_str_find|ini|getaddrinfo|Timespec|clock_gettime|lock")


def per_function(out_file, inclusive):
    text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100",
                           out_file], capture_output=True, text=True, check=True).stdout
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*)$", line)
        if m and ":" in m.group(2):
            name = m.group(2).split(" [")[0]
            costs[name] = costs.get(name, 0) + int(m.group(1).replace(",", ""))
    return costs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workload", choices=list(bench.WORKLOADS))
    ap.add_argument("--side", default="ext", choices=[*bench.SIDES, "diff"])
    ap.add_argument("--self", action="store_true", help="exclusive costs")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args()
    n1, n2 = bench.WORKLOADS[args.workload][2]
    cg = os.path.join(bench.OUT_DIR, "breakdown")
    os.makedirs(cg, exist_ok=True)
    sides = list(bench.SIDES) if args.side == "diff" else [args.side]
    jobs = [{"tag": f"valgrind {args.workload} {side} {n} 0",
             "cmd": bench.callgrind_cmd(bench.workload_cmd(side, args.workload, n), f"{cg}/{args.workload}.{side}.{n}.out")}
            for side in sides for n in (n1, n2)]
    results = {tuple(r["tag"].split()[2:4]): r for r in bench.in_namespace(jobs)}
    total = 0.0
    costs = {}
    for side in sides:
        sign = -1 if args.side == "diff" and side == "stock" else 1
        total += sign * (bench.collected(results[(side, str(n2))]["stderr"])
                         - bench.collected(results[(side, str(n1))]["stderr"])) / (n2 - n1)
        a = per_function(f"{cg}/{args.workload}.{side}.{n1}.out", not args.self)
        b = per_function(f"{cg}/{args.workload}.{side}.{n2}.out", not args.self)
        for k in set(a) | set(b):
            costs[k] = costs.get(k, 0) + sign * (b.get(k, 0) - a.get(k, 0)) / (n2 - n1)
    rows = sorted((v, k) for k, v in costs.items())
    print(f"{args.workload} ({args.side}): {total:,.0f} Ir per operation; "
          f"{'exclusive' if args.self else 'inclusive'} Ir per operation by function:")
    shown = 0
    for v, k in reversed(rows):
        if shown >= args.top or abs(v) < 5:
            continue
        if args.all or INTERESTING.search(k):
            print(f"{v:10,.0f}  {k[:140]}")
            shown += 1


if __name__ == "__main__":
    main()
