#!/usr/bin/env python3
"""Per-request growth under php-fpm: one worker, many requests (run by bench/bench.py).

usage: fpm.py SIDE REQUESTS WORKLOAD N [php-fpm -d args...]

Starts php-fpm (pm = static, one worker, never recycled) on a unix socket in a temporary
directory, sends REQUESTS FastCGI requests for bench/workloads.php?w=WORKLOAD&n=N, and
prints one JSON line: the worker's pid and its VmRSS / memory_get_usage() at the end of
every request. Extra arguments (`-d extension=...`) go to php-fpm. Standard library only;
must run inside tests/netns/run.sh, as the workload talks to the namespace's test hosts.
"""

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "workloads.php")
FPM = os.environ.get("PHP_FPM") or shutil.which("php-fpm8.2") or shutil.which("php-fpm") or "php-fpm8.2"

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7


def record(kind, req_id, content=b""):
    return struct.pack("!BBHHBx", 1, kind, req_id, len(content), 0) + content


def pair(name, value):
    name, value = name.encode(), value.encode()

    def length(n):
        return struct.pack("!B", n) if n < 128 else struct.pack("!I", n | 0x80000000)

    return length(len(name)) + length(len(value)) + name + value


def request(sock_path, query):
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": "GET",
        "SCRIPT_FILENAME": SCRIPT,
        "SCRIPT_NAME": "/workloads.php",
        "REQUEST_URI": "/workloads.php?" + query,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SERVER_NAME": "bench",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
    }
    body = b"".join(pair(k, v) for k, v in params.items())
    msg = (record(FCGI_BEGIN_REQUEST, 1, struct.pack("!HB5x", 1, 0))
           + record(FCGI_PARAMS, 1, body) + record(FCGI_PARAMS, 1)
           + record(FCGI_STDIN, 1))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(30)
        s.connect(sock_path)
        s.sendall(msg)
        out, err, buf = b"", b"", b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
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
                    return out, err
    return out, err


def main():
    side, requests, workload, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    extra = sys.argv[5:]
    tmp = tempfile.mkdtemp(prefix="aes-fpm.")
    sock_path = os.path.join(tmp, "fpm.sock")
    conf = os.path.join(tmp, "fpm.conf")
    with open(conf, "w") as f:
        f.write(f"""[global]
error_log = {tmp}/fpm.log
daemonize = no
[bench]
listen = {sock_path}
pm = static
pm.max_children = 1
pm.max_requests = 0
catch_workers_output = yes
""")
    fpm = subprocess.Popen([FPM, "-F", "-R", "-y", conf, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if os.path.exists(sock_path):
                break
            if fpm.poll() is not None:
                sys.exit(f"fpm.py: php-fpm exited: {fpm.stderr.read().decode()}")
            time.sleep(0.05)
        else:
            sys.exit("fpm.py: php-fpm did not start")
        rows = []
        for _ in range(requests):
            out, err = request(sock_path, f"w={workload}&n={n}")
            text = out.split(b"\r\n\r\n", 1)[-1].decode()
            line = [l for l in text.splitlines() if l.startswith("{")]
            if not line:
                sys.exit(f"fpm.py: bad response: {out[:500]!r} {err[:500]!r}")
            rows.append(json.loads(line[-1]))
        pids = sorted({r["pid"] for r in rows})
        ok = all(r["ok"] == r["n"] + 1 for r in rows)
        print(json.dumps({"side": side, "requests": requests, "workload": workload, "n": int(n),
                          "pids": pids, "ok": ok,
                          "rss": [r["rss"][1] for r in rows], "mem": [r["mem"][1] for r in rows]}))
    finally:
        fpm.terminate()
        try:
            fpm.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fpm.kill()
            fpm.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
