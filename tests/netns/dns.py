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

Faults (FAULTS, per name; the resolver under faults, tests/resolver/run.sh):
  timeout*.test      never answered over UDP (over TCP: closed): the resolver times out
  servfail.test      SERVFAIL
  truncated*.test    over UDP: TC bit set and no answer; over TCP: the answer
  many*.test         100 A records (one private in many.test); like any UDP reply
                     over 512 bytes to a query without EDNS, sent truncated (TC),
                     so the resolver asks again over TCP
  chain.test ...     a chain of CHAIN_LENGTH CNAMEs, then the address (chain.test:
                     public 11.0.0.2, chainprivate.test: 10.0.0.5); cnameloop.test
                     is a CNAME loop (cut after 8 links, as ever)
  AAAA-only names: dnsv6.test (public), v6private.test (fd00::5).
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

# Names for the hostile corpus (php-tests/corpus_*.phpt, fixtures/corpus/targets.txt):
# answers that are special addresses in every spelling DNS can carry them.
CNAME = 5  # (CNAME, target): the answer is the CNAME record, then the target's records
ZONE.update({
    "dnsprivate.test": [(A, "10.0.0.5")],
    "metadata.test": [(A, "169.254.169.254")],
    "cgnat.test": [(A, "100.64.0.9")],
    "zero.test": [(A, "0.0.0.0")],
    "nat64.test": [(AAAA, "64:ff9b::a00:5")],
    "nat64local.test": [(AAAA, "64:ff9b:1::a00:5")],
    "compat.test": [(AAAA, "::a00:5")],
    "sixtofour.test": [(AAAA, "2002:a00:5::1")],
    "teredo.test": [(AAAA, "2001:0:4136:e378:8000:63bf:f5ff:fffa")],
    "v6private.test": [(AAAA, "fd00::5")],
    "v6loop.test": [(AAAA, "::1")],
    "linklocal6.test": [(AAAA, "fe80::1")],
    "mixedfam.test": [(A, "11.0.0.1"), (AAAA, "fd00::5")],
    "mixedfam2.test": [(A, "10.0.0.5"), (AAAA, "2400:cb00::10")],
    "mixed6.test": [(AAAA, "2400:cb00::10"), (AAAA, "fd00::5")],
    "cname.test": [(CNAME, "cname2.test")],
    "cname2.test": [(CNAME, "dnsprivate.test")],
    "cnamemixed.test": [(CNAME, "mixed.test")],
    "cnamepublic.test": [(CNAME, "dnspublic.test")],
    "xn--bcher-kva.test": [(A, "10.0.0.5")],
    # Reached only with a trailing dot ("127.0.0.1.", "11.0.0.1."), which is not a
    # numeric address to getaddrinfo: a name that merely looks like a literal.
    "127.0.0.1": [(A, "127.0.0.1")],
    "11.0.0.1": [(A, "10.0.0.5")],
})

# Resolver faults (see the docstring).
CHAIN_LENGTH = 30
TIMEOUT, SERVFAIL, TRUNCATED = "timeout", "servfail", "truncated"
FAULTS = {
    "timeout.test": TIMEOUT,
    "timeout2.test": TIMEOUT,
    "servfail.test": SERVFAIL,
    "truncated.test": TRUNCATED,
    "truncatedprivate.test": TRUNCATED,
}
ZONE.update({
    "truncated.test": [(A, "11.0.0.2")],
    "truncatedprivate.test": [(A, "10.0.0.5")],
    # 11.0.0.1 first (the one reachable in the namespace); 10.0.0.5 at the 50th place.
    "many.test": [(A, "11.0.0.1")] + [(A, f"11.0.1.{i}") for i in range(1, 49)] + [(A, "10.0.0.5")]
                 + [(A, f"11.0.1.{i}") for i in range(49, 99)],
    "manypublic.test": [(A, "11.0.0.1")] + [(A, f"11.0.1.{i}") for i in range(1, 100)],
    "cnameloop.test": [(CNAME, "cnameloop2.test")],
    "cnameloop2.test": [(CNAME, "cnameloop.test")],
})
for _base, _end in (("chain", "dnspublic.test"), ("chainprivate", "dnsprivate.test")):
    ZONE[f"{_base}.test"] = [(CNAME, f"{_base}1.test")]
    for _i in range(1, CHAIN_LENGTH):
        ZONE[f"{_base}{_i}.test"] = [(CNAME, f"{_base}{_i + 1}.test" if _i < CHAIN_LENGTH - 1 else _end)]

_lock = threading.Lock()
_counts = {}  # rebind name -> number of A/ANY queries answered
_logf = sys.stderr


def log(msg):
    with _lock:
        _logf.write(msg + "\n")
        _logf.flush()


def records(name, qtype, depth=0, limit=8):
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
    for rtype, target in ZONE[name]:
        if rtype == CNAME and depth < limit:
            _rcode, rest = records(target, qtype, depth + 1, limit)
            # (type, value, owner): records after a CNAME are owned by its target
            return 0, [(CNAME, target, name)] + [r if len(r) > 2 else (r[0], r[1], target) for r in rest]
    return 0, [r for r in ZONE[name] if qtype in (r[0], ANY)]


def encode_name(name):
    """A domain name in uncompressed wire format."""
    return b"".join(bytes([len(label)]) + label.encode("ascii") for label in name.split(".") if label) + b"\0"


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
    fault = FAULTS.get(name)
    if fault == TIMEOUT:
        log(f"dns: {proto} {name} type={qtype} -> (no answer)")
        return None
    if fault == SERVFAIL:
        log(f"dns: {proto} {name} type={qtype} rcode=2 (SERVFAIL)")
        return struct.pack("!HHHHHH", qid, 0x8000 | 0x0400 | rd | 0x0080 | 2, 1, 0, 0, 0) + msg[12:end]
    rcode, recs = records(name, qtype, limit=CHAIN_LENGTH + 2 if name.startswith("chain") else 8)
    body = b""
    for rec in recs:
        rtype, addr = rec[0], rec[1]
        if rtype == CNAME:
            rdata = encode_name(addr)
        else:
            fam = socket.AF_INET if rtype == A else socket.AF_INET6
            rdata = socket.inet_pton(fam, addr)
        # name = pointer to the question (offset 12) unless a CNAME target owns
        # the record, class IN, TTL 0
        owner = struct.pack("!H", 0xC00C) if len(rec) < 3 or rec[2] == name else encode_name(rec[2])
        body += owner + struct.pack("!HHIH", rtype, 1, 0, len(rdata)) + rdata
    # UDP without EDNS carries 512 bytes at most: a longer answer (and a TRUNCATED
    # name's) is sent with TC set and no records, and the resolver asks over TCP.
    edns = struct.unpack("!H", msg[10:12])[0] > 0
    if proto == "udp" and (fault == TRUNCATED or (12 + (end - 12) + len(body) > 512 and not edns)):
        log(f"dns: {proto} {name} type={qtype} -> truncated (TC), {len(recs)} records left for TCP")
        return struct.pack("!HHHHHH", qid, 0x8000 | 0x0400 | 0x0200 | rd | 0x0080 | rcode, 1, 0, 0, 0) + msg[12:end]
    log(f"dns: {proto} {name} type={qtype} rcode={rcode} -> "
        + (" ".join(r[1] for r in recs) or "-"))
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
