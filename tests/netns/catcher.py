#!/usr/bin/env python3
"""Catch-all TCP/UDP/TLS listener for the private test namespace (tests/netns/run.sh).

usage: catcher.py LOGFILE READYFILE [FIXTURES_DIR]

Listens on 0.0.0.0 and :: (IPV6_V6ONLY=1) so that ANY address put on `lo` answers:
  TCP  80 25 53 465 587 993 995 8080  -> banner "HELLO <local_ip> <local_port>\n", then echo
  TLS  443 8443 (fixtures/tls.test.crt) -> same banner/echo, after the handshake
                                         (the log line is written at accept time)
  UDP  53 9999                        -> reply "HELLO <local_ip> <local_port>\n" per datagram
and appends one line per connection/datagram to LOGFILE, flushed at once:
  "tcp|tls|udp <local_ip> <local_port> <peer_ip>"
Tests read LOGFILE to prove that a refused connection never reached a listener.
READYFILE is created once every socket is bound. Exits on SIGTERM/SIGINT.
Standard library only.
"""
import os
import selectors
import signal
import socket
import ssl
import struct
import sys
import threading

TCP_PORTS = (80, 25, 53, 465, 587, 993, 995, 8080)
TLS_PORTS = (443, 8443)
UDP_PORTS = (53, 9999)
IDLE_TIMEOUT = 10.0  # per-connection: a forgotten client never pins a thread forever

# Linux constants missing from Python's socket module (IP_PKTINFO) on 3.11.
IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)

_log_lock = threading.Lock()


def log(f, kind, local, peer):
    with _log_lock:
        f.write(f"{kind} {local[0]} {local[1]} {peer}\n")
        f.flush()


def norm(ip):
    # Accepted IPv6 sockets never see v4-mapped peers (V6ONLY), but be safe.
    return ip[7:] if ip.startswith("::ffff:") and "." in ip else ip.split("%")[0]


def listener(family, typ, port):
    s = socket.socket(family, typ)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # REUSEPORT lets dns.py bind 127.0.0.53:53 next to our wildcard :53 (the
    # more specific bind wins), whichever of the two starts first.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        if typ == socket.SOCK_DGRAM:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    elif typ == socket.SOCK_DGRAM:
        s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
    s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))
    if typ == socket.SOCK_STREAM:
        s.listen(64)
    s.setblocking(False)
    return s


def serve_stream(conn, tls_ctx, logf):
    """One thread per connection: log, banner, echo until EOF/idle timeout."""
    try:
        conn.setblocking(True)
        conn.settimeout(IDLE_TIMEOUT)
        local = conn.getsockname()[:2]
        peer = norm(conn.getpeername()[0])
        lip = norm(local[0])
        # Logged at accept, before any TLS handshake: a connection that reached
        # us counts even if the client then rejects our certificate.
        log(logf, "tcp" if tls_ctx is None else "tls", (lip, local[1]), peer)
        if tls_ctx is not None:
            conn = tls_ctx.wrap_socket(conn, server_side=True)
        conn.sendall(f"HELLO {lip} {local[1]}\n".encode())
        while True:
            data = conn.recv(65536)
            if not data:
                break
            conn.sendall(data)
    except (OSError, ssl.SSLError):
        pass  # handshake failures (e.g. client rejects cert) and resets are normal
    finally:
        try:
            conn.close()
        except OSError:
            pass


def serve_dgram(s, logf):
    """Reply from the exact address the datagram was sent to (IP_PKTINFO), or a
    connect()ed UDP client (PHP's udp://) would drop the reply."""
    v6 = s.family == socket.AF_INET6
    while True:
        try:
            data, anc, _flags, peer = s.recvmsg(65536, 256)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return
        local_ip, reply_anc = None, []
        for level, typ, cdata in anc:
            if v6 and level == socket.IPPROTO_IPV6 and typ == socket.IPV6_PKTINFO:
                local_ip = socket.inet_ntop(socket.AF_INET6, cdata[:16])
                reply_anc = [(level, typ, cdata[:16] + struct.pack("I", 0))]
            elif not v6 and level == socket.IPPROTO_IP and typ == IP_PKTINFO:
                # struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }
                dst = cdata[8:12]
                local_ip = socket.inet_ntop(socket.AF_INET, dst)
                reply_anc = [(level, typ, struct.pack("i", 0) + dst + bytes(4))]
        port = s.getsockname()[1]
        local_ip = local_ip or s.getsockname()[0]
        log(logf, "udp", (local_ip, port), norm(peer[0]))
        try:
            s.sendmsg([f"HELLO {local_ip} {port}\n".encode()], reply_anc, 0, peer)
        except OSError:
            pass


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: catcher.py LOGFILE READYFILE [FIXTURES_DIR]")
    logpath, readypath = sys.argv[1], sys.argv[2]
    fixtures = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "fixtures")
    tls_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls_ctx.load_cert_chain(os.path.join(fixtures, "tls.test.crt"),
                            os.path.join(fixtures, "tls.test.key"))

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    logf = open(logpath, "a", buffering=1)
    sel = selectors.DefaultSelector()
    for fam in (socket.AF_INET, socket.AF_INET6):
        for p in TCP_PORTS:
            sel.register(listener(fam, socket.SOCK_STREAM, p), selectors.EVENT_READ, ("tcp", None))
        for p in TLS_PORTS:
            sel.register(listener(fam, socket.SOCK_STREAM, p), selectors.EVENT_READ, ("tcp", tls_ctx))
        for p in UDP_PORTS:
            sel.register(listener(fam, socket.SOCK_DGRAM, p), selectors.EVENT_READ, ("udp", None))
    with open(readypath, "w") as f:
        f.write(f"{os.getpid()}\n")
    print("catcher: ready", file=sys.stderr, flush=True)

    while not stop.is_set():
        for key, _ in sel.select(timeout=0.5):  # bounded wait: re-check `stop`
            kind, ctx = key.data
            if kind == "udp":
                serve_dgram(key.fileobj, logf)
                continue
            try:
                conn, _ = key.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                continue
            threading.Thread(target=serve_stream, args=(conn, ctx, logf), daemon=True).start()
    logf.close()


if __name__ == "__main__":
    main()
