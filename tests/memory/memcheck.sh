#!/usr/bin/env bash
# usage: tests/memory/memcheck.sh [PATTERN...]
#
# Runs the phpt suite (php-tests/*.phpt, or the tests whose names match the
# shell PATTERNs, e.g. 'stream_*' 'socket_*') under valgrind memcheck through
# `scripts/test-php.sh -m` (so inside the private network namespace of
# tests/netns/run.sh), and summarises:
#   tests run / passed / skipped / failed, the number of tests with memcheck
#   findings (errors, or definitely lost blocks), which ones, and for each
#   finding whether its stack goes through libappengine_sockets.
# Exit status: 0 if no memcheck finding is left once PHP's own known ones
# (tests/memory/known-php.txt, each reproduced with stock PHP) are set aside;
# 1 otherwise (2: set-up problem).
#
# How: run-tests.php -m wraps each test's php in `valgrind -q --tool=memcheck
# --trace-children=yes --log-file=TEST.mem` and sets USE_ZEND_ALLOC=0 and
# ZEND_DONT_UNLOAD_MODULES=1 (so allocations are plain malloc/free and stacks
# into the module still resolve at exit). A `valgrind` wrapper put first on
# PATH adds
#   --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
# (run-tests' own -m only reports errors, never leaks) and gives every process
# its own log (TEST.mem.PID, merged into TEST.mem afterwards): several tests
# start child PHPs (with the extension loaded, to test start-up settings), and
# with one shared --log-file they would overwrite each other's reports.
# Children that are not PHP with the extension (ss, awk, python, `php -n`
# stock-PHP helpers) are not traced, nor mount (setuid: valgrind cannot run it);
# sh and unshare are, so that a PHP they start is too (tests/memory/valgrind.supp
# holds valgrind's false positive in unshare).
#
# Tests that FAIL (a wrong output, not a memcheck finding) are run once more:
# under valgrind everything is 20-50x slower, and the idle-reclaim tests
# (app_idle_*: idle_timeout=1 and sleeps of 1-2 s) can then see a socket
# reclaimed before the test meant it to be, on a busy machine.
#
# The suite runs from a scratch copy of php-tests/ (the rest of the tree is
# symlinked), so run-tests' .mem/.out/.diff files never land in php-tests/, and
# against a snapshot of the extension, so a concurrent `cargo build` cannot
# change the module half-way.
#
# Environment:
#   AES_EXT               module to test (default target/release/libappengine_sockets.so)
#   AES_MEMCHECK_KEEP     directory to keep the run in (logs, .mem files, run-tests
#                         output); default: a temp dir, removed unless findings
#   AES_MEMCHECK_SKIP     space-separated test names (without .phpt) not to run;
#                         default: the ones listed in SKIP_DEFAULT below
#   AES_MEMCHECK_JOBS     run-tests workers (default 1; see scripts/test-php.sh)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
REAL_VALGRIND=$(command -v valgrind) || { echo "memcheck.sh: valgrind not installed (scripts/install-deps.sh)" >&2; exit 2; }
[[ -f "$EXT" ]] || { echo "memcheck.sh: $EXT not found (cargo build --release, or set AES_EXT)" >&2; exit 2; }

# Tests that cannot give a meaningful result under valgrind. None so far: in the
# reference run (201 tests, ~10 min on 2 CPUs) every test ran to its expected
# result, the idle-reclaim ones (1-2 s sleeps, idle_timeout=1) included; run-tests
# allows each test 300 s under valgrind. Names without .phpt.
SKIP_DEFAULT=""
SKIP=${AES_MEMCHECK_SKIP-$SKIP_DEFAULT}

if [[ -n "${AES_MEMCHECK_KEEP:-}" ]]; then
    W=$(realpath -m "$AES_MEMCHECK_KEEP"); mkdir -p "$W" || exit 2
    keep=1
else
    W=$(mktemp -d /tmp/aes-memcheck.XXXXXX); keep=0
fi

# --- the scratch tree -------------------------------------------------------------
tree=$W/tree
rm -rf "$tree"; mkdir -p "$tree/php-tests" "$W/bin"
for entry in "$ROOT"/* "$ROOT"/.[!.]*; do
    [[ -e "$entry" ]] || continue
    name=$(basename "$entry")
    [[ "$name" == php-tests || "$name" == target ]] && continue
    ln -s "$entry" "$tree/$name"
done
cp -r "$ROOT/php-tests/include" "$ROOT/php-tests/fixtures" "$tree/php-tests/"
patterns=("$@")
[[ ${#patterns[@]} -gt 0 ]] || patterns=('*')
selected=0
for f in "$ROOT"/php-tests/*.phpt; do
    t=$(basename "$f" .phpt)
    match=0
    for p in "${patterns[@]}"; do
        # shellcheck disable=SC2053  # PATTERN is a glob on purpose
        [[ "$t" == ${p%.phpt} ]] && match=1
    done
    [[ $match -eq 1 ]] || continue
    if [[ " $SKIP " == *" $t "* ]]; then
        echo "memcheck.sh: skipping $t (AES_MEMCHECK_SKIP)"
        continue
    fi
    cp "$f" "$tree/php-tests/"
    selected=$((selected + 1))
done
[[ $selected -gt 0 ]] || { echo "memcheck.sh: no test matches ${patterns[*]}" >&2; exit 2; }
mkdir -p "$tree/target/release"
cp "$EXT" "$tree/target/release/libappengine_sockets.so"
EXT=$tree/target/release/libappengine_sockets.so

# --- the valgrind wrapper ------------------------------------------------------------
cat >"$W/bin/valgrind" <<EOF
#!/usr/bin/env bash
# run-tests.php calls "valgrind ... --log-file=X.mem php ...": log per process, add leak checks.
real=$REAL_VALGRIND
log= args=()
for a in "\$@"; do
    case \$a in
        --log-file=*) log=\${a#--log-file=}; args+=("--log-file=\$log.%p") ;;
        *) args+=("\$a") ;;
    esac
done
[[ -n \$log ]] || exec "\$real" "\$@"
"\$real" --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --num-callers=40 \\
    --suppressions=$HERE/valgrind.supp \\
    --trace-children-skip='*/ss,*/awk,*/mawk,*/mount,*/umount,*/python3*,*/logger,*/cgi-fcgi,*/openssl' \\
    --trace-children-skip-by-arg=-n \\
    "\${args[@]}"
rc=\$?
: >"\$log"
for f in "\$log".*; do
    [[ -s \$f ]] || { rm -f "\$f"; continue; }
    pid=\${f##*.}
    { echo "==== process \$pid"; cat "\$f"; } >>"\$log"
    rm -f "\$f"
done
exit \$rc
EOF
chmod +x "$W/bin/valgrind"

# PCRE's JIT makes code valgrind cannot see into ("Conditional jump or move depends on
# uninitialised value(s)" at ??? frames, in stock PHP too, from any preg_* call): off in
# the test processes (run-tests -d) and in the child PHPs they start (an extra scan dir;
# an empty PHP_INI_SCAN_DIR element keeps the system conf.d).
mkdir -p "$W/ini"
echo 'pcre.jit=0' >"$W/ini/99-memcheck.ini"
export PHP_INI_SCAN_DIR="${PHP_INI_SCAN_DIR:-}:$W/ini"

# --- the run ------------------------------------------------------------------------
echo "memcheck.sh: $selected test(s), module $(sha256sum "$EXT" | cut -c1-16), work dir $W"
start=$(date +%s)
run_suite() {  # run_suite OUTPUT TESTS...
    local out=$1; shift
    PATH="$W/bin:$PATH" AES_EXT="$EXT" AES_PHPT_JOBS="${AES_MEMCHECK_JOBS:-1}" \
        "$ROOT/scripts/test-php.sh" -m -d pcre.jit=0 "$@" >"$out" 2>&1
}
run_suite "$W/run-tests.out" "$tree/php-tests"
rc=$?
# Once more for the tests whose output was wrong (see above).
mapfile -t again < <(grep -E '^(FAIL|BORK|LEAK&FAIL) ' "$W/run-tests.out" | grep -oE '\[[^]]*\.phpt\]' | tr -d '[]')
: >"$W/run-tests.retry.out"
if [[ ${#again[@]} -gt 0 ]]; then
    echo "memcheck.sh: running ${#again[@]} failed test(s) once more: $(printf '%s ' "${again[@]##*/}")"
    run_suite "$W/run-tests.retry.out" "${again[@]}"
fi
end=$(date +%s)

# --- the summary --------------------------------------------------------------------
# run-tests prints one "RESULT name [path]" line per test; a retried test counts
# with its second result.
results=$W/results.txt
awk 'match($0, /\[[^]]*\.phpt\]/) && $1 ~ /^(PASS|SKIP|FAIL|LEAK|LEAK&FAIL|BORK|XFAIL|XLEAK)$/ {
        r[substr($0, RSTART + 1, RLENGTH - 2)] = $1 }
     END { for (t in r) print r[t], t }' "$W/run-tests.out" "$W/run-tests.retry.out" | sort -k2 >"$results"
count() { grep -cE "^($1) " "$results"; }
passed=$(count PASS) skipped=$(count SKIP) failed=$(count 'FAIL|LEAK&FAIL') leaked=$(count 'LEAK|LEAK&FAIL|XLEAK')
borked=$(count BORK) xfailed=$(count 'XFAIL|XLEAK')
total=$(grep -c . "$results")
echo "memcheck.sh: run-tests exit $rc after $((end - start)) s"
if [[ $total -eq 0 ]]; then
    echo "memcheck.sh: run-tests reported no test result:" >&2
    tail -30 "$W/run-tests.out" >&2
    exit 2
fi
echo "memcheck.sh: $total tests run: $passed passed, $skipped skipped, $xfailed expected failures, $failed failed, $borked borked; $leaked with memcheck findings"
if [[ ${#again[@]} -gt 0 ]]; then
    echo "memcheck.sh: first run failed ${#again[@]}: $(printf '%s ' "${again[@]##*/}"); second run:"
    grep -E '^[A-Z&]+ ' "$W/run-tests.retry.out" | grep -E '\.phpt\]' | awk '{print "  " $1 " " $NF}'
fi
if [[ $failed -gt 0 || $borked -gt 0 ]]; then
    echo "memcheck.sh: tests that failed under valgrind (a wrong output, not a memcheck finding):"
    grep -E '^(FAIL|BORK|LEAK&FAIL) ' "$results" | sed 's/^/  /'
fi

# Every non-empty .mem file holds findings (run-tests deletes the empty ones). Split
# each into valgrind records and classify them: through the extension, known PHP
# (tests/memory/known-php.txt), or other.
python3 - "$tree/php-tests" "$HERE/known-php.txt" "$W/findings.txt" <<'PY'
import glob, os, re, sys
tests_dir, known_file, details = sys.argv[1:4]
known = []
for line in open(known_file):
    if line.strip() and not line.startswith('#'):
        test, regex, why = line.rstrip('\n').split('\t', 2)
        known.append((test, re.compile(regex), why))
findings = {}
for mem in sorted(glob.glob(os.path.join(tests_dir, '*.mem'))):
    if os.path.getsize(mem) == 0:
        continue
    test = os.path.basename(mem)[:-4]
    records, cur = [], []
    for line in open(mem, errors='replace'):
        m = re.match(r'==\d+== ?(.*)$', line.rstrip('\n'))
        if not m:
            continue
        if m.group(1).strip() == '':
            if cur:
                records.append('\n'.join(cur)); cur = []
        else:
            cur.append(line.rstrip('\n'))
    if cur:
        records.append('\n'.join(cur))
    findings[test] = records
n_ext = n_known = n_other = 0
lines = []
with open(details, 'w') as out:
    for test, records in findings.items():
        kinds = []
        for r in records:
            if 'appengine_sockets' in r:
                kind = 'EXTENSION'; n_ext += 1
            else:
                why = next((w for t, rx, w in known if t == test and rx.search(r)), None)
                if why:
                    kind = 'known PHP'; n_known += 1
                else:
                    kind = 'OTHER'; n_other += 1
            kinds.append(kind)
            out.write(f'--- {test}: {kind}\n{r}\n\n')
        summary = ', '.join(f'{kinds.count(k)} {k}' for k in ('EXTENSION', 'OTHER', 'known PHP') if kinds.count(k))
        lines.append(f'  {test}: {len(records)} record(s): {summary}')
        for t, rx, w in known:
            if t == test and 'known PHP' in kinds:
                lines.append(f'      known: {w}')
tests_with = len(findings)
print(f'memcheck.sh: {tests_with} test(s) with memcheck errors or definite leaks: '
      f'{n_ext} record(s) through appengine_sockets, {n_other} other, {n_known} known PHP (tests/memory/known-php.txt)')
if lines:
    print('\n'.join(lines))
with open(details + '.status', 'w') as f:
    f.write(f'{n_ext} {n_other} {n_known}\n')
PY
read -r n_ext n_other n_known <"$W/findings.txt.status"
if [[ $((n_ext + n_other)) -gt 0 ]]; then
    echo "memcheck.sh: valgrind records (all of them, classified):"
    sed 's/^/    /' "$W/findings.txt"
fi
if [[ $keep -eq 0 && $((n_ext + n_other)) -eq 0 && $failed -eq 0 && $borked -eq 0 ]]; then
    rm -rf "$W"
else
    echo "memcheck.sh: kept $W (run-tests.out, findings.txt, tree/php-tests/*.mem, *.out, *.diff)"
fi
if [[ $((n_ext + n_other)) -eq 0 ]]; then
    echo "memcheck.sh: no finding through appengine_sockets or unexplained ($n_known known PHP record(s) set aside)"
    exit 0
fi
echo "memcheck.sh: $n_ext record(s) through appengine_sockets and $n_other unexplained record(s) (see above)"
exit 1
