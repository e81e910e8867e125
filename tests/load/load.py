#!/usr/bin/env python3
"""php-fpm under load: a pool of workers, many concurrent FastCGI clients, one shared log.

usage: load.py [--long] EXT        (run by tests/load/run.sh, inside tests/netns/run.sh)

php-fpm (`pm = static`, 4 workers) listens on a unix socket (no TCP between the clients
and php-fpm, so no TIME-WAIT); 16 client threads send FastCGI requests for
tests/load/app.php, which makes 13 connection attempts per request through streams,
ext/sockets, persistent streams and ext/curl. Allowed traffic is UDP to the catcher (which
answers, so the request checks the reply) plus one persistent TCP connection per worker
(the catcher never has to close it; it ends when the worker exits). Runs:

  check    the extension, decision log to one file shared by all workers (renamed
           half-way and created again, as logrotate's `create` does), refused
           targets on ports where the catcher listens (a leak would show): every
           request's outcome, one valid JSON line per decision, counters add up,
           the catcher saw nothing refused, RSS flat after warm-up, no crash.
  bench    stock, extension with the decision log, extension without it: rounds
           interleaved on the same load (refused targets on closed ports: stock gets
           ECONNREFUSED at once); prints req/s, the workers' CPU time per request and the
           ratios. Never fails on timing.
  recycle  pm.max_requests set (workers recycled during the run), stock then extension:
           requests lost by each; the extension's run also gets the check run's checks.
  reload   a graceful reload (SIGUSR2) when half the requests are done, stock then
           extension: requests lost by each, and the extension's checks.

--long: the soak sizes (20,000 requests per run, max_requests 500); default: the short
CI sizes. Prints one line per check and "N passed, M failed"; exit status 1 on failure.
Standard library only.
"""

import argparse
import collections
import json
import os
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "app.php")
FPM = os.environ.get("PHP_FPM") or shutil.which("php-fpm8.2") or shutil.which("php-fpm") or "php-fpm8.2"

WORKERS = 4
CLIENTS = 16

# Expected outcome of each operation of app.php: (extension, stock).
# Refused targets: tp/up select the ports (80/9999: the catcher listens; 81/9998: nothing).
OPS = {
    "ssc_udp": ("ok", "ok"),
    "ssc_udp_dns": ("ok", "ok"),
    "fsock_private": ("E13", "E111"),
    "ssc_private_name": ("E13", "E111"),
    "ssc_port25": ("E13", "conn"),
    "sock_connect_udp": ("ok", "ok"),
    "sock_sendto": ("ok", "ok"),
    "sock_sendto_private": ("E13", "sent"),
    "sock_connect_private": ("E13", "E111"),
    "pfsock": (("new", "reused"), ("new", "reused")),
    "pfsock_private": ("E13", "E111"),
    "curl": ("ok", "ok"),
    "curl_private": ("E7", "E7"),  # stock runs only with nothing listening there
}
# Decisions per request, pfsockopen's allowed reuse aside (a reused persistent stream is
# not a new connection: no decision). Function -> (allowed, refused).
DECISIONS = {
    "stream_socket_client": (2, 2),
    "fsockopen": (0, 1),
    "socket_connect": (1, 1),
    "socket_sendto": (1, 1),
    "pfsockopen": (0, 1),  # + 1 allowed per "new" persistent connection
    "curl_exec": (1, 1),   # libcurl's connect, judged beneath PHP
}
LOG_KEYS = {"time", "app_id", "function", "target", "address", "port", "verdict", "rule", "class", "reason"}
# Refused targets as they appear in the catcher log ("tcp|udp ADDR PORT"): none may appear.
REFUSED_IN_CATCHER = ("10.0.0.5 ", "172.16.1.1 ", "192.168.7.7 ", "11.0.0.1 25 ")

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7


# ---------------------------------------------------------------- FastCGI client

def _record(kind, content=b""):
    return struct.pack("!BBHHBx", 1, kind, 1, len(content), 0) + content


def _pair(name, value):
    name, value = name.encode(), value.encode()

    def length(n):
        return struct.pack("!B", n) if n < 128 else struct.pack("!I", n | 0x80000000)

    return length(len(name)) + length(len(value)) + name + value


def fcgi_request(sock_path, query, timeout=30, script=APP, extra=None):
    """One FastCGI request for `script` (default app.php), `extra` more params (e.g.
    PHP_ADMIN_VALUE). Returns (stdout bytes, stderr bytes, complete)."""
    name = "/" + os.path.basename(script)
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET",
        "SCRIPT_FILENAME": script, "SCRIPT_NAME": name,
        "REQUEST_URI": name + "?" + query, "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1", "SERVER_NAME": "load", "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1", **(extra or {}),
    }
    body = b"".join(_pair(k, v) for k, v in params.items())
    msg = (_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0))
           + _record(FCGI_PARAMS, body) + _record(FCGI_PARAMS) + _record(FCGI_STDIN))
    out, err, buf = b"", b"", b""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        s.sendall(msg)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out, err, False
            buf += chunk
            while len(buf) >= 8:
                _, kind, _, clen, plen = struct.unpack("!BBHHBx", buf[:8])
                if len(buf) < 8 + clen + plen:
                    break
                content, buf = buf[8:8 + clen], buf[8 + clen + plen:]
                if kind == FCGI_STDOUT:
                    out += content
                elif kind == FCGI_STDERR:
                    err += content
                elif kind == FCGI_END_REQUEST:
                    return out, err, True


# ---------------------------------------------------------------- php-fpm

class Fpm:
    """One php-fpm master in its own temp dir; the pool listens on a unix socket. `ini`:
    more php.ini lines; `pools`: more pool sections (tests/metrics adds its status pool)."""

    def __init__(self, tmp, name, ext, max_requests=0, log=None, ini=(), pools=""):
        self.dir = os.path.join(tmp, name)
        os.makedirs(self.dir)
        self.sock = os.path.join(self.dir, "fpm.sock")
        self.fpm_log = os.path.join(self.dir, "fpm.log")
        self.php_log = os.path.join(self.dir, "php-errors.log")
        self.decision_log = log
        lines = ["extension=sockets", "extension=curl", "error_reporting=E_ALL", "display_errors=0", "log_errors=1",
                 f"error_log={self.php_log}"]
        if ext:
            lines.append(f"extension={ext}")
            if log:
                lines.append(f"appengine_sockets.log={log}")
        with open(os.path.join(self.dir, "php.ini"), "w") as f:
            f.write("\n".join(lines + list(ini)) + "\n")
        with open(os.path.join(self.dir, "fpm.conf"), "w") as f:
            f.write(f"""[global]
error_log = {self.fpm_log}
log_level = notice
daemonize = no
process_control_timeout = 10
[load]
listen = {self.sock}
listen.backlog = 511
pm = static
pm.max_children = {WORKERS}
pm.max_requests = {max_requests}
{pools}""")
        self.proc = subprocess.Popen(
            [FPM, "-F", "-R", "-n", "-c", os.path.join(self.dir, "php.ini"), "-y", os.path.join(self.dir, "fpm.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        for _ in range(200):
            if os.path.exists(self.sock):
                try:
                    fcgi_request(self.sock, "probe=1", timeout=5)
                    break
                except OSError:
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"php-fpm exited: {self.log_text()}")
            time.sleep(0.05)
        else:
            raise RuntimeError("php-fpm did not start")

    def worker_cpu(self):
        """CPU seconds (user + system) used so far by the live workers."""
        total = 0
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                kids = f.read().split()
        except OSError:
            return 0.0
        for pid in kids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, IndexError, ValueError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    def reload(self):
        self.proc.send_signal(signal.SIGUSR2)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def log_text(self):
        try:
            with open(self.fpm_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def crashes(self):
        """fpm log lines that tell of a worker that died abnormally."""
        bad = []
        for line in self.log_text().splitlines():
            low = line.lower()
            if ("signal" in low and "exited" in low) or "core dumped" in low or \
                    ("exited with code" in low and "exited with code 0" not in low):
                bad.append(line)
        return bad


# ---------------------------------------------------------------- driving

def drive(fpm, total, query, at_half=None, params=None):
    """Send `total` requests from CLIENTS threads; `params(i)`: more FastCGI params of
    request i (tests/metrics: its app id). Returns (results, seconds).

    results: one (index, body dict or None, error text or None) per request."""
    results = [None] * total
    nxt = iter(range(total))
    lock = threading.Lock()
    done = [0]
    fired = [at_half is None]

    def worker():
        while True:
            with lock:
                i = next(nxt, None)
            if i is None:
                return
            body, error = None, None
            try:
                out, err, complete = fcgi_request(fpm.sock, query, extra=params(i) if params else None)
                text = out.split(b"\r\n\r\n", 1)[-1].decode(errors="replace").strip()
                if not complete:
                    error = "connection closed before the end of the request"
                elif err:
                    error = "stderr: " + err.decode(errors="replace")[:200]
                else:
                    try:
                        body = json.loads(text)
                    except ValueError:
                        error = "not JSON: " + text[:200]
            except OSError as e:
                error = f"{type(e).__name__}: {e}"
            results[i] = (i, body, error)
            with lock:
                done[0] += 1
                fire = not fired[0] and done[0] >= total // 2
                if fire:
                    fired[0] = True
            if fire:
                at_half()

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - t0


# ---------------------------------------------------------------- checks

class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, name, cond, detail=""):
        if cond:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f"\n     {detail}" if detail else ""), flush=True)
        return cond


def outcome_errors(results, side):
    """Requests that were lost, and requests whose operations did not all behave."""
    col = 0 if side == "ext" else 1
    lost, wrong = [], []
    for i, body, error in results:
        if body is None:
            lost.append((i, error))
            continue
        r = body.get("r", {})
        for op, exp in OPS.items():
            want = exp[col]
            got = r.get(op)
            if got != want and not (isinstance(want, tuple) and got in want):
                wrong.append((i, op, got, want))
    return lost, wrong


def read_log(path):
    """(records, bad lines) of the decision log."""
    records, bad = [], []
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        bad.append("no newline at the end of the file")
    for line in data.split(b"\n"):
        if not line:
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or set(rec) != LOG_KEYS:
                raise ValueError("keys")
            records.append(rec)
        except ValueError:
            bad.append(line[:200].decode(errors="replace"))
    return records, bad


def check_ext_run(c, label, fpm, results, warmup_per_pid):
    """Every check of an extension run that does not depend on timing."""
    lost, wrong = outcome_errors(results, "ext")
    c.ok(f"{label}: every request answered ({len(results) - len(lost)}/{len(results)})", not lost,
         f"lost: {lost[:3]}")
    c.ok(f"{label}: every operation had its expected outcome", not wrong, f"first wrong: {wrong[:5]}")
    bodies = [b for _, b, _ in results if b is not None]
    new_pf = sum(1 for b in bodies if b["r"].get("pfsock") == "new")
    per_fn = {fn: [a * len(bodies), d * len(bodies)] for fn, (a, d) in DECISIONS.items()}
    per_fn["pfsockopen"][0] += new_pf
    expected = sum(a + d for a, d in per_fn.values())

    # Counters: the highest count each worker reported is its total (a worker serves one
    # request at a time; the readiness probe makes no decision).
    final = {}
    for b in bodies:
        cnt = b.get("counts")
        if cnt is not None and sum(cnt) > sum(final.get(b["pid"], (0, 0, 0))):
            final[b["pid"]] = cnt
    counted = sum(sum(v) for v in final.values())

    records, bad = read_log(fpm.decision_log)
    rotated = fpm.decision_log + ".1"
    if os.path.exists(rotated):  # renamed mid-run (logrotate `create`): both files together
        old, old_bad = read_log(rotated)
        c.ok(f"{label}: log rotated mid-run: lines in the renamed file ({len(old)}) and in the new one "
             f"({len(records)})", len(old) > 0 and len(records) > 0)
        records, bad = old + records, old_bad + bad
    c.ok(f"{label}: decision log: every line is one whole JSON record with the 9 fields ({len(records)} lines)",
         not bad, f"{len(bad)} bad, first: {bad[:2]}")
    got = collections.Counter((r["function"], r["verdict"]) for r in records)
    made = {fn: [got[(fn, "allow")], got[(fn, "deny")]] for fn in DECISIONS}
    print(f"     decisions the responses imply: {expected}, counted by the workers' counters: "
          f"{counted}, lines in the log: {len(records)}", flush=True)
    c.ok(f"{label}: decisions counted by the workers == decisions the responses imply", counted == expected,
         f"counted {counted}, expected {expected}")
    c.ok(f"{label}: log lines == decisions counted", len(records) == counted,
         f"{len(records)} lines, {counted} counted")
    c.ok(f"{label}: log lines per function and verdict match", made == per_fn, f"log {made}, expected {per_fn}")
    c.ok(f"{label}: every refusal logged as deny, every allow as allow",
         set(r["verdict"] for r in records) <= {"allow", "deny"})

    # RSS: per worker, from the end of the warm-up to its last request.
    growth = {}
    by_pid = collections.defaultdict(list)
    for i, b, _ in results:
        if b is not None and "rss" in b:
            by_pid[b["pid"]].append((i, b["rss"]))
    for pid, rows in by_pid.items():
        rows.sort()
        if len(rows) > warmup_per_pid + 10:
            growth[pid] = (rows[warmup_per_pid][1], rows[-1][1], len(rows))
    worst = max((g[1] - g[0] for g in growth.values()), default=0)
    print("     worker RSS after warm-up -> at the end (kB, requests): "
          + ", ".join(f"{a}->{b} ({n})" for a, b, n in growth.values()), flush=True)
    c.ok(f"{label}: worker RSS flat after warm-up (largest growth {worst} kB <= 256 kB)", worst <= 256)

    crashes = fpm.crashes()
    c.ok(f"{label}: no worker crashed (fpm log)", not crashes, "; ".join(crashes[:3]))
    try:
        with open(fpm.php_log, errors="replace") as f:
            perr = f.read().strip()
    except OSError:
        perr = ""
    c.ok(f"{label}: no PHP error logged", not perr, perr[:300])
    return {"requests": len(results), "lost": len(lost), "expected": expected, "counted": counted,
            "lines": len(records), "workers": len(by_pid), "rss_growth_kb": worst}


def catcher_leaks(mark):
    path = os.environ.get("AES_NETNS_LOG", "")
    with open(path) as f:
        f.seek(mark)
        lines = f.read().splitlines()
    return [l for l in lines if any(l.split(" ", 1)[-1].startswith(t) for t in REFUSED_IN_CATCHER)]


def catcher_mark():
    return os.path.getsize(os.environ.get("AES_NETNS_LOG", ""))


# ---------------------------------------------------------------- runs

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--long", action="store_true")
    ap.add_argument("ext")
    args = ap.parse_args()
    if args.long:
        n_check, bench_rounds, bench_n, n_recycle, max_req, n_reload = 20000, 6, 2500, 20000, 500, 20000
    else:
        n_check, bench_rounds, bench_n, n_recycle, max_req, n_reload = 3000, 1, 500, 2000, 200, 2000
    warmup = 50
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="aes-load.")
    figures = {}
    fpm = None
    try:
        # -------- check
        print(f"# check: extension, {WORKERS} workers, {CLIENTS} clients, {n_check} requests, "
              "one decision log for all workers", flush=True)
        mark = catcher_mark()
        fpm = Fpm(tmp, "check", args.ext, log=os.path.join(tmp, "check.log"))

        def rotate():  # logrotate's `create`: rename, then a new empty file
            os.rename(fpm.decision_log, fpm.decision_log + ".1")
            open(fpm.decision_log, "a").close()

        results, secs = drive(fpm, n_check, "tp=80&up=9999&stats=1", at_half=rotate)
        fpm.stop()
        figures["check"] = check_ext_run(c, "check", fpm, results, warmup)
        figures["check"]["req_per_s"] = round(n_check / secs)
        leaks = catcher_leaks(mark)
        c.ok("check: the catcher saw no connection or datagram to a refused target", not leaks, str(leaks[:3]))
        fpm = None

        # -------- bench
        sides = ("stock", "ext", "ext-nolog")
        print(f"# bench: stock, extension (decision log on) and extension (log off) interleaved, "
              f"{bench_rounds} rounds x {bench_n} requests (+ 200 warm-up) each, refused targets on "
              "closed ports", flush=True)
        rates = {k: [] for k in sides}
        cpu = {k: [] for k in sides}
        for rnd in range(bench_rounds):
            for side in sides[rnd % 3:] + sides[:rnd % 3]:
                fpm = Fpm(tmp, f"bench-{rnd}-{side}", None if side == "stock" else args.ext,
                          log=os.path.join(tmp, f"bench-{rnd}.log") if side == "ext" else None)
                drive(fpm, 200, "tp=81&up=9998")
                cpu0 = fpm.worker_cpu()
                results, secs = drive(fpm, bench_n, "tp=81&up=9998")
                cpu[side].append((fpm.worker_cpu() - cpu0) / bench_n * 1e6)
                fpm.stop()
                fpm = None
                lost, wrong = outcome_errors(results, "stock" if side == "stock" else "ext")
                c.ok(f"bench round {rnd} {side}: {bench_n} requests, all answered as expected "
                     f"({bench_n / secs:.0f} req/s, {cpu[side][-1]:.0f} us worker CPU per request)",
                     not lost and not wrong, f"{lost[:2]} {wrong[:2]}")
                rates[side].append(bench_n / secs)
        med = {k: statistics.median(v) for k, v in rates.items()}
        cmed = {k: statistics.median(v) for k, v in cpu.items()}
        figures["bench"] = {"req_per_s": {k: [round(x) for x in v] for k, v in rates.items()},
                            "cpu_us": {k: [round(x) for x in v] for k, v in cpu.items()},
                            "ratio": round(med["ext"] / med["stock"], 4),
                            "ratio_nolog": round(med["ext-nolog"] / med["stock"], 4),
                            "cpu_ratio": round(cmed["stock"] / cmed["ext"], 4),
                            "cpu_ratio_nolog": round(cmed["stock"] / cmed["ext-nolog"], 4)}
        print(f"     throughput (wall clock, medians): stock {med['stock']:.0f} req/s, extension "
              f"{med['ext']:.0f} (log on, ratio {med['ext'] / med['stock']:.3f}), "
              f"{med['ext-nolog']:.0f} (log off, ratio {med['ext-nolog'] / med['stock']:.3f})", flush=True)
        print(f"     worker CPU per request (medians): stock {cmed['stock']:.0f} us, extension "
              f"{cmed['ext']:.0f} us (log on; throughput ratio at full CPU {cmed['stock'] / cmed['ext']:.3f}), "
              f"{cmed['ext-nolog']:.0f} us (log off; {cmed['stock'] / cmed['ext-nolog']:.3f})", flush=True)

        # -------- recycle and reload
        for kind, total in (("recycle", n_recycle), ("reload", n_reload)):
            lost_by = {}
            for side in ("stock", "ext"):
                what = f"pm.max_requests = {max_req}" if kind == "recycle" else "SIGUSR2 at half-way"
                print(f"# {kind}: {side}, {total} requests, {what}", flush=True)
                mark = catcher_mark()
                fpm = Fpm(tmp, f"{kind}-{side}", args.ext if side == "ext" else None,
                          max_requests=max_req if kind == "recycle" else 0,
                          log=os.path.join(tmp, f"{kind}.log"))
                results, secs = drive(fpm, total, "tp=80&up=9999&stats=1" if side == "ext" else "tp=81&up=9998",
                                      at_half=fpm.reload if kind == "reload" else None)
                fpm.stop()
                lost, wrong = outcome_errors(results, side)
                lost_by[side] = len(lost)
                log = fpm.log_text()
                if kind == "recycle":
                    n = log.count("exited with code 0 after")
                    c.ok(f"{kind} {side}: workers were recycled during the run ({n} times)", n >= 2)
                else:
                    c.ok(f"{kind} {side}: php-fpm reloaded during the run",
                         "Reloading in progress" in log or "reloading" in log.lower(), log[-300:])
                if side == "ext":
                    figures[kind] = check_ext_run(c, f"{kind} ext", fpm, results, 10 ** 9)
                    leaks = catcher_leaks(mark)
                    c.ok(f"{kind} ext: the catcher saw nothing refused", not leaks, str(leaks[:3]))
                else:
                    c.ok(f"{kind} stock: every answered request as expected", not wrong, str(wrong[:3]))
                    crashes = fpm.crashes()
                    c.ok(f"{kind} stock: no worker crashed", not crashes, "; ".join(crashes[:3]))
                fpm = None
                if lost:
                    print(f"     {side}: {len(lost)} lost, e.g. {lost[0]}", flush=True)
            figures[kind]["lost_stock"] = lost_by["stock"]
            print(f"     lost requests: stock {lost_by['stock']}, extension {lost_by['ext']}", flush=True)
            c.ok(f"{kind}: the extension lost no request beyond what stock lost "
                 f"(stock {lost_by['stock']}, extension {lost_by['ext']})", lost_by["ext"] <= lost_by["stock"])
    except Exception as e:  # a harness failure is a failed check, with its reason
        c.ok(f"harness: {type(e).__name__}: {e}", False)
    finally:
        if fpm is not None:
            fpm.stop()
        if os.environ.get("AES_LOAD_KEEP") == "1":
            print(f"kept {tmp}", flush=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("FIGURES " + json.dumps(figures), flush=True)
    print(f"{c.passed} passed, {c.failed} failed", flush=True)
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
