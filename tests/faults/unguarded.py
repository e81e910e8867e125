#!/usr/bin/env python3
"""A GOT slot that cannot be patched (tests/faults/run.sh).

usage: unguarded.py EXT          (as root, inside tests/netns/run.sh)

mprotect-refused.c, preloaded into PHP, refuses (seccomp, EACCES) every mprotect asking
for PROT_WRITE on its own RELRO pages, as a hardened host's policy would: the libc layer
cannot guard its GOT slots (`connect`, `socket`). Checked:
  without the extension   curl, FFI's connect and the object's own connect reach their
                          targets (the case proves something)
  slots refused           the process says so once on PHP's error log (stderr here), `php
                          --ri` shows the count and the object, curl (twice) and FFI's
                          connect to an allowed address are refused with errno 13 and a
                          warning naming the reason; fsockopen keeps working by the rules
                          (allowed: connected; private: refused); the object's own connect
                          still reaches 10.0.0.5 (what no in-process layer can then see:
                          docs/differences.md#not-covered)
  slots writable          the same object preloaded without the refusal: all allowed, no
                          line on the error log, `--ri` says every slot is guarded
Prints one line per check and "N passed, M failed".
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "load"))
from load import Checks  # noqa: E402

PHP = shutil.which("php") or "php"
SCRIPT = os.path.join(HERE, "docroot", "unguarded.php")
SAID = re.compile(r"^appengine_sockets: cannot guard a GOT slot of \S*libmprotect-refused\.so "
                  r"\(mprotect: permission denied, errno 13\); socket calls beneath C libraries are "
                  r"refused until it is fixed$")
REFUSED = ("connection to 11.0.0.1:8081 refused (refused until every C library's socket functions "
           "can be guarded (2 GOT slots could not be made writable))")


def php(so, ext, refuse, args):
    env = dict(os.environ, LD_PRELOAD=so, AES_UNGUARDED_SO=so)
    env.pop("AES_REFUSE_MPROTECT", None)
    if refuse:
        env["AES_REFUSE_MPROTECT"] = "1"
    cmd = [PHP, "-d", "ffi.enable=1", "-d", "display_errors=stdout", "-d", "log_errors=0"]
    if ext:
        cmd += ["-d", f"extension={ext}"]
    p = subprocess.run(cmd + args, capture_output=True, text=True, timeout=60, env=env)
    return p.stdout, p.stderr


def main():
    ext = sys.argv[1]
    c = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        so = os.path.join(tmp, "libmprotect-refused.so")
        subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Wl,-z,relro,-z,now",
                        "-I", os.path.join(HERE, "..", "escapes"), "-o", so,
                        os.path.join(HERE, "mprotect-refused.c")], check=True)

        out, err = php(so, None, True, [SCRIPT])
        c.ok("without the extension: curl reaches 11.0.0.1:8081",
             "curl1: HTTP 11.0.0.1 8081 GET / curl_errno=0" in out, out + err)
        c.ok("without the extension: FFI's connect reaches 11.0.0.1:80", "ffi connect: 0\n" in out, out)
        c.ok("without the extension: the object's own connect reaches 10.0.0.5:80",
             "unguarded own connect: 0\n" in out, out)

        out, err = php(so, ext, True, [SCRIPT])
        said = [l for l in err.splitlines() if l.startswith("appengine_sockets:")]
        c.ok("slots refused: said once on PHP's error log", len(said) == 1 and SAID.match(said[0]) is not None,
             err)
        for i in (1, 2):
            c.ok(f"slots refused: curl call {i} refused with errno 13",
                 f"curl{i}: false curl_errno=7 os_errno=13\n" in out, out)
        c.ok("slots refused: curl's warning names the reason", out.count(f"curl_exec(): {REFUSED}") == 2, out)
        c.ok("slots refused: FFI's connect to an allowed address refused with errno 13",
             "ffi connect: 13\n" in out, out)
        c.ok("slots refused: fsockopen to an allowed address connects",
             "fsockopen allowed: HELLO 11.0.0.1 80\n" in out, out)
        c.ok("slots refused: fsockopen to a private address refused by the rules",
             "fsockopen private: false 13\n" in out, out)
        c.ok("slots refused: the object's own connect still reaches 10.0.0.5 (listed as not covered)",
             "unguarded own connect: 0\n" in out, out)
        out, err = php(so, ext, True, ["--ri", "appengine_sockets"])
        row = re.search(r"^C libraries' socket functions => (.*)$", out, re.M)
        c.ok("slots refused: --ri shows the count and the object",
             row is not None and re.fullmatch(r"2 GOT slots not guarded \(first: a GOT slot of \S*libmprotect-refused"
                                              r"\.so \(mprotect: permission denied, errno 13\)\); socket calls "
                                              r"beneath C libraries are refused", row.group(1)) is not None,
             row.group(0) if row else out[:300])

        out, err = php(so, ext, False, [SCRIPT])
        c.ok("slots writable: curl, FFI and fsockopen allowed",
             "curl2: HTTP 11.0.0.1 8081 GET / curl_errno=0" in out and "ffi connect: 0\n" in out
             and "fsockopen allowed: HELLO" in out, out)
        c.ok("slots writable: the object's own connect is guarded (10.0.0.5 refused)",
             re.search(r"^unguarded own connect: \nWarning: esc_unguarded_connect\(\): connection to 10\.0\.0\.5:80 "
                       r"refused \(private address 10\.0\.0\.5\) in .*\n13$", out, re.M) is not None, out)
        c.ok("slots writable: nothing said", "appengine_sockets:" not in err, err)
        out, _ = php(so, ext, False, ["--ri", "appengine_sockets"])
        c.ok("slots writable: --ri says every slot is guarded",
             "C libraries' socket functions => guarded in every object loaded\n" in out, out[:300])
    print(f"{c.passed} passed, {c.failed} failed")
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
