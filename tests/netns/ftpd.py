#!/usr/bin/python3
"""A real FTP server (Debian's python3-pyftpdlib) for the private test namespace.

usage: ftpd.py ROOTDIR LOGFILE READYFILE

Started by the tests that need it (php-tests/include/services.inc), inside
tests/netns/run.sh's namespace only. Serves ROOTDIR (read and write) to the
anonymous user and to user "php" (password "secret"), on 0.0.0.0, three ports
that differ only in the address their passive replies (227, PASV) name:
  2100  the address the client connected to (a normal server)
  2101  10.0.0.5   (a private address: a public server steering a client inward)
  2102  11.0.0.2   (another public address)
EPSV (229) names no address; ext/ftp and libcurl then use the control
connection's address. Every passive data socket listens on the wildcard
address, so whichever address a reply names, a client that connects there
reaches this server and the transfer works: a leak is a visible success.
Active mode (PORT/EPRT) works as usual: the server connects to the client.

Appends one line per connection to LOGFILE (the catcher's log, same format):
  "ftpd <local_ip> <port> <peer>"        control connection accepted
  "ftpdata <local_ip> <port> <peer>"     passive data connection accepted
  "ftpactive <client_ip> <port> -"       active data connection made to the client
where <port> is the control port (2100/2101/2102), so lines do not depend on
the kernel's choice of data ports. READYFILE is created once every port listens.
"""
import logging
import os
import sys
import threading

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
try:
    from pyftpdlib.handlers import ActiveDTP, PassiveDTP
except ImportError:  # pyftpdlib 2.x (Debian unstable): the data-channel dispatchers moved
    from pyftpdlib.handlers.ftp.dispatchers import ActiveDTP, PassiveDTP
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

PORTS = {2100: None, 2101: "10.0.0.5", 2102: "11.0.0.2"}

_lock = threading.Lock()
_logf = None


def log(kind, local_ip, port, peer):
    with _lock:
        _logf.write(f"{kind} {local_ip} {port} {peer}\n")
        _logf.flush()


class WildcardPassiveDTP(PassiveDTP):
    """Listens on every address (not only the control connection's), and logs."""

    def bind(self, addr):
        super().bind(("", addr[1]))

    def handle_accepted(self, sock, addr):
        log("ftpdata", sock.getsockname()[0], self.cmd_channel.socket.getsockname()[1], addr[0])
        super().handle_accepted(sock, addr)


class LoggingActiveDTP(ActiveDTP):
    def handle_connect(self):
        log("ftpactive", self.socket.getpeername()[0], self.cmd_channel.socket.getsockname()[1], "-")
        super().handle_connect()


def handler_for(port, masquerade, authorizer):
    class Handler(FTPHandler):
        passive_dtp = WildcardPassiveDTP
        active_dtp = LoggingActiveDTP
        permit_foreign_addresses = True  # the data connection may come from another local address
        permit_privileged_ports = True
        masquerade_address = masquerade
        banner = f"pyftpdlib test server, port {port}"
        timeout = 30

        def on_connect(self):
            log("ftpd", self.socket.getsockname()[0], port, self.remote_ip)

    Handler.authorizer = authorizer
    return Handler


def main():
    global _logf
    if len(sys.argv) != 4:
        sys.exit("usage: ftpd.py ROOTDIR LOGFILE READYFILE")
    root, logpath, readypath = sys.argv[1:]
    _logf = open(logpath, "a", buffering=1)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    authorizer = DummyAuthorizer()
    authorizer.add_anonymous(root, perm="elradfmw")
    authorizer.add_user("php", "secret", root, perm="elradfmw")
    ioloop = IOLoop()
    servers = [FTPServer(("0.0.0.0", port), handler_for(port, masq, authorizer), ioloop=ioloop)
               for port, masq in PORTS.items()]
    with open(readypath, "w") as f:
        f.write(f"{os.getpid()}\n")
    try:
        ioloop.loop(timeout=0.5, blocking=True)
    finally:
        for s in servers:
            s.close_all()


if __name__ == "__main__":
    main()
