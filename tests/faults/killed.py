#!/usr/bin/env python3
"""Requests killed mid-call by php-fpm's request_terminate_timeout (tests/faults/run.sh).

usage: killed.py EXT          (inside tests/netns/run.sh)

One php-fpm pool, one static worker, request_terminate_timeout = 2 s, app ids per
request (PHP_ADMIN_VALUE), the decision log on. App A opens a persistent socket; then
app B's request waits in a connect to a listener whose backlog is full (its SYN is
dropped, so the connect would wait 30 s) and is killed; then app B's and app A's
persistent sockets are checked (fresh, and each app's own); then a request waiting in a
lookup the DNS server never answers is killed. After each kill the successor worker
must be healthy (an allowed exchange works, a refusal is refused), fpm's log must show
only the two timeouts (SIGTERM) and no crash, and the decision log must hold only whole
JSON lines. Prints one line per check and "N passed, M failed".
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "load"))
from load import FPM, Checks, fcgi_request, read_log  # noqa: E402

DOCROOT = os.path.join(HERE, "docroot")
PERSIST = os.path.realpath(os.path.join(HERE, "..", "fpm", "docroot", "persist.php"))


def main():
    ext = sys.argv[1]
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="aes-killed.")
    sock = os.path.join(tmp, "fpm.sock")
    fpm_log = os.path.join(tmp, "fpm.log")
    dlog = os.path.join(tmp, "decisions.log")
    # opcache.enable=0: PHP 8.5's built-in OPcache (on in php-fpm) would fold ini_get() of
    # the app id into the first compile's value; off, as on earlier PHPs where it is not
    # loaded (unknown, so ignored, there).
    with open(os.path.join(tmp, "php.ini"), "w") as f:
        f.write(f"opcache.enable=0\nextension=sockets\nextension={ext}\nappengine_sockets.log={dlog}\n"
                f"error_reporting=E_ALL\ndisplay_errors=0\nlog_errors=1\nerror_log={tmp}/php-errors.log\n")
    with open(os.path.join(tmp, "fpm.conf"), "w") as f:
        f.write(f"""[global]
error_log = {fpm_log}
daemonize = no
[killed]
listen = {sock}
pm = static
pm.max_children = 1
request_terminate_timeout = 2s
env[RES_OPTIONS] = timeout:5 attempts:3
""")
    # A listener that never accepts, its backlog full: later SYNs are dropped.
    blackhole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    blackhole.bind(("11.0.0.3", 7000))
    blackhole.listen(0)
    fillers = []
    for _ in range(8):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex(("11.0.0.3", 7000))
        fillers.append(s)
    time.sleep(0.3)
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(("11.0.0.3", 7000))
        full = False
    except (socket.timeout, OSError):
        full = True
    probe.close()
    c.ok("the blackhole listener's backlog is full (a connect to it waits)", full)

    fpm = subprocess.Popen([FPM, "-F", "-R", "-n", "-c", os.path.join(tmp, "php.ini"), "-y",
                            os.path.join(tmp, "fpm.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def req(script, query, app=None, timeout=30):
        extra = {"PHP_ADMIN_VALUE": f"appengine_sockets.app_id={app}"} if app else None
        t = time.monotonic()
        try:
            out, err, complete = fcgi_request(sock, query, timeout=timeout, script=script, extra=extra)
        except OSError as e:
            return f"error {e}", False, time.monotonic() - t
        body = out.split(b"\r\n\r\n", 1)[-1].decode(errors="replace").strip()
        return body, complete, time.monotonic() - t

    def field(name, line):
        for part in line.split():
            if part.startswith(name + "="):
                return part[len(name) + 1:]
        return None

    def healthy(label, app):
        body, complete, _ = req(os.path.join(DOCROOT, "health.php"), "", app)
        c.ok(f"{label}: the successor answers, allowed traffic works, refusals refused",
             complete and body.endswith("allowed=ok refused=errno13") and f"app={app} " in body, body)
        return field("pid", body)

    try:
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        pid0 = healthy("start", "appA")

        print("# app A opens a persistent socket; app B's request waits in a connect and is killed", flush=True)
        q = "fn=pfsockopen&host=public.test&port=80"
        a1, _, _ = req(PERSIST, q, "appA")
        c.ok("A1: fresh persistent connection", "hello=HELLO_11.0.0.1_80 echo=ok" in a1, a1)
        body, complete, secs = req(os.path.join(DOCROOT, "hang.php"), "what=connect", "appB")
        c.ok(f"B's connect to the blackhole: killed by request_terminate_timeout after {secs:.1f} s "
             "(no complete response)", not complete and 1.5 <= secs < 10, f"{body!r} complete={complete}")
        pid1 = healthy("after the kill in connect", "appB")
        c.ok("after the kill: a new worker", pid1 is not None and pid1 != pid0, f"{pid0} -> {pid1}")
        b1, _, _ = req(PERSIST, q, "appB")
        a2, _, _ = req(PERSIST, q, "appA")
        b2, _, _ = req(PERSIST, q, "appB")
        a3, _, _ = req(PERSIST, q, "appA")
        c.ok("B after the kill: its own fresh connection", field("app", b1) == "appB" and "hello=HELLO_11.0.0.1_80 echo=ok" in b1, b1)
        c.ok("A after the kill: a fresh connection (its socket died with the worker), not B's",
             field("app", a2) == "appA" and "hello=HELLO_11.0.0.1_80 echo=ok" in a2
             and field("port", a2) != field("port", b1), f"{a2} / B: {b1}")
        c.ok("B again: B's socket back", field("port", b2) == field("port", b1) and "hello=none echo=ok" in b2, b2)
        c.ok("A again: A's socket back", field("port", a3) == field("port", a2) and "hello=none echo=ok" in a3, a3)

        print("# a request waiting in a lookup that is never answered is killed", flush=True)
        body, complete, secs = req(os.path.join(DOCROOT, "hang.php"), "what=lookup", "appA")
        c.ok(f"the lookup: killed by request_terminate_timeout after {secs:.1f} s",
             not complete and 1.5 <= secs < 10, f"{body!r} complete={complete}")
        pid2 = healthy("after the kill in a lookup", "appA")
        c.ok("after the second kill: a new worker", pid2 is not None and pid2 != pid1, f"{pid1} -> {pid2}")
        a4, _, _ = req(PERSIST, q, "appA")
        b4, _, _ = req(PERSIST, q, "appB")
        c.ok("A and B after the second kill: each a fresh connection of its own",
             "hello=HELLO_11.0.0.1_80" in a4 and "hello=HELLO_11.0.0.1_80" in b4
             and field("port", a4) != field("port", b4), f"{a4} / {b4}")
    finally:
        fpm.terminate()
        try:
            fpm.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fpm.kill()
            fpm.wait()
        for s in fillers:
            s.close()
        blackhole.close()

    with open(fpm_log, errors="replace") as f:
        log = f.read()
    timeouts = log.count("execution timed out")
    sigterm = log.count("exited on signal 15")
    other = [l for l in log.splitlines()
             if ("exited on signal" in l and "signal 15" not in l) or "core dumped" in l
             or ("exited with code" in l and "code 0" not in l)]
    c.ok(f"fpm log: two requests timed out and their workers ended by SIGTERM "
         f"(timed out: {timeouts}, SIGTERM: {sigterm})", timeouts == 2 and sigterm == 2, log[-800:])
    c.ok("fpm log: no other abnormal worker exit", not other, "; ".join(other))
    records, bad = read_log(dlog)
    c.ok(f"decision log: {len(records)} lines, every one whole JSON", records and not bad, str(bad[:2]))
    blk = [r for r in records if r["target"] == "11.0.0.3:7000"]
    c.ok("decision log: the killed connect's decision was logged before it waited (allow 11.0.0.3)",
         len(blk) == 1 and blk[0]["verdict"] == "allow" and blk[0]["app_id"] == "appB", str(blk))
    try:
        with open(os.path.join(tmp, "php-errors.log"), errors="replace") as f:
            perr = f.read().strip()
    except OSError:
        perr = ""
    c.ok("no PHP error logged", not perr, perr[:300])
    if os.environ.get("AES_FAULTS_KEEP") == "1":
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{c.passed} passed, {c.failed} failed", flush=True)
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
