#!/usr/bin/env python3
"""Compares the stock and extension runs of PHP's own tests (tests/upstream/run.sh).

usage: compare.py --work DIR --list expected-differences.txt --php X.Y [TEST-PATH...]

DIR holds, per mode (stock, ext): MODE.results (run-tests -W), MODE.log (run-tests'
output) and MODE/ (the copy of the tests, with what run-tests left: NAME.out for a
failed test, NAME.php.aeslog for the extension's decision log of the test, and
skipif.aeslog for every SKIPIF section's, which
cannot be told apart). A test is identical when both runs give it
the same outcome, the same skip reason, and, when it fails in both, the same output.
Every test that differs must be listed with the rules that cause it, and each rule's
refusal text must show in what the extension run left for that test. Exits 1 on any
unlisted difference, on a listed test that no longer differs, or on a rule not seen.
The list's entries after a "[X.Y]" line are PHP X.Y's only (until "[all]" or the next
such line); the others are every PHP's. A listed test that the PHP under test cannot
run (both runs skip it with run-tests' "Required extension missing: ...") is counted
apart, not as a problem. Standard library only.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

# rule name in expected-differences.txt -> the extension's refusal text for it.
RULES = {
    "listening": "listening sockets are not allowed",
    "pairs": "socket pairs are not allowed",
    "unix": "unix sockets are not allowed",
    "binds": "binding to a specific address or port is not allowed",
    "options": "is not supported on App Engine",
    "raw": "raw sockets are not allowed",
    "source-address": "choosing a source address",
}

STATUS = re.compile(r"^(PASS|FAIL|SKIP|BORK|XFAIL|XLEAK|WARN|LEAK|LEAK&FAIL)\s")
TEST_REF = re.compile(r"\[([^\[\]\n]+\.phpt)\]")


def rel(path, root):
    path = path.strip()
    if path.startswith(root + "/"):
        path = path[len(root) + 1:]
    return path[2:] if path.startswith("./") else path


def read_results(work, mode):
    """test -> run-tests status word (PASSED, FAILED, SKIPPED, BORKED, ...)."""
    root = os.path.join(work, mode)
    out = {}
    with open(os.path.join(work, mode + ".results")) as f:
        for line in f:
            if "\t" in line:
                status, path = line.rstrip("\n").split("\t", 1)
                out[rel(path, root)] = status
    return out


def read_records(work, mode):
    """test -> the text run-tests printed for it (SKIPIF output, skip reason)."""
    root = os.path.join(work, mode)
    records, cur = {}, []

    def flush():
        if cur:
            text = "\n".join(cur)
            refs = TEST_REF.findall(text)
            if refs:
                records[rel(refs[-1], root)] = EPHEMERAL.sub(r"\1:PORT", text.replace(root + "/", ""))
    with open(os.path.join(work, mode + ".log"), errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("====="):
                flush()
                cur = []
                continue
            if STATUS.match(line):
                flush()
                cur = [line]
            elif cur:
                cur.append(line)
    flush()
    return records


def skip_reason(record):
    m = re.search(r"\.phpt\] reason: (.*)$", record or "", re.S)
    return m.group(1).strip() if m else ""


# Ports the tests' servers got from the kernel (127.0.0.1:46087): not the same twice.
EPHEMERAL = re.compile(r"((?:\d{1,3}\.){3}\d{1,3}|\]|localhost):\d{2,5}\b")


def read(path, root):
    """A file the run left, with its copy's directory and ephemeral ports taken out."""
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except FileNotFoundError:
        return ""
    return EPHEMERAL.sub(r"\1:PORT", text.replace(root + "/", "").replace(root, ""))


def signature(work, mode, test, status, records):
    """What must match between the two runs for the test to count as identical."""
    root = os.path.join(work, mode)
    if status == "SKIPPED":
        return (status, skip_reason(records.get(test)))
    if status in ("FAILED", "BORKED", "LEAKED", "WARNED", "LEAKED&FAILED"):
        base = os.path.join(root, test[:-len(".phpt")])
        body = read(base + ".out", root) if status != "BORKED" else records.get(test, "")
        return (status, body)
    return (status,)


def evidence(work, test, records):
    """Everything the extension run left for a test: its output and refusal reasons."""
    root = os.path.join(work, "ext")
    base = os.path.join(root, test[:-len(".phpt")])
    parts = [records.get(test, ""), read(base + ".out", root)]
    for log in (base + ".php.aeslog",):
        for line in read(log, root).splitlines():
            try:
                parts.append(json.loads(line).get("reason", ""))
            except ValueError:
                parts.append(line)
    return "\n".join(parts)


SECTION = re.compile(r"^\[(all|\d+\.\d+)\]$")


def read_list(path, php):
    """test -> (rules [(name, must_be_seen)], line number), for PHP X.Y `php`."""
    listed = {}
    section = "all"
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            m = SECTION.match(line)
            if m:
                section = m.group(1)
                continue
            if section not in ("all", php):
                continue
            fields = line.split()
            if len(fields) < 2:
                sys.exit(f"{path}:{n}: want TEST RULE[,RULE...] [note]")
            test, rules = fields[0], []
            for r in fields[1].split(","):
                name = r.rstrip("?")
                if name not in RULES:
                    sys.exit(f"{path}:{n}: unknown rule {name!r} (known: {', '.join(RULES)})")
                rules.append((name, not r.endswith("?")))
            if test in listed:
                sys.exit(f"{path}:{n}: {test} listed twice")
            listed[test] = (rules, n)
    return listed


def seen_rules(text):
    return [name for name, marker in RULES.items() if marker in text]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--list", required=True)
    ap.add_argument("--php", required=True, help="the PHP's MAJOR.MINOR (the list's sections)")
    ap.add_argument("select", nargs="*")
    a = ap.parse_args()
    a.work = os.path.abspath(a.work)

    stock, ext = read_results(a.work, "stock"), read_results(a.work, "ext")
    rec_stock, rec_ext = read_records(a.work, "stock"), read_records(a.work, "ext")
    listed = read_list(a.list, a.php)
    selected = lambda t: not a.select or any(t == s or t.startswith(s.rstrip("/") + "/") for s in a.select)

    problems = []
    identical = Counter()
    by_rule = Counter()
    differ_listed = 0
    allowed_identical = 0  # identical tests whose decision log shows an allowed connection
    cannot_run = []  # listed tests both runs skip for an extension this PHP lacks
    for t in sorted(set(stock) | set(ext)):
        if t not in stock or t not in ext:
            problems.append(f"{t}: only in the {'stock' if t in stock else 'extension'} run")
            continue
        same = signature(a.work, "stock", t, stock[t], rec_stock) == signature(a.work, "ext", t, ext[t], rec_ext)
        if same:
            identical[stock[t]] += 1
            ext_root = os.path.join(a.work, "ext")
            if '"verdict":"allow"' in read(os.path.join(ext_root, t[:-len(".phpt")] + ".php.aeslog"), ext_root):
                allowed_identical += 1
            reason = skip_reason(rec_stock.get(t)) if stock[t] == "SKIPPED" else ""
            if t in listed and reason.startswith("Required extension missing: "):
                cannot_run.append(f"{t} ({reason})")
            elif t in listed:
                problems.append(f"{t}: listed (line {listed[t][1]}) but identical to stock ({stock[t]}): remove it from the list")
            continue
        what = f"stock {stock[t]}, extension {ext[t]}"
        if stock[t] == ext[t] == "SKIPPED":
            what += f" (reason {skip_reason(rec_stock.get(t))!r} vs {skip_reason(rec_ext.get(t))!r})"
        ev = evidence(a.work, t, rec_ext)
        if t not in listed:
            seen = ", ".join(seen_rules(ev)) or "no refusal seen"
            problems.append(f"{t}: differs, not listed: {what}; refusals seen: {seen}")
            continue
        differ_listed += 1
        for name, must in listed[t][0]:
            by_rule[name] += 1
            if must and RULES[name] not in ev:
                problems.append(f"{t}: listed as {name} (line {listed[t][1]}) but the extension run shows no "
                                f"\"{RULES[name]}\" for it ({what})")
    for t, (_, n) in sorted(listed.items(), key=lambda kv: kv[1][1]):
        if selected(t) and t not in stock and t not in ext:
            problems.append(f"{t}: listed (line {n}) but not run")

    total = len(set(stock) | set(ext))
    ident = sum(identical.values())
    print()
    print(f"upstream: {total} tests run in each mode")
    print(f"  identical to stock:   {ident} ("
          + ", ".join(f"{n} {s.lower()}" for s, n in sorted(identical.items())) + ")")
    print(f"    of which made connections the extension allowed: {allowed_identical}")
    print(f"  differ, listed rule:  {differ_listed} ("
          + ", ".join(f"{n} {r}" for r, n in by_rule.most_common()) + "; a test may have several)")
    unlisted = sum(1 for p in problems if "not listed" in p)
    print(f"  differ otherwise:     {unlisted}")
    if cannot_run:
        print(f"  listed, but this PHP lacks an extension they need (skipped in both runs): {len(cannot_run)}")
        for t in cannot_run:
            print("    " + t)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
    # Tests counted as passed: run in both modes, and no problem names them.
    troubled = {p.split(":", 1)[0] for p in problems}
    passed = sum(1 for t in set(stock) & set(ext) if t not in troubled)
    print(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
