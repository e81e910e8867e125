#!/usr/bin/env python3
"""The decision log under faults (tests/faults/run.sh).

usage: log.py EXT          (as root, inside tests/netns/run.sh)

Each case runs docroot/decide.php (N rounds of one allowed UDP exchange and two
refusals) in a PHP CLI with the extension and appengine_sockets.log set, with the log
target broken in one way:
  rotate      renamed half-way and created again (logrotate's `create`)
  dir         its directory not writable (PHP runs as nobody)
  file        the file not writable (PHP runs as nobody)
  full        a full file system (a 256 KiB tmpfs, filled; the filler is removed half-way)
  devlog      syslog, /dev/log missing (a private /dev)
  stuck       syslog, /dev/log a socket nobody reads (its queue fills up)
  fpm         php-fpm, 4 workers as nobody, the directory not writable: said once per
              worker on the pool's error log
In every case enforcement is unchanged (every allowed exchange works, every refusal is
refused), the run is not slowed (printed beside a healthy run's time), and a fault is
said once per process on PHP's error log (here: stderr), naming the target and the
errno; a recovery is said once too. php --ri's "Decision log state" row tells the state
and counts the lines lost. Prints one line per check and "N passed, M failed".
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "load"))
from load import Checks, read_log  # noqa: E402

DECIDE = os.path.join(HERE, "docroot", "decide.php")
PHP = shutil.which("php") or "php"
N = 300  # rounds: 3 decisions each
FAULT = re.compile(r"^appengine_sockets: decision log (\S+(?: \(\S+\))?): (\w+) failed: (.+) \(errno (\d+)\); "
                   r"decisions are still enforced")
RECOVERED = re.compile(r"^appengine_sockets: decision log (\S+(?: \(\S+\))?): writing again \((\d+) lines? lost\)")
# A private /dev for a PHP child (its own mount namespace): the usual device nodes, and
# /dev/log only if the test put one in $1/dev.
PRIVATE_DEV = ('set -e; d=$1; shift; for n in null zero random urandom; do : > "$d/dev/$n"; '
               'mount --bind "/dev/$n" "$d/dev/$n"; done; mount --bind "$d/dev" /dev; exec "$@"')


def run(c, label, log, args=(), prefix=(), ext=None, timeout=60):
    cmd = [*prefix, PHP, "-n", "-d", "extension=sockets", "-d", f"extension={ext}",
           "-d", f"appengine_sockets.log={log}", "-d", "display_errors=1", "-d", "error_reporting=-1",
           DECIDE, str(N), *args]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        c.ok(f"{label}: finished within {timeout} s", False, "the run hung")
        return None
    out, err = p.stdout, p.stderr
    c.ok(f"{label}: enforcement unchanged (allowed {N}/{N}, refused {2 * N}/{2 * N})",
         f"allowed {N}/{N} refused {2 * N}/{2 * N}\n" in out, out[:500] + err[:500])
    m = re.search(r"^seconds (\S+)$", out, re.M)
    secs = float(m.group(1)) if m else float("nan")
    state = re.search(r"^Decision log state => (.*)$", out, re.M)
    return {"out": out, "err": err, "secs": secs, "state": state.group(1) if state else "(no state row)",
            "faults": [FAULT.match(l) for l in err.splitlines() if FAULT.match(l)],
            "recoveries": [RECOVERED.match(l) for l in err.splitlines() if RECOVERED.match(l)],
            "other_err": [l for l in err.splitlines() if l and not FAULT.match(l) and not RECOVERED.match(l)]}


def fpm_case(c, ext, tmp):
    """Under php-fpm the fault is said once per worker, on the pool's error log."""
    import threading
    from load import FPM, fcgi_request
    d = os.path.join(tmp, "fpm")
    os.mkdir(d, 0o755)
    errs = os.path.join(tmp, "fpm-errors")
    os.mkdir(errs, 0o777)
    os.chmod(errs, 0o777)
    sock = os.path.join(errs, "fpm.sock")
    log = os.path.join(d, "decisions.log")
    with open(os.path.join(tmp, "fpm-php.ini"), "w") as f:
        f.write(f"extension=sockets\nextension={ext}\nappengine_sockets.log={log}\n"
                f"log_errors=1\ndisplay_errors=0\nerror_log={errs}/php-errors.log\n")
    with open(os.path.join(tmp, "fpm.conf"), "w") as f:
        f.write(f"[global]\nerror_log = {errs}/fpm.log\ndaemonize = no\n[w]\nuser = nobody\ngroup = nogroup\n"
                f"listen = {sock}\nlisten.mode = 0666\npm = static\npm.max_children = 4\n")
    fpm = subprocess.Popen([FPM, "-F", "-n", "-c", os.path.join(tmp, "fpm-php.ini"),
                            "-y", os.path.join(tmp, "fpm.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    health = os.path.join(HERE, "docroot", "health.php")
    bodies, lock = [], threading.Lock()

    def client():
        for _ in range(50):
            try:
                out, _, done = fcgi_request(sock, "", timeout=10, script=health)
                body = out.split(b"\r\n\r\n", 1)[-1].decode(errors="replace").strip()
            except OSError as e:
                body = f"error {e}"
            with lock:
                bodies.append(body)

    try:
        import time
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        fpm.terminate()
        fpm.wait(timeout=10)
    good = [b for b in bodies if b.endswith("allowed=ok refused=errno13")]
    pids = {re.search(r"pid=(\d+)", b).group(1) for b in good}
    c.ok(f"fpm: enforcement unchanged in every request ({len(good)}/400)", len(good) == 400, str(bodies[:2]))
    try:
        with open(os.path.join(errs, "php-errors.log"), errors="replace") as f:
            said = [l for l in f.read().splitlines() if "appengine_sockets: decision log" in l]
    except OSError:
        said = []
    c.ok(f"fpm: said once per worker on the pool's error log ({len(said)} lines, {len(pids)} workers served)",
         len(said) == len(pids) and all(log in l and "(errno 13)" in l for l in said), "\n".join(said[:6]))
    c.ok("fpm: the log is as it was (no file)", not os.path.exists(log))
    return len(pids)


def lines(path):
    if not os.path.exists(path):
        return 0, []
    recs, bad = read_log(path)
    return len(recs), bad


def main():
    ext = sys.argv[1]
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="aes-logfaults.")
    os.chmod(tmp, 0o755)
    as_nobody = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
    figures = {}
    try:
        print("# healthy: a plain file", flush=True)
        log = os.path.join(tmp, "ok.log")
        r = run(c, "healthy", log, ext=ext)
        base = r["secs"]
        n, bad = lines(log)
        c.ok(f"healthy: {n} lines, all whole JSON, nothing said", n == 3 * N and not bad and not r["err"].strip(),
             r["err"][:300])
        c.ok(f"healthy: state row ({r['state']})", r["state"].startswith("ok"), r["state"])
        figures["healthy"] = base

        print("# rotate: renamed half-way, a new empty file created (logrotate create)", flush=True)
        log = os.path.join(tmp, "rot.log")
        r = run(c, "rotate", log, ("75", f"rotate:{log}"), ext=ext)  # 75 of 300 rounds: 225 decisions before
        n1, bad1 = lines(log + ".1")
        n2, bad2 = lines(log)
        c.ok(f"rotate: the old file has the 225 decisions before the rename ({n1}), the new file the "
             f"{3 * N - 225} after ({n2}), none lost", (n1, n2) == (225, 3 * N - 225) and not bad1 + bad2)
        c.ok("rotate: nothing said", not r["err"].strip(), r["err"][:300])
        figures["rotate"] = r["secs"]

        for case, setup in (("dir", "directory"), ("file", "file")):
            print(f"# {case}: the log's {setup} not writable for the PHP user (nobody)", flush=True)
            d = os.path.join(tmp, f"ro-{case}")
            os.mkdir(d, 0o755)
            log = os.path.join(d, "decisions.log")
            if case == "file":
                with open(log, "w"):
                    pass
                os.chmod(log, 0o644)
            r = run(c, case, log, prefix=as_nobody, ext=ext)
            f = r["faults"]
            c.ok(f"{case}: said once ({len(f)}), naming the file and EACCES",
                 len(f) == 1 and f[0].group(1) == log and f[0].group(4) == "13", r["err"][:400])
            c.ok(f"{case}: nothing else on stderr", not r["other_err"], str(r["other_err"][:3]))
            c.ok(f"{case}: state row counts the {3 * N} lines lost ({r['state']})",
                 "errno 13" in r["state"] and f"{3 * N} lines lost" in r["state"], r["state"])
            c.ok(f"{case}: the log is as it was (no line)", lines(log)[0] == 0)
            figures[case] = r["secs"]

        print("# full: a full file system (256 KiB tmpfs), space freed half-way", flush=True)
        d = os.path.join(tmp, "full")
        os.mkdir(d)
        log = os.path.join(d, "decisions.log")
        sh = ('set -e; mount -t tmpfs -o size=256k tmpfs "$1"; head -c 1048576 /dev/zero > "$1/filler" 2>/dev/null || true; '
              'shift; exec "$@"')
        # The tmpfs lives in the child's mount namespace only: copy the log out after PHP.
        prefix = ("unshare", "--mount", "--propagation", "private", "sh", "-c", sh, "sh", d)
        keep = os.path.join(tmp, "full-copy.log")
        wrapper = ("sh", "-c", 'src=$1 dst=$2; shift 2; "$@"; rc=$?; cp "$src" "$dst"; exit $rc', "sh", log, keep)
        r = run(c, "full", log, ("150", f"unlink:{d}/filler"), prefix=prefix + wrapper, ext=ext)
        f, rec = r["faults"], r["recoveries"]
        c.ok(f"full: said once ({len(f)}), naming the file and ENOSPC",
             len(f) == 1 and f[0].group(1) == log and f[0].group(4) == "28", r["err"][:400])
        c.ok(f"full: the recovery said once, with the lines lost ({len(rec)}: "
             f"{rec[0].group(2) if rec else '-'} lost)", len(rec) == 1 and rec[0].group(2) == "450", r["err"][:400])
        n, bad = lines(keep)
        c.ok(f"full: after the space came back every decision was logged ({n} lines, all whole)",
             n == 3 * N - 450 and not bad, str(bad[:2]))
        c.ok(f"full: state row ok again ({r['state']})", r["state"].startswith("ok"), r["state"])
        figures["full"] = r["secs"]

        print("# devlog: syslog with /dev/log missing", flush=True)
        d = os.path.join(tmp, "nodevlog")
        os.makedirs(os.path.join(d, "dev"))
        prefix = ("unshare", "--mount", "--propagation", "private", "sh", "-c", PRIVATE_DEV, "sh", d)
        r = run(c, "devlog", "syslog", prefix=prefix, ext=ext)
        f = r["faults"]
        c.ok(f"devlog: said once ({len(f)}), naming syslog (/dev/log) and ENOENT",
             len(f) == 1 and f[0].group(1) == "syslog (/dev/log)" and f[0].group(4) == "2", r["err"][:400])
        c.ok(f"devlog: state row counts the lines lost ({r['state']})", f"{3 * N} lines lost" in r["state"], r["state"])
        figures["devlog"] = r["secs"]

        print("# stuck: syslog, /dev/log a socket nobody reads", flush=True)
        d = os.path.join(tmp, "stuckdevlog")
        os.makedirs(os.path.join(d, "dev"))
        stuck = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        stuck.bind(os.path.join(d, "dev", "log"))
        try:
            prefix = ("unshare", "--mount", "--propagation", "private", "sh", "-c", PRIVATE_DEV, "sh", d)
            r = run(c, "stuck", "syslog", prefix=prefix, ext=ext, timeout=30)
        finally:
            stuck.close()
        if r is not None:
            f = r["faults"]
            c.ok(f"stuck: never waits; said once ({len(f)}), naming syslog (/dev/log) and EAGAIN",
                 len(f) == 1 and f[0].group(1) == "syslog (/dev/log)" and f[0].group(4) == "11", r["err"][:400])
            figures["stuck"] = r["secs"]

        print("# fpm: 4 workers as nobody, the log's directory not writable, 400 requests from 8 clients",
              flush=True)
        fpm_case(c, ext, tmp)
        print("     seconds for %d decisions: %s" % (3 * N, ", ".join(f"{k} {v:.3f}" for k, v in figures.items())),
              flush=True)
        slow = {k: v for k, v in figures.items() if v > 3 * base + 1.0}
        c.ok("no fault slows the run beyond 3x the healthy run + 1 s", not slow, str(slow))
        print("FIGURES " + json.dumps(figures), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{c.passed} passed, {c.failed} failed", flush=True)
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
