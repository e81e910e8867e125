#!/usr/bin/env python3
"""Dead-link check for the top-level *.md files and docs/*.md (or the Markdown files given).

Checks, outside fenced code blocks:
  * every relative link [text](target): the file or directory exists (relative to the
    page), and a #anchor names a heading of the target page (GitHub's rules: lowercase,
    punctuation other than '-' and '_' dropped, spaces to '-', repeats get -1, -2, ...);
  * every repository path an inline code span names (`scripts/suite.sh`,
    `php-tests/libc_*.phpt`, `policy/fuzz/run.sh TARGET`): a tracked file or directory
    exists (globs must match one). A path counts as one when its first part is a
    top-level directory of the repository (git ls-files), so build output (target/) and
    system paths (/etc/...) are not checked, nor are paths git ignores (phpize's build
    output, phpize/modules/).
Links to other sites are not fetched. Prints each failure as file:line: ..., and last
"N passed, M failed"; exits non-zero if any failed. Needs python3 and git only.
"""
import fnmatch
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)

TRACKED = subprocess.run(["git", "ls-files"], capture_output=True, text=True,
                         check=True).stdout.split("\n")
TRACKED = [f for f in TRACKED if f]
TRACKED_DIRS = set()
for f in TRACKED:
    parts = f.split("/")
    for i in range(1, len(parts)):
        TRACKED_DIRS.add("/".join(parts[:i]))
TOP_DIRS = {d for d in TRACKED_DIRS if "/" not in d}

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE = re.compile(r"(`+)(.+?)\1")


def prose_lines(path):
    """(line number, text) of the lines outside fenced code blocks."""
    fenced = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield n, line.rstrip("\n")


def slug(text):
    """GitHub's anchor for a heading's text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"<[^>]+>", "", text)                     # inline HTML
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)                    # punctuation (backticks too)
    return text.replace(" ", "-")


_anchors = {}


def anchors(path):
    if path not in _anchors:
        seen = {}
        out = set()
        for _, line in prose_lines(path):
            m = HEADING.match(line)
            if not m:
                continue
            s = slug(m.group(2))
            if s in seen:
                seen[s] += 1
                out.add(f"{s}-{seen[s]}")
            else:
                seen[s] = 0
                out.add(s)
        _anchors[path] = out
    return _anchors[path]


def repo_path_exists(p):
    p = p.rstrip("/")
    if any(c in p for c in "*?["):
        return any(fnmatch.fnmatch(f, p) for f in TRACKED) or \
            any(fnmatch.fnmatch(d, p) for d in TRACKED_DIRS)
    return p in TRACKED_DIRS or p in TRACKED or os.path.exists(p) and p.split("/")[0] in TOP_DIRS


def ignored(p):
    return subprocess.run(["git", "check-ignore", "-q", "--no-index", p]).returncode == 0


def code_paths(span):
    """Repository paths named in an inline code span."""
    for tok in span.split():
        tok = tok.split("=", 1)[-1]                 # VAR=path
        tok = tok.strip("'\",;:()[]")
        if "/" not in tok or tok.startswith(("/", "~", "$", "http")) or "://" in tok:
            continue
        if tok.startswith("./"):
            tok = tok[2:]
        if tok.split("/")[0] in TOP_DIRS and re.fullmatch(r"[\w.*?\[\]/+-]+", tok):
            yield tok


def main(pages):
    passed = failed = 0

    def fail(where, msg):
        nonlocal failed
        failed += 1
        print(f"{where}: {msg}")

    for page in pages:
        base = os.path.dirname(page)
        for n, line in prose_lines(page):
            where = f"{page}:{n}"
            # inline code first, so a link written inside backticks is not taken as one
            no_code = CODE.sub(lambda m: " " * len(m.group(0)), line)
            for m in LINK.finditer(no_code):
                target = m.group(1)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, mailto:, ...
                    continue
                file_part, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(base, file_part)) if file_part else page
                if file_part and not os.path.exists(dest):
                    fail(where, f"link to {target}: {dest} does not exist")
                    continue
                if anchor and dest.endswith(".md"):
                    if anchor not in anchors(dest):
                        fail(where, f"link to {target}: no heading #{anchor} in {dest}")
                        continue
                passed += 1
            for m in CODE.finditer(line):
                for p in code_paths(m.group(2)):
                    if repo_path_exists(p):
                        passed += 1
                    elif ignored(p):
                        continue
                    else:
                        fail(where, f"path {p} does not exist in the repository")
    print(f"check-docs: {len(pages)} pages")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        args = sorted(f for f in os.listdir(".") if f.endswith(".md")) + sorted(
            os.path.join("docs", f) for f in os.listdir("docs") if f.endswith(".md"))
    sys.exit(main(args))
