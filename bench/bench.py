#!/usr/bin/env python3
"""Stock PHP against PHP with appengine_sockets, in instructions and in wall time.

usage: bench/run.sh [--rounds N] [--reps N] [--quick] [--no-callgrind] [--no-time] [--no-growth]
       (bench/run.sh builds the extension, then runs this file; see BENCHMARKS.md)

Both sides are the same `php` binary with the same php.ini; the extension side adds
`-d extension=<abs path of target/release/libappengine_sockets.so>`. Workloads live in
bench/workloads.php. Three measurements:

* instructions (callgrind): for each workload and side, Ir of a run doing N2 operations
  minus Ir of a run doing N1 (both after a warm-up operation), over N2 - N1: the
  steady-state user-space instructions per operation, without start-up (the kernel's
  work in a syscall is not counted). `php -r ''` is counted whole. TCP workloads: the
  median of --reps repeats. Repeatable to about 1 %, so it means something on a noisy
  machine.
* wall time: each round, each workload runs with stock and with the extension, one after
  the other (the order alternates between rounds); a run reports hrtime around its timed
  loop over N operations. The figure is the median over rounds of ns per operation.
  `php -r ''` is timed as a whole process, several times per round, interleaved.
* growth: memory_get_usage() and VmRSS sampled along thousands of calls (TCP connects:
  along the few a namespace allows).

Every PHP process runs inside tests/netns/run.sh (a fresh private network namespace whose
only interface is lo; the test hosts are addresses on it). A TCP connect workload gets a
fresh namespace per round and at most ~24 connections in it: a namespace's loop of
client-closed connections stalls after a few dozen.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NETNS = os.path.join(ROOT, "tests", "netns", "run.sh")
WORKLOADS_PHP = os.path.join(ROOT, "bench", "workloads.php")
EXT = os.path.abspath(os.environ.get("AES_EXT", os.path.join(ROOT, "target", "release", "libappengine_sockets.so")))
OUT_DIR = os.path.join(ROOT, "target", "bench")
PHP = os.environ.get("PHP", "php")

SIDES = {
    "stock": [],
    "ext": ["-d", f"extension={EXT}"],
}

# name -> (kind, timed N, callgrind (N1, N2), goal)
#   kind "tcp": a TCP connection per operation (fresh namespace per round, few connections)
#   goal: the most user-space instructions the extension may add per operation (ext - stock),
#   or "le_stock": no more instructions than stock PHP (a mocked option skips a syscall)
WORKLOADS = {
    "fsockopen_addr": ("tcp", 10, (1, 21), 1000),
    "fsockopen_name": ("tcp", 10, (1, 21), 1500),
    "stream_socket_client": ("tcp", 10, (1, 21), 1000),
    "stream_socket_client_name": ("tcp", 10, (1, 21), 1500),
    "socket_connect": ("tcp", 10, (1, 21), 1000),
    "udp_sendto": ("call", 2000, (100, 1100), 600),
    "curl_addr": ("tcp", 10, (1, 21), 3000),
    "internal_call": ("call", 200000, (10000, 110000), 20),
    "socket_get_option": ("call", 20000, (1000, 11000), "le_stock"),
    "socket_set_option": ("call", 20000, (1000, 11000), "le_stock"),
}
STARTUP_GOAL_IR = 1.01  # php -r '': at most 1 % more instructions

# Growth: (workload, N, sides). TCP: the few connections a namespace allows.
GROWTH = [
    ("fsockopen_addr", 20, ("stock", "ext")),
    ("udp_fsockopen_name", 5000, ("stock", "ext")),
    ("udp_stream_socket_client", 5000, ("stock", "ext")),
    ("udp_socket_connect", 5000, ("stock", "ext")),
    ("udp_sendto", 5000, ("stock", "ext")),
    ("socket_set_option", 20000, ("stock", "ext")),
    ("socket_get_option", 20000, ("stock", "ext")),
    ("refused_private", 5000, ("ext",)),
]
# Per request: php-fpm, one worker, FPM_REQUESTS requests of FPM_N "mix" operations each.
FPM_REQUESTS, FPM_N = 300, 20


def php_cmd(side, *args):
    return [PHP, *SIDES[side], *args]


def workload_cmd(side, workload, n, growth=False):
    return php_cmd(side, WORKLOADS_PHP, workload, str(n), *(["growth"] if growth else []))


def callgrind_cmd(cmd, out_file):
    return ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *cmd]


# ---------------------------------------------------------------- inside the namespace

def inner(spec_path):
    """Run the jobs in spec_path one after the other; print one JSON line per job."""
    # Only inside tests/netns/run.sh: lo must be the only interface.
    links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True, check=True).stdout
    names = [line.split(": ")[1].split("@")[0] for line in links.splitlines() if ": " in line]
    if names != ["lo"] or not os.environ.get("AES_NETNS_LOG"):
        sys.exit("bench.py --inner: not inside tests/netns/run.sh (interfaces: %s)" % names)
    with open(spec_path) as f:
        jobs = json.load(f)
    for job in jobs:
        t0 = time.perf_counter_ns()
        p = subprocess.run(job["cmd"], capture_output=True, text=True, timeout=job.get("timeout", 300))
        wall = time.perf_counter_ns() - t0
        print(json.dumps({"tag": job["tag"], "rc": p.returncode, "wall_ns": wall,
                          "stdout": p.stdout, "stderr": p.stderr}), flush=True)


# ---------------------------------------------------------------- outside

def in_namespace(jobs):
    """Run jobs (dicts with tag, cmd) in one fresh namespace; return their results."""
    os.makedirs(OUT_DIR, exist_ok=True)
    spec = os.path.join(OUT_DIR, "jobs.json")
    with open(spec, "w") as f:
        json.dump(jobs, f)
    p = subprocess.run([NETNS, sys.executable, os.path.abspath(__file__), "--inner", spec],
                       capture_output=True, text=True, timeout=900)
    results = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    if p.returncode != 0 or len(results) != len(jobs):
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(f"bench: namespace run failed (rc {p.returncode}, {len(results)}/{len(jobs)} jobs)")
    for r in results:
        if r["rc"] != 0:
            sys.exit(f"bench: {r['tag']} failed (rc {r['rc']}):\n{r['stdout']}{r['stderr']}")
    return results


def parse_workload(r, expect_ok=True):
    line = [l for l in r["stdout"].splitlines() if l.startswith("{")]
    if not line:
        sys.exit(f"bench: {r['tag']}: no result:\n{r['stdout']}{r['stderr']}")
    out = json.loads(line[-1])
    if expect_ok and out["ok"] != out["n"] + 1:
        sys.exit(f"bench: {r['tag']}: only {out['ok']} of {out['n'] + 1} operations succeeded:\n{r['stderr']}")
    if r["stderr"].strip() and "valgrind" not in r["tag"]:
        sys.exit(f"bench: {r['tag']}: unexpected output on stderr:\n{r['stderr']}")
    return out


def collected(stderr):
    m = re.search(r"Collected\s*:\s*(\d+)", stderr)
    if not m:
        sys.exit("bench: no 'Collected' line from callgrind:\n" + stderr[-2000:])
    return int(m.group(1))


def measure_instructions(reps):
    """Ir per operation: (Ir(N2) - Ir(N1)) / (N2 - N1), the median of `reps` repeats for
    the TCP workloads (whose counts move by a few hundred per operation between runs:
    glibc's time-based re-reads of its configuration files happen while valgrind is slow)."""
    raw = {}
    cg_dir = os.path.join(OUT_DIR, "callgrind")
    os.makedirs(cg_dir, exist_ok=True)
    # Namespaces: start-up and the non-TCP workloads together; each TCP workload, side and
    # repeat alone (N1 + N2 + 2 connections).
    first = [("startup", side, rep) for side in SIDES for rep in range(reps)]
    first += [(w, side, 0) for w, spec in WORKLOADS.items() if spec[0] != "tcp" for side in SIDES]
    groups = [first]
    groups += [[(w, side, rep)] for rep in range(reps) for w, spec in WORKLOADS.items() if spec[0] == "tcp"
               for side in SIDES]
    for triples in groups:
        jobs = []
        for w, side, rep in triples:
            if w == "startup":
                jobs.append({"tag": f"valgrind startup {side} 0 {rep}",
                             "cmd": callgrind_cmd(php_cmd(side, "-r", ""), f"{cg_dir}/startup.{side}.{rep}.out")})
                continue
            for n in WORKLOADS[w][2]:
                jobs.append({"tag": f"valgrind {w} {side} {n} {rep}",
                             "cmd": callgrind_cmd(workload_cmd(side, w, n), f"{cg_dir}/{w}.{side}.{n}.{rep}.out")})
        for r in in_namespace(jobs):
            _, w, side, n, rep = r["tag"].split()
            if w != "startup":
                parse_workload(r)
            raw.setdefault(w, {}).setdefault(side, {}).setdefault(int(rep), {})[int(n)] = collected(r["stderr"])
    per_op = {}
    for w, sides in raw.items():
        per_op[w] = {}
        for side, by_rep in sides.items():
            if w == "startup":
                values = [v[0] for v in by_rep.values()]
            else:
                n1, n2 = WORKLOADS[w][2]
                values = [(v[n2] - v[n1]) / (n2 - n1) for v in by_rep.values()]
            per_op[w][side] = statistics.median(values)
            per_op[w][side + "_all"] = values
    return per_op


def measure_time(rounds, startup_runs):
    samples = {w: {s: [] for s in SIDES} for w in WORKLOADS}
    samples["startup"] = {s: [] for s in SIDES}
    for rnd in range(rounds):
        order = list(SIDES) if rnd % 2 == 0 else list(SIDES)[::-1]
        # Non-TCP workloads and start-up share a namespace.
        jobs = []
        for w, (kind, n, _, _) in WORKLOADS.items():
            if kind != "tcp":
                for side in order:
                    jobs.append({"tag": f"{w} {side}", "cmd": workload_cmd(side, w, n)})
        for i in range(startup_runs):
            for side in (order if i % 2 == 0 else order[::-1]):
                jobs.append({"tag": f"startup {side}", "cmd": php_cmd(side, "-r", "")})
        results = in_namespace(jobs)
        # One namespace per TCP workload: 2 x (1 + n) connections.
        for w, (kind, n, _, _) in WORKLOADS.items():
            if kind == "tcp":
                results += in_namespace([{"tag": f"{w} {side}", "cmd": workload_cmd(side, w, n)} for side in order])
        for r in results:
            w, side = r["tag"].split()
            if w == "startup":
                samples[w][side].append(r["wall_ns"])
            else:
                o = parse_workload(r)
                # Connects: the median of the process's operations (a stalled SYN is 1 s);
                # fast calls: the mean over the loop (timing each would cost more than it).
                samples[w][side].append(o["ns_median"] if o["ns_median"] is not None else o["ns_per_op"])
        print(f"  round {rnd + 1}/{rounds} done", file=sys.stderr, flush=True)
    return samples


def measure_growth():
    out = {}
    tcp_jobs, other_jobs = [], []
    for w, n, sides in GROWTH:
        for side in sides:
            job = {"tag": f"{w} {side}", "cmd": workload_cmd(side, w, n, growth=True)}
            (tcp_jobs if WORKLOADS.get(w, ("",))[0] == "tcp" else other_jobs).append(job)
    have_fpm = any(shutil.which(f) for f in ("php-fpm8.2", "php-fpm")) or os.environ.get("PHP_FPM")
    if not have_fpm:
        print("bench: no php-fpm: skipping the per-request growth check", file=sys.stderr)
    for side in SIDES if have_fpm else ():
        other_jobs.append({"tag": f"fpm {side}",
                           "cmd": [sys.executable, os.path.join(ROOT, "bench", "fpm.py"), side,
                                   str(FPM_REQUESTS), "mix", str(FPM_N), *SIDES[side]]})
    results = in_namespace(other_jobs)
    for job in tcp_jobs:  # a namespace each: <= 21 connections
        results += in_namespace([job])
    for r in results:
        w, side = r["tag"].split()
        if w == "fpm":
            o = json.loads(r["stdout"].strip().splitlines()[-1])
            if not o["ok"] or len(o["pids"]) != 1:
                sys.exit(f"bench: fpm {side}: failed operations or more than one worker: {o['pids']}")
            out.setdefault("fpm", {})[side] = o
            continue
        o = parse_workload(r)
        out.setdefault(w, {})[side] = {"n": o["n"], "mem": o["mem_samples"], "rss": o["rss_samples"]}
    return out


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    php_v = subprocess.run([PHP, "-r", "echo PHP_VERSION;"], capture_output=True, text=True).stdout
    vg = subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()
    git = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": cpu, "php": php_v, "kernel": platform.release(), "valgrind": vg,
            "git": git or "?"}


def fmt_ratio(x):
    return f"{x:.3f}"


def verdict(goal, ratio, added=None):
    if goal == "startup":
        return "met" if ratio <= STARTUP_GOAL_IR else f"missed by {100 * (ratio - STARTUP_GOAL_IR):.1f} pts"
    if goal == "le_stock":
        return "met" if ratio <= 1 else f"missed by {added:+,.0f}"
    if isinstance(goal, int) and added is not None:
        return "met" if added <= goal else f"missed by {added - goal:,.0f}"
    return ""


def goal_text(goal):
    if goal == "startup":
        return "≤ +1 %"
    if goal == "le_stock":
        return "≤ stock"
    return f"≤ +{goal:,}"


def report(m, ir, times, growth, rounds):
    lines = []
    p = lines.append
    p(f"machine: nproc {m['nproc']}, {m['cpu']}, PHP {m['php']}, kernel {m['kernel']}, {m['valgrind']}; "
      f"tree {m['git']}")
    if ir:
        p("")
        p("Instructions (callgrind Ir; per operation, start-up excluded; php -r '' whole)")
        p("")
        p("| workload | stock Ir/op | ext Ir/op | added (ext - stock) | ratio | added per repeat | goal | met? |")
        p("|---|---:|---:|---:|---:|---|---|---|")
        for w in [*WORKLOADS, "startup"]:
            if w not in ir:
                continue
            s, e = ir[w]["stock"], ir[w]["ext"]
            goal = "startup" if w == "startup" else WORKLOADS[w][3]
            label = "php -r '' (start-up)" if w == "startup" else w
            reps = ", ".join(f"{b - a:+,.0f}" for a, b in zip(ir[w]["stock_all"], ir[w]["ext_all"]))
            p(f"| {label} | {s:,.0f} | {e:,.0f} | {e - s:+,.0f} | {fmt_ratio(e / s)} | {reps} | {goal_text(goal)} | "
              f"{verdict(goal, e / s, e - s)} |")
    if times:
        p("")
        p(f"Wall time (median of {rounds} interleaved rounds; ns per operation, php -r '' per process)")
        p("")
        p("| workload | stock median | ext median | ratio | median of per-round ratios (min..max) | note |")
        p("|---|---:|---:|---:|---|---|")
        for w in [*WORKLOADS, "startup"]:
            s, e = times[w]["stock"], times[w]["ext"]
            ms, me = statistics.median(s), statistics.median(e)
            per_round = sorted(b / a for a, b in zip(s, e))
            label = "php -r '' (start-up)" if w == "startup" else w
            unit = 1
            g = "(goals are in instructions)"
            p(f"| {label} | {ms / unit:,.0f} ns | {me / unit:,.0f} ns | {fmt_ratio(me / ms)} | "
              f"{statistics.median(per_round):.3f} ({per_round[0]:.3f}..{per_round[-1]:.3f}) | {g} |")
    if growth:
        p("")
        p("Growth: memory_get_usage() and VmRSS after 10 % of the calls -> after all of them "
          "(the first tenth absorbs one-time costs: allocator arenas, caches), and the largest step "
          "between two of the ten samples")
        p("")
        p("| workload | side | calls | memory_get_usage | VmRSS | largest step (mem / RSS) |")
        p("|---|---|---:|---|---|---|")
        for w, sides in growth.items():
            if w == "fpm":
                continue
            for side, g in sides.items():
                mem, rss = g["mem"], g["rss"]
                step_m = max(b - a for a, b in zip(mem[1:], mem[2:]))
                step_r = max(b - a for a, b in zip(rss[1:], rss[2:]))
                p(f"| {w} | {side} | {g['n']:,} | {mem[1]:,} -> {mem[-1]:,} B ({mem[-1] - mem[1]:+,}) | "
                  f"{rss[1] // 1024:,} -> {rss[-1] // 1024:,} kB ({(rss[-1] - rss[1]) // 1024:+,}) | "
                  f"{step_m:+,} B / {step_r // 1024:+,} kB |")
    if growth and "fpm" in growth:
        p("")
        p(f"Per request: php-fpm, one worker (pm = static, never recycled), {FPM_REQUESTS} requests of "
          f"{FPM_N} 'mix' operations (every UDP connect path, options, sendto, a refusal); the worker's "
          "VmRSS at the end of request 30 -> the last, and the largest step after request 30")
        p("")
        p("| side | requests | VmRSS | largest step | memory_get_usage at request end |")
        p("|---|---:|---|---|---|")
        for side, g in growth["fpm"].items():
            rss, mem = g["rss"], g["mem"]
            k = len(rss) // 10
            step = max(b - a for a, b in zip(rss[k:], rss[k + 1:]))
            p(f"| {side} | {g['requests']} | {rss[k] // 1024:,} -> {rss[-1] // 1024:,} kB ({(rss[-1] - rss[k]) // 1024:+,}) | "
              f"{step // 1024:+,} kB | {mem[k]:,} -> {mem[-1]:,} B ({mem[-1] - mem[k]:+,}) |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=15, help="interleaved wall-time rounds (default 15)")
    ap.add_argument("--startup-runs", type=int, default=6, help="php -r '' runs per side per round (default 6)")
    ap.add_argument("--reps", type=int, default=3, help="callgrind repeats of the TCP workloads (default 3)")
    ap.add_argument("--quick", action="store_true", help="3 rounds, 1 callgrind repeat: a smoke test")
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--no-time", action="store_true")
    ap.add_argument("--no-growth", action="store_true")
    args = ap.parse_args()
    if args.inner:
        return inner(args.inner)
    if args.quick:
        args.rounds, args.reps = 3, 1
    if os.geteuid() != 0:
        sys.exit("bench: needs root (tests/netns/run.sh makes a network namespace)")
    if not os.path.isfile(EXT):
        sys.exit(f"bench: {EXT} not found (cargo build --release)")
    probe = subprocess.run([PHP, "-r", "exit(extension_loaded('appengine_sockets') ? 0 : 1);"])
    if probe.returncode == 0:
        sys.exit("bench: php.ini already loads appengine_sockets, so 'stock' would not be stock")
    probe = subprocess.run(php_cmd("ext", "-r", "echo extension_loaded('appengine_sockets') ? 'yes' : 'no';"),
                           capture_output=True, text=True)
    if probe.stdout != "yes" or probe.stderr.strip():
        sys.exit(f"bench: the extension does not load cleanly:\n{probe.stdout}{probe.stderr}")

    m = machine()
    print(f"bench: {m}", file=sys.stderr)
    t0 = time.time()
    ir = times = growth = None
    if not args.no_callgrind:
        print("bench: instructions (callgrind)...", file=sys.stderr, flush=True)
        ir = measure_instructions(args.reps)
    if not args.no_time:
        print(f"bench: wall time, {args.rounds} rounds...", file=sys.stderr, flush=True)
        times = measure_time(args.rounds, args.startup_runs)
    if not args.no_growth:
        print("bench: growth...", file=sys.stderr, flush=True)
        growth = measure_growth()
    text = report(m, ir, times, growth, args.rounds)
    print(text)
    os.makedirs(OUT_DIR, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    with open(os.path.join(OUT_DIR, f"results-{stamp}.json"), "w") as f:
        json.dump({"machine": m, "instructions": ir, "time_ns": times, "growth": growth,
                   "rounds": args.rounds, "seconds": time.time() - t0}, f, indent=1)
    print(f"\nbench: {time.time() - t0:.0f} s; raw results in target/bench/results-{stamp}.json", file=sys.stderr)


if __name__ == "__main__":
    main()
