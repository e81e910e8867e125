#!/usr/bin/env python3
"""The server-wide counters under php-fpm, against the decision log, Prometheus and StatsD.

usage: metrics.py EXT        (run by tests/metrics/run.sh, inside tests/netns/run.sh)

One php-fpm master, two pools: `apps` (pm = static, 4 workers, pm.max_requests small so
every worker is recycled many times) runs tests/load/app.php (13 connection attempts per
request through streams, ext/sockets, persistent streams and ext/curl, 7 of them refused)
for five app ids (PHP_ADMIN_VALUE), with appengine_sockets.metrics_apps = 3 so two apps
are folded into app="other"; `status` runs tests/metrics/status.php, the status script
(appengine_sockets_metrics()). A small HTTP front (the operator's web server) serves the
status pool to a real Prometheus server started here, which scrapes it every second. A
UDP listener is the StatsD receiver (appengine_sockets.statsd). Checks:

  * every request answered as expected; workers recycled several times;
  * the counters == the decision log, per (app, decision, rule class) exactly (the lines' `class`); per layer the
    counts the responses imply; log lines written == lines in the log;
  * app folding: the slots hold three apps, the folds == the folded apps' requests;
  * `promtool check metrics` accepts the text;
  * Prometheus's query API returns the same totals (sum, by decision, by layer, by app);
  * the StatsD receiver got the same totals per (app, decision, rule, layer), and no
    datagram was lost;
  * a second server pushing to a port where nothing listens: every request answered,
    the losses counted; a third with a receiver, the same size (the request rates and
    worker CPU per request of both are printed, not judged).

AES_METRICS_N: requests of the load run (default 6000: about 45 s on the 2-core CI
machine; 20000, the figures docs/metrics.md reports, about 2 min). Standard library
only (plus Debian's prometheus package). Prints one line per check and "N passed, M
failed".
"""

import collections
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "load"))
from load import CLIENTS, WORKERS, Checks, Fpm, fcgi_request, read_log  # noqa: E402
from load import drive as load_drive  # noqa: E402

STATUS = os.path.join(HERE, "status.php")
APPS = [f"app{i}" for i in range(5)]
SLOTS = 3
STATSD_PORT, NO_STATSD_PORT, HTTP_PORT, PROM_PORT = 18125, 18126, 19253, 19090
QUERY = "tp=81&up=9998"  # refused targets on closed ports: nothing connects anyway
# Per request: (layer, decision) -> count; the persistent stream's allowed decision is
# added when it was a new connection.
PER_REQUEST = {("stream", "allowed"): 2, ("stream", "refused"): 4, ("function", "allowed"): 2,
               ("function", "refused"): 2, ("libc", "allowed"): 1, ("libc", "refused"): 1}
SERIES = re.compile(r'^appengine_sockets_decisions_total\{app="((?:[^"\\]|\\.)*)",decision="(\w+)",'
                    r'rule="(\w+)",layer="(\w+)"\} (\d+)$')
VERDICT = {"allow": "allowed", "deny": "refused", "report": "reported"}


class Server(Fpm):
    """One php-fpm master (tests/load's) with the apps pool and the status pool."""

    def __init__(self, tmp, name, ext, statsd, max_requests):
        self.status_sock = os.path.join(tmp, name, "status.sock")
        super().__init__(tmp, name, ext, max_requests=max_requests, log=os.path.join(tmp, f"{name}-decisions.log"),
                         ini=[f"appengine_sockets.metrics_apps={SLOTS}", f"appengine_sockets.statsd=127.0.0.1:{statsd}"],
                         pools=f"[status]\nlisten = {self.status_sock}\npm = static\npm.max_children = 1\n")

    def metrics(self):
        """(content type, body) of the status script."""
        out, err, complete = fcgi_request(self.status_sock, "", script=STATUS)
        head, _, body = out.partition(b"\r\n\r\n")
        ctype = next((line.split(b":", 1)[1].strip().decode() for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-type:")), "")
        if err or not complete:
            raise RuntimeError(f"status script: {err[:200]!r}")
        return ctype, body.decode()


def drive(server, total):
    """`total` requests (tests/load's drive), request i for app APPS[i % 5]. Returns
    (answers: list of (app, body or None, error), seconds)."""
    app = lambda i: APPS[i % len(APPS)]  # noqa: E731
    results, secs = load_drive(server, total, QUERY,
                               params=lambda i: {"PHP_ADMIN_VALUE": f"appengine_sockets.app_id={app(i)}"})
    return [(app(i), body, error) for i, body, error in results], secs


def parse(text):
    """(decisions: {(app, decision, rule, layer): n}, other samples: {name: value})."""
    decisions, samples = {}, {}
    for line in text.splitlines():
        m = SERIES.match(line)
        if m:
            app = m.group(1).replace('\\"', '"').replace("\\\\", "\\")
            decisions[(app, m.group(2), m.group(3), m.group(4))] = int(m.group(5))
        elif line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = int(value)
    return decisions, samples


def by(decisions, *keys):
    """Sums of `decisions` grouped by label positions (0 app, 1 decision, 2 rule, 3 layer)."""
    out = collections.Counter()
    for k, v in decisions.items():
        out[tuple(k[i] for i in keys)] += v
    return out


class StatsdReceiver:
    """A UDP listener summing DogStatsD counter lines by tags."""

    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.sock.bind(("127.0.0.1", port))
        self.sock.settimeout(0.2)
        self.sums = collections.Counter()
        self.datagrams = 0
        self.bad = []
        self.running = True
        self.thread = threading.Thread(target=self.loop)
        self.thread.start()

    def loop(self):
        while self.running:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            self.datagrams += 1
            for line in data.decode(errors="replace").split("\n"):
                m = re.match(r"^appengine_sockets\.decisions:(\d+)\|c\|#app:([^,]*),decision:(\w+),rule:(\w+),"
                             r"layer:(\w+)$", line)
                if m:
                    self.sums[(m.group(2), m.group(3), m.group(4), m.group(5))] += int(m.group(1))
                else:
                    self.bad.append(line[:200])

    def stop(self):
        self.running = False
        self.thread.join()
        self.sock.close()


def http_front(server_ref):
    """The operator's web server: GET /metrics is the status pool's status.php."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            try:
                ctype, body = server_ref[0].metrics()
                data, code = body.encode(), 200
            except (OSError, RuntimeError) as e:
                ctype, data, code = "text/plain", str(e).encode(), 502
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", HTTP_PORT), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def prom_query(q):
    url = f"http://127.0.0.1:{PROM_PORT}/api/v1/query?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url, timeout=10) as r:
        res = json.load(r)
    return {tuple(sorted(x["metric"].items())): int(float(x["value"][1])) for x in res["data"]["result"]}


def main():
    ext = sys.argv[1]
    total = int(os.environ.get("AES_METRICS_N", "6000"))
    max_requests = max(10, total // (WORKERS * 8))  # every worker recycled about 8 times
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="aes-metrics.")
    server, prom, httpd, receiver = None, None, None, None
    ref = [None]
    try:
        receiver = StatsdReceiver(STATSD_PORT)
        server = Server(tmp, "load", ext, STATSD_PORT, max_requests)
        ref[0] = server
        httpd = http_front(ref)
        prom_dir = os.path.join(tmp, "prometheus")
        os.makedirs(prom_dir)
        with open(os.path.join(prom_dir, "prometheus.yml"), "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: appengine_sockets
    static_configs:
      - targets: ['127.0.0.1:{HTTP_PORT}']
""")
        prom = subprocess.Popen(
            ["prometheus", f"--config.file={prom_dir}/prometheus.yml", f"--storage.tsdb.path={prom_dir}/data",
             f"--web.listen-address=127.0.0.1:{PROM_PORT}"],
            stdout=open(os.path.join(prom_dir, "prometheus.log"), "w"), stderr=subprocess.STDOUT)

        print(f"# load: {total} requests, {CLIENTS} clients, {WORKERS} workers, pm.max_requests = "
              f"{max_requests}, apps {', '.join(APPS)} ({SLOTS} app slots)", flush=True)
        answers, secs = drive(server, total)
        print(f"     {total / secs:.0f} req/s ({secs:.1f} s)", flush=True)
        lost = [(a, e) for a, b, e in answers if b is None]
        c.ok(f"load: every request answered ({total - len(lost)}/{total})", not lost, str(lost[:3]))
        new_pf = collections.Counter(a for a, b, _ in answers if b and b["r"].get("pfsock") == "new")
        recycled = server.log_text().count("exited with code 0 after")
        c.ok(f"load: workers recycled during the run ({recycled} times)", recycled >= 2 * WORKERS)

        ctype, text = server.metrics()
        decisions, samples = parse(text)
        with open(os.path.join(tmp, "metrics.txt"), "w") as f:
            f.write(text)
        records, bad = read_log(server.decision_log)
        c.ok(f"decision log: {len(records)} whole lines", not bad and records, str(bad[:2]))

        # The counters against the decision log: the apps with a slot are those the
        # counters name; every other app's lines belong to app="other".
        slotted = {k[0] for k in decisions} - {"other", ""}
        c.ok(f"app slots: {SLOTS} apps have one ({', '.join(sorted(slotted))}), the rest are \"other\"",
             len(slotted) == SLOTS and slotted <= set(APPS) and samples.get("appengine_sockets_app_slots_used") == SLOTS)
        log_by = collections.Counter()
        for r in records:
            app = r["app_id"] if r["app_id"] in slotted else "other"
            log_by[(app, VERDICT[r["verdict"]], r["class"])] += 1
        counted_by = by(decisions, 0, 1, 2)
        print("     per app, decision, rule (counters / log lines):", flush=True)
        for k in sorted(set(log_by) | set(counted_by)):
            print(f"       {k}: {counted_by.get(k, 0)} / {log_by.get(k, 0)}", flush=True)
        c.ok(f"counters == decision log per app, decision and rule ({sum(counted_by.values())} decisions, "
             f"{len(records)} lines)", counted_by == log_by)
        per_request = collections.Counter()
        for k, n in PER_REQUEST.items():
            per_request[k] = n * total
        per_request[("stream", "allowed")] += sum(new_pf.values())
        layer_dec = by(decisions, 3, 1)
        c.ok(f"counters per layer and decision == what the responses imply ({dict(layer_dec)})",
             layer_dec == per_request, f"expected {dict(per_request)}")
        folded = sum(1 for a, b, _ in answers if a not in slotted)
        c.ok(f"app folds == requests of the folded apps ({samples.get('appengine_sockets_app_folds_total')} / "
             f"{folded})", samples.get("appengine_sockets_app_folds_total") == folded)
        c.ok(f"log lines written ({samples.get('appengine_sockets_log_lines_written_total')}) == lines in the log, "
             "none lost", samples.get("appengine_sockets_log_lines_written_total") == len(records)
             and samples.get("appengine_sockets_log_lines_lost_total") == 0)

        check = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
        c.ok("promtool check metrics accepts the status script's text",
             check.returncode == 0, (check.stdout + check.stderr)[:500])

        # Prometheus: wait for a scrape made after the load, then ask its query API.
        want_total = sum(decisions.values())
        got = {}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                got = prom_query("sum(appengine_sockets_decisions_total)")
                if list(got.values()) == [want_total]:
                    break
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.5)
        c.ok(f"Prometheus: sum(appengine_sockets_decisions_total) = {list(got.values())} (counters: {want_total})",
             list(got.values()) == [want_total])
        for label, idx in (("decision", 1), ("layer", 3), ("app", 0), ("rule", 2)):
            q = f"sum by ({label}) (appengine_sockets_decisions_total)"
            try:
                res = {dict(k).get(label, ""): v for k, v in prom_query(q).items()}
            except (OSError, ValueError, KeyError) as e:
                res = {"error": str(e)}
            want = {k[0]: v for k, v in by(decisions, idx).items()}
            print(f"     Prometheus {q}: {res}", flush=True)
            c.ok(f"Prometheus: {q} == the counters", res == want, f"counters {want}")
        try:
            res = prom_query("appengine_sockets_log_lines_written_total")
        except (OSError, ValueError, KeyError):
            res = {}
        c.ok(f"Prometheus: appengine_sockets_log_lines_written_total = {list(res.values())}",
             list(res.values()) == [len(records)])

        # StatsD: the receiver's sums == the counters.
        time.sleep(1)
        receiver.stop()
        sent = samples.get("appengine_sockets_statsd_datagrams_sent_total")
        c.ok(f"StatsD: {receiver.datagrams} datagrams received, {sent} sent, "
             f"{samples.get('appengine_sockets_statsd_datagrams_lost_total')} lost",
             receiver.datagrams == sent and samples.get("appengine_sockets_statsd_datagrams_lost_total") == 0)
        c.ok("StatsD: every line a DogStatsD counter with the four tags", not receiver.bad, str(receiver.bad[:3]))
        c.ok(f"StatsD: sums per app, decision, rule, layer == the counters ({sum(receiver.sums.values())} decisions)",
             dict(receiver.sums) == decisions,
             f"first differences: {[(k, receiver.sums.get(k), decisions.get(k)) for k in set(receiver.sums) ^ set(decisions) | {k for k in decisions if receiver.sums.get(k) != decisions[k]}][:5]}")
        receiver = None
        server.stop()
        perr = open(server.php_log, errors="replace").read().strip() if os.path.exists(server.php_log) else ""
        c.ok("no PHP error logged", not perr, perr[:300])
        server = None

        # No receiver: nothing listens on the StatsD port. The same short run with a
        # receiver, for the request rate and worker CPU of both (printed, not judged).
        n2 = max(400, total // 20)
        cost = {}
        for side in ("no receiver", "receiver"):
            print(f"# {side}: {n2} requests", flush=True)
            if side == "receiver":
                receiver = StatsdReceiver(STATSD_PORT)
            server = Server(tmp, side.replace(" ", "-"), ext, NO_STATSD_PORT if side == "no receiver" else STATSD_PORT, 0)
            ref[0] = server
            cpu0 = server.worker_cpu()
            answers, secs2 = drive(server, n2)
            cost[side] = (n2 / secs2, (server.worker_cpu() - cpu0) / n2 * 1e6)
            _, text2 = server.metrics()
            _, samples2 = parse(text2)
            server.stop()
            server = None
            lost2 = [(a, e) for a, b, e in answers if b is None]
            c.ok(f"{side}: every request answered ({n2 - len(lost2)}/{n2})", not lost2, str(lost2[:3]))
            s2, l2 = (samples2.get("appengine_sockets_statsd_datagrams_sent_total"),
                      samples2.get("appengine_sockets_statsd_datagrams_lost_total"))
            if side == "no receiver":
                c.ok(f"no receiver: losses counted ({s2} datagrams handed to the kernel, {l2} lost)", l2 and l2 > 0)
            else:
                time.sleep(0.5)
                receiver.stop()
                c.ok(f"receiver: {receiver.datagrams} datagrams received, {s2} sent, {l2} lost",
                     receiver.datagrams == s2 and l2 == 0)
                receiver = None
        print("     " + ", ".join(f"{k}: {r:.0f} req/s, {u:.0f} us worker CPU per request" for k, (r, u) in cost.items())
              + " (a shared machine: printed, not judged)", flush=True)
    finally:
        if receiver:
            receiver.stop()
        if server:
            server.stop()
        if httpd:
            httpd.shutdown()
        if prom:
            prom.terminate()
            try:
                prom.wait(timeout=20)
            except subprocess.TimeoutExpired:
                prom.kill()
                prom.wait()
        if os.environ.get("AES_METRICS_KEEP") == "1":
            print(f"     kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
