#!/usr/bin/env python3
"""Minimal authoritative DNS server for the private test namespace (tests/netns/run.sh).

usage: dns.py READYFILE [LOGFILE]      (LOGFILE default: stderr)

Serves UDP and TCP on 127.0.0.53:53 (run.sh points /etc/resolv.conf here).
Answers A, AAAA and ANY for the names in ZONE, TTL 0 (nothing may be cached),
NOERROR with no records for a known name without that type, NXDOMAIN otherwise.
Standard library only.

Rebinding names (each has its own counter, so different tests can use different
names without sharing state): the FIRST A (or ANY) query for the name since the
server started (or since the last reset) gets 11.0.0.1; every later one gets
10.0.0.5. AAAA queries get an empty NOERROR answer and do not move the counter
(glibc's getaddrinfo asks A and AAAA together).

Control: any query for `reset.control` resets every counter; the reply is
A 127.0.0.1 so a test can check it, e.g. gethostbyname('reset.control').
"""
import selectors
import signal
import socket
import struct
import sys
import threading

ADDR = ("127.0.0.53", 53)
A, AAAA, ANY = 1, 28, 255
PUBLIC, PRIVATE = "11.0.0.1", "10.0.0.5"

# name -> list of (qtype, address). Add names here; keep them out of tests/netns/hosts.
ZONE = {
    "mixed.test": [(A, "11.0.0.1"), (A, "10.0.0.5")],
    "dnspublic.test": [(A, "11.0.0.2")],
    "dnsv6.test": [(AAAA, "2400:cb00::11")],
    "mapped.test": [(AAAA, "::ffff:10.0.0.5")],
    "reset.control": [(A, "127.0.0.1")],
}
REBIND = ("rebind.test", "rebind2.test", "rebind3.test", "rebind4.test")

_lock = threading.Lock()
_counts = {}  # rebind name -> number of A/ANY queries answered
_logf = sys.stderr


def log(msg):
    with _lock:
        _logf.write(msg + "\n")
        _logf.flush()


def records(name, qtype):
    """Return (rcode, [(type, addr)]) for one question."""
    if name == "reset.control":
        with _lock:
            _counts.clear()
    if name in REBIND:
        if qtype not in (A, ANY):
            return 0, []
        with _lock:
            n = _counts.get(name, 0)
            _counts[name] = n + 1
        return 0, [(A, PUBLIC if n == 0 else PRIVATE)]
    if name not in ZONE:
        return 3, []  # NXDOMAIN
    return 0, [r for r in ZONE[name] if qtype in (r[0], ANY)]


def parse_question(msg):
    """Return (qname, qtype, end offset of the question). Raises on garbage."""
    off, labels = 12, []
    while True:
        ln = msg[off]
        if ln == 0:
            off += 1
            break
        if ln & 0xC0:
            raise ValueError("compressed qname")  # never sent by real stub resolvers
        labels.append(msg[off + 1:off + 1 + ln].decode("ascii"))
        off += 1 + ln
    qtype, _qclass = struct.unpack("!HH", msg[off:off + 4])
    return ".".join(labels).lower().rstrip("."), qtype, off + 4


def answer(msg, proto):
    """Build the reply to one DNS message, or None to drop it."""
    if len(msg) < 12:
        return None
    qid, flags, qdcount = struct.unpack("!HHH", msg[:6])
    if flags & 0x8000:
        return None  # a response, not a query
    rd = flags & 0x0100
    opcode = flags & 0x7800
    try:
        if opcode != 0 or qdcount != 1:
            raise ValueError("unsupported")
        name, qtype, end = parse_question(msg)
    except (ValueError, IndexError, struct.error, UnicodeDecodeError):
        # FORMERR/NOTIMP with no question section
        return struct.pack("!HHHHHH", qid, 0x8000 | opcode | rd | (4 if opcode else 1), 0, 0, 0, 0)
    rcode, recs = records(name, qtype)
    body = b""
    for rtype, addr in recs:
        fam = socket.AF_INET if rtype == A else socket.AF_INET6
        rdata = socket.inet_pton(fam, addr)
        # name = pointer to the question (offset 12), class IN, TTL 0
        body += struct.pack("!HHHIH", 0xC00C, rtype, 1, 0, len(rdata)) + rdata
    log(f"dns: {proto} {name} type={qtype} rcode={rcode} -> "
        + (" ".join(a for _, a in recs) or "-"))
    hdr = struct.pack("!HHHHHH", qid, 0x8000 | 0x0400 | rd | 0x0080 | rcode, 1, len(recs), 0, 0)
    return hdr + msg[12:end] + body


def serve_tcp(conn):
    """DNS over TCP: 2-byte length prefix per message; bounded by a timeout."""
    conn.settimeout(5.0)
    try:
        while True:
            hdr = conn.recv(2, socket.MSG_WAITALL)
            if len(hdr) < 2:
                break
            (ln,) = struct.unpack("!H", hdr)
            msg = conn.recv(ln, socket.MSG_WAITALL)
            reply = answer(msg, "tcp")
            if reply is None:
                break
            conn.sendall(struct.pack("!H", len(reply)) + reply)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    global _logf
    if len(sys.argv) < 2:
        sys.exit("usage: dns.py READYFILE [LOGFILE]")
    if len(sys.argv) > 2:
        _logf = open(sys.argv[2], "a")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    sel = selectors.DefaultSelector()
    for typ in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        s = socket.socket(socket.AF_INET, typ)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # catcher.py also holds wildcard :53; REUSEPORT lets both bind, the
        # more specific 127.0.0.53 wins for packets sent to it.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        s.bind(ADDR)
        if typ == socket.SOCK_STREAM:
            s.listen(16)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, typ)
    with open(sys.argv[1], "w") as f:
        f.write("ready\n")
    log("dns: ready on %s:%d" % ADDR)

    while not stop.is_set():
        for key, _ in sel.select(timeout=0.5):  # bounded wait: re-check `stop`
            s = key.fileobj
            try:
                if key.data == socket.SOCK_DGRAM:
                    msg, peer = s.recvfrom(4096)
                    reply = answer(msg, "udp")
                    if reply is not None:
                        s.sendto(reply, peer)
                else:
                    conn, _ = s.accept()
                    conn.setblocking(True)
                    threading.Thread(target=serve_tcp, args=(conn,), daemon=True).start()
            except (BlockingIOError, InterruptedError):
                pass


if __name__ == "__main__":
    main()
