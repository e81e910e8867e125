#!/usr/bin/env python3
"""Catch-all TCP/UDP/TLS listener for the private test namespace (tests/netns/run.sh).

usage: catcher.py LOGFILE READYFILE [FIXTURES_DIR]

Listens on 0.0.0.0 and :: (IPV6_V6ONLY=1) so that ANY address put on `lo` answers:
  TCP  80 25 53 465 587 993 995 8080  -> banner "HELLO <local_ip> <local_port>\n", then echo
  TLS  443 8443 (fixtures/tls.test.crt) -> same banner/echo, after the handshake
                                         (the log line is written at accept time)
  UDP  53 9999                        -> reply "HELLO <local_ip> <local_port>\n" per datagram
Application-level responders (same log line at accept time, kind = the mode):
  HTTP  8081 (HTTPS 8444, fixtures/tls.test.crt) -> one HTTP/1.0 response, then close:
        GET /redirect?to=URL  -> 302 Found, Location: URL (percent-decoded)
        POST /soap...         -> a SOAP 1.1 envelope whose <return> is "HTTP <ip> <port>"
        ... .xml              -> 200 OK, <catcher>HTTP <local_ip> <local_port> <METHOD> <target></catcher>
        anything else         -> 200 OK, body "HTTP <local_ip> <local_port> <METHOD> <target>\n"
  FTP   21 2121                  -> scripted FTP control connection: 220, USER 331, PASS 230,
        TYPE 200, SIZE 213, EPSV 500, PASV 227 pointing at 10.0.0.5:80 (port 21) or at
        11.0.0.1:80 (port 2121), RETR 150 then 226, QUIT 221, anything else 502
  MYSQL 3306                     -> a MySQL ERR packet (1130) instead of a greeting, then close
and appends one line per connection/datagram to LOGFILE, flushed at once:
  "tcp|tls|udp|http|https|ftp|mysql <local_ip> <local_port> <peer_ip>"
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
import urllib.parse

TCP_PORTS = (80, 25, 53, 465, 587, 993, 995, 8080)
TLS_PORTS = (443, 8443)
UDP_PORTS = (53, 9999)
HTTP_PORTS = (8081,)
HTTPS_PORTS = (8444,)
FTP_PORTS = (21, 2121)
MYSQL_PORTS = (3306,)
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


def serve_stream(conn, tls_ctx, logf, mode=None):
    """One thread per connection: log, banner, echo until EOF/idle timeout
    (or, with a mode, that application responder)."""
    try:
        conn.setblocking(True)
        conn.settimeout(IDLE_TIMEOUT)
        local = conn.getsockname()[:2]
        peer = norm(conn.getpeername()[0])
        lip = norm(local[0])
        # Logged at accept, before any TLS handshake: a connection that reached
        # us counts even if the client then rejects our certificate.
        log(logf, mode or ("tcp" if tls_ctx is None else "tls"), (lip, local[1]), peer)
        if tls_ctx is not None:
            conn = tls_ctx.wrap_socket(conn, server_side=True)
        if mode is not None:
            RESPONDERS[mode](conn, lip, local[1])
            return
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


def read_http_request(conn):
    """(method, target, body) of one HTTP request; ("", "/", b"") on garbage."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length" and value.strip().isdigit():
            length = min(int(value.strip()), 1 << 20)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return (parts[0], parts[1] if len(parts) > 1 else "/", body)


def serve_http(conn, lip, lport):
    """One HTTP/1.0 response (see the module docstring), then close."""
    method, target, _body = read_http_request(conn)
    path, _, query = target.partition("?")
    headers = []
    if path == "/redirect":
        to = urllib.parse.parse_qs(query).get("to", ["/"])[0]
        status, ctype, body = "302 Found", "text/plain", f"redirect to {to}\n"
        headers.append(f"Location: {to}")
    elif method == "POST" and path.startswith("/soap"):
        status, ctype = "200 OK", "text/xml; charset=utf-8"
        body = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
                ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
                ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<SOAP-ENV:Body><ns1:callResponse xmlns:ns1="urn:catcher">'
                f'<return xsi:type="xsd:string">HTTP {lip} {lport}</return>'
                '</ns1:callResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>')
    elif path.endswith(".xml"):
        status, ctype = "200 OK", "text/xml"
        body = f'<?xml version="1.0"?>\n<catcher>HTTP {lip} {lport} {method} {target}</catcher>\n'
    else:
        status, ctype, body = "200 OK", "text/plain", f"HTTP {lip} {lport} {method} {target}\n"
    raw = body.encode()
    head = [f"HTTP/1.0 {status}", f"Content-Type: {ctype}",
            f"Content-Length: {len(raw)}", "Connection: close"] + headers
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + raw)


def serve_ftp(conn, lip, lport):
    """A scripted FTP control connection (see the module docstring). No data
    connection is ever opened by us: PASV only tells the client where to go."""
    pasv = "10,0,0,5,0,80" if lport == 21 else "11,0,0,1,0,80"
    replies = {
        "USER": "331 password please", "PASS": "230 logged in", "TYPE": "200 ok",
        "SIZE": "213 18", "EPSV": "500 no EPSV here", "PASV": f"227 Entering Passive Mode ({pasv})",
        "CWD": "250 ok", "PWD": '257 "/"', "SYST": "215 UNIX Type: L8", "FEAT": "211 no features",
        "OPTS": "200 ok", "MODE": "200 ok", "STRU": "200 ok", "NOOP": "200 ok",
        "QUIT": "221 bye",
    }
    f = conn.makefile("rb")
    conn.sendall(b"220 catcher ftp\r\n")
    for raw in f:
        cmd = raw.decode("latin-1").strip().split(" ")[0].upper()
        if cmd == "RETR":
            conn.sendall(b"150 opening data connection\r\n226 transfer complete\r\n")
            continue
        conn.sendall((replies.get(cmd, "502 not implemented") + "\r\n").encode())
        if cmd == "QUIT":
            break


def serve_mysql(conn, lip, lport):
    """A MySQL ERR packet in place of the server greeting, then close."""
    payload = b"\xff" + struct.pack("<H", 1130) + b"catcher: not a MySQL server"
    conn.sendall(struct.pack("<I", len(payload))[:3] + b"\x00" + payload)


RESPONDERS = {"http": serve_http, "https": serve_http, "ftp": serve_ftp, "mysql": serve_mysql}


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
        for ports, ctx, mode in ((HTTP_PORTS, None, "http"), (HTTPS_PORTS, tls_ctx, "https"),
                                 (FTP_PORTS, None, "ftp"), (MYSQL_PORTS, None, "mysql")):
            for p in ports:
                sel.register(listener(fam, socket.SOCK_STREAM, p), selectors.EVENT_READ, ("tcp", ctx, mode))
    with open(readypath, "w") as f:
        f.write(f"{os.getpid()}\n")
    print("catcher: ready", file=sys.stderr, flush=True)

    while not stop.is_set():
        for key, _ in sel.select(timeout=0.5):  # bounded wait: re-check `stop`
            kind, ctx = key.data[:2]
            mode = key.data[2] if len(key.data) > 2 else None
            if kind == "udp":
                serve_dgram(key.fileobj, logf)
                continue
            try:
                conn, _ = key.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                continue
            threading.Thread(target=serve_stream, args=(conn, ctx, logf, mode), daemon=True).start()
    logf.close()


if __name__ == "__main__":
    main()
