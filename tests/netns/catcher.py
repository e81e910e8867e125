#!/usr/bin/env python3
"""Catch-all TCP/UDP/TLS listener for the private test namespace (tests/netns/run.sh).

usage: catcher.py LOGFILE READYFILE [FIXTURES_DIR]

Listens on 0.0.0.0 and :: (IPV6_V6ONLY=1) so that ANY address put on `lo` answers:
  TCP  80 25 53 465 587 993 995 8080 9092 -> banner "HELLO <local_ip> <local_port>\n", then echo
  TLS  443 8443 (fixtures/tls.test.crt) -> same banner/echo, after the handshake
                                         (the log line is written at accept time)
  UDP  53 9999                        -> reply "HELLO <local_ip> <local_port>\n" per datagram
Application-level responders (same log line at accept time, kind = the mode):
  HTTP  8081 (HTTPS 8444, fixtures/tls.test.crt) -> one HTTP/1.0 response, then close:
        GET /redirect?to=URL  -> 302 Found, Location: URL (percent-decoded);
                                 &code=301 (or 303, 307, 308) answers with that status
        POST /soap...         -> a SOAP 1.1 envelope whose <return> is "HTTP <ip> <port>"
        ... .xml              -> 200 OK, <catcher>HTTP <local_ip> <local_port> <METHOD> <target></catcher>
        anything else         -> 200 OK, body "HTTP <local_ip> <local_port> <METHOD> <target>\n"
  FTP   21 2121                  -> scripted FTP control connection: 220, USER 331, PASS 230,
        TYPE 200, SIZE 213, EPSV 500, PASV 227 pointing at 10.0.0.5:80 (port 21) or at
        11.0.0.1:80 (port 2121), RETR 150 then 226, QUIT 221, anything else 502
  MYSQL 3306                     -> a MySQL ERR packet (1130) instead of a greeting, then close
  PROXY 3128                     -> an HTTP proxy: "GET http://host:port/path" is forwarded
        (origin-form), "CONNECT host:port" is tunnelled; the proxy's own connection to the
        target is a new connection (logged by whatever listens there)
  SOCKS 1080                     -> a SOCKS4/4a/5 proxy (no authentication; CONNECT to an
        IPv4, IPv6 or domain address), then relays
  DOH   8053 (TLS, fixtures/tls.test.crt) -> DNS-over-HTTPS (RFC 8484, GET ?dns= or POST):
        POST/GET /doh/A.B.C.D answers every A query with A.B.C.D (TTL 0) and every AAAA
        query with no records
  TFTP  UDP 69                   -> a read request (RRQ) gets one DATA block 1 (so the
        transfer ends): "TFTP <local_ip> 69 <filename>\n"; ACKs are ignored
and appends one line per connection/datagram to LOGFILE, flushed at once:
  "tcp|tls|udp|http|https|ftp|mysql|proxy|socks|doh|tftp <local_ip> <local_port> <peer_ip>"
Tests read LOGFILE to prove that a refused connection never reached a listener.
READYFILE is created once every socket is bound. Exits on SIGTERM/SIGINT.
Standard library only.
"""
import base64
import os
import selectors
import signal
import socket
import ssl
import struct
import sys
import threading
import urllib.parse

TCP_PORTS = (80, 25, 53, 465, 587, 993, 995, 8080, 9092)
TLS_PORTS = (443, 8443)
UDP_PORTS = (53, 9999)
HTTP_PORTS = (8081,)
HTTPS_PORTS = (8444,)
FTP_PORTS = (21, 2121)
MYSQL_PORTS = (3306,)
PROXY_PORTS = (3128,)
SOCKS_PORTS = (1080,)
DOH_PORTS = (8053,)
TFTP_PORTS = (69,)
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


REDIRECTS = {"301": "301 Moved Permanently", "302": "302 Found", "303": "303 See Other",
             "307": "307 Temporary Redirect", "308": "308 Permanent Redirect"}


def serve_http(conn, lip, lport):
    """One HTTP/1.0 response (see the module docstring), then close."""
    method, target, _body = read_http_request(conn)
    path, _, query = target.partition("?")
    headers = []
    if path == "/redirect":
        q = urllib.parse.parse_qs(query)
        to = q.get("to", ["/"])[0]
        code = q.get("code", ["302"])[0]
        status = REDIRECTS.get(code, REDIRECTS["302"])
        ctype, body = "text/plain", f"redirect to {to}\n"
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


def relay(a, b):
    """Copy bytes both ways between sockets a and b until either side closes
    (or IDLE_TIMEOUT passes with nothing to copy)."""
    sel = selectors.DefaultSelector()
    sel.register(a, selectors.EVENT_READ, b)
    sel.register(b, selectors.EVENT_READ, a)
    try:
        while True:
            events = sel.select(timeout=IDLE_TIMEOUT)
            if not events:
                return
            for key, _ in events:
                data = key.fileobj.recv(65536)
                if not data:
                    return
                key.data.sendall(data)
    finally:
        sel.close()


def split_host_port(authority, default_port):
    """("host", port) of "host", "host:port" or "[v6]:port"."""
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    host, sep, port = authority.rpartition(":")
    return (host, int(port)) if sep and port.isdigit() else (authority, default_port)


def serve_proxy(conn, lip, lport):
    """An HTTP proxy: absolute-form requests forwarded in origin form, CONNECT tunnelled."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = (lines[0].split(" ") + ["", "", ""])[:3]
    try:
        if method == "CONNECT":
            upstream = socket.create_connection(split_host_port(target, 443), timeout=5)
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            upstream.sendall(rest)
        else:
            url = urllib.parse.urlsplit(target)
            upstream = socket.create_connection(split_host_port(url.netloc, 80), timeout=5)
            origin = (url.path or "/") + (f"?{url.query}" if url.query else "")
            headers = [l for l in lines[1:] if not l.lower().startswith("proxy-")]
            upstream.sendall("\r\n".join([f"{method} {origin} {version}"] + headers).encode("latin-1")
                             + b"\r\n\r\n" + rest)
    except (OSError, ValueError) as e:
        conn.sendall(f"HTTP/1.0 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".encode())
        return
    with upstream:
        relay(conn, upstream)


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise OSError("short read")
        data += chunk
    return data


def recv_until_nul(conn):
    data = b""
    while not data.endswith(b"\0"):
        data += recv_exact(conn, 1)
    return data[:-1]


def serve_socks(conn, lip, lport):
    """SOCKS4, SOCKS4a and SOCKS5 (no authentication), CONNECT only, then relay."""
    ver = recv_exact(conn, 1)[0]
    if ver == 4:
        cmd, port = struct.unpack("!BH", recv_exact(conn, 3))
        ip = socket.inet_ntoa(recv_exact(conn, 4))
        recv_until_nul(conn)  # user id
        host = recv_until_nul(conn).decode() if ip.startswith("0.0.0.") else ip
        try:
            upstream = socket.create_connection((host, port), timeout=5)
        except OSError:
            conn.sendall(b"\0\x5b" + bytes(6))
            return
        conn.sendall(b"\0\x5a" + bytes(6))
    elif ver == 5:
        recv_exact(conn, recv_exact(conn, 1)[0])  # offered methods: we take "none"
        conn.sendall(b"\x05\x00")
        _ver, cmd, _rsv, atyp = recv_exact(conn, 4)
        if atyp == 1:
            host = socket.inet_ntop(socket.AF_INET, recv_exact(conn, 4))
        elif atyp == 4:
            host = socket.inet_ntop(socket.AF_INET6, recv_exact(conn, 16))
        else:
            host = recv_exact(conn, recv_exact(conn, 1)[0]).decode("latin-1")
        port = struct.unpack("!H", recv_exact(conn, 2))[0]
        try:
            if cmd != 1:
                raise OSError("only CONNECT")
            upstream = socket.create_connection((host, port), timeout=5)
        except OSError:
            conn.sendall(b"\x05\x05\x00\x01" + bytes(6))
            return
        conn.sendall(b"\x05\x00\x00\x01" + bytes(6))
    else:
        return
    with upstream:
        relay(conn, upstream)


def dns_answer(query, ipv4):
    """A DNS response to the wire-format `query`: every A question answered with
    ipv4 (TTL 0), any other type with no records."""
    qid, _flags, qdcount = struct.unpack("!HHH", query[:6])
    pos = 12
    while query[pos] != 0:
        pos += 1 + query[pos]
    qtype = struct.unpack("!H", query[pos + 1:pos + 3])[0]
    question = query[12:pos + 5]
    answers = b""
    if qtype == 1 and ipv4:
        answers = struct.pack("!HHHIH", 0xC00C, 1, 1, 0, 4) + socket.inet_aton(ipv4)
    return struct.pack("!HHHHHH", qid, 0x8180, 1, 1 if answers else 0, 0, 0) + question + answers


def serve_doh(conn, lip, lport):
    """DNS-over-HTTPS (see the module docstring); libcurl insists on https:// for DoH."""
    method, target, body = read_http_request(conn)
    path, _, query = target.partition("?")
    if method == "GET":
        b64 = urllib.parse.parse_qs(query).get("dns", [""])[0]
        body = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
    ipv4 = path[len("/doh/"):] if path.startswith("/doh/") else ""
    try:
        socket.inet_aton(ipv4)
        raw = dns_answer(body, ipv4)
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\n"
    except (OSError, IndexError, struct.error):
        raw, head = b"bad request\n", "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
    conn.sendall(f"{head}Content-Length: {len(raw)}\r\nConnection: close\r\n\r\n".encode() + raw)


RESPONDERS = {"http": serve_http, "https": serve_http, "ftp": serve_ftp, "mysql": serve_mysql,
              "proxy": serve_proxy, "socks": serve_socks, "doh": serve_doh}


def serve_dgram(s, logf, mode="udp"):
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
        if mode == "tftp":
            # RRQ: opcode 1, filename NUL, mode NUL. Anything else (ACKs) is not logged.
            if data[:2] != b"\0\x01":
                continue
            name = data[2:].split(b"\0")[0].decode("latin-1")
            reply = b"\0\x03\0\x01" + f"TFTP {norm(local_ip)} {port} {name}\n".encode()
        else:
            reply = f"HELLO {local_ip} {port}\n".encode()
        log(logf, mode, (norm(local_ip), port), norm(peer[0]))
        try:
            s.sendmsg([reply], reply_anc, 0, peer)
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
        for p in TFTP_PORTS:
            sel.register(listener(fam, socket.SOCK_DGRAM, p), selectors.EVENT_READ, ("tftp", None))
        for ports, ctx, mode in ((HTTP_PORTS, None, "http"), (HTTPS_PORTS, tls_ctx, "https"),
                                 (FTP_PORTS, None, "ftp"), (MYSQL_PORTS, None, "mysql"),
                                 (PROXY_PORTS, None, "proxy"), (SOCKS_PORTS, None, "socks"),
                                 (DOH_PORTS, tls_ctx, "doh")):
            for p in ports:
                sel.register(listener(fam, socket.SOCK_STREAM, p), selectors.EVENT_READ, ("tcp", ctx, mode))
    with open(readypath, "w") as f:
        f.write(f"{os.getpid()}\n")
    print("catcher: ready", file=sys.stderr, flush=True)

    while not stop.is_set():
        for key, _ in sel.select(timeout=0.5):  # bounded wait: re-check `stop`
            kind, ctx = key.data[:2]
            mode = key.data[2] if len(key.data) > 2 else None
            if kind in ("udp", "tftp"):
                serve_dgram(key.fileobj, logf, kind)
                continue
            try:
                conn, _ = key.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                continue
            threading.Thread(target=serve_stream, args=(conn, ctx, logf, mode), daemon=True).start()
    logf.close()


if __name__ == "__main__":
    main()
