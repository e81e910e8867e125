#!/usr/bin/env bash
# usage: scripts/test.sh        (as root, from any directory; works in a fresh clone)
#
# Every check, in order: install missing packages, build the extension, then
# the test runners. Each step's output is shown as it runs and kept in
# target/test-logs/<step>.log. Ends with one summary line per step, and exits
# non-zero if any step failed or timed out. If a "stop" step fails, the steps
# after it are skipped (they would only fail for the same reason).
#
# To add a runner: one more `step` line at the bottom. The summary line is
# taken from its output: cargo's "test result:" lines, run-tests.php's
# "Number of tests" summary, or a last line "N passed, M failed"; otherwise the
# last line it printed.
set -euo pipefail

# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

LOGS=$ROOT/target/test-logs
mkdir -p "$LOGS"
SUMMARY=()   # one line per step, printed at the end
FAILED=0     # number of failed steps
STOPPED=""   # name of the "stop" step that failed, if any
START=$SECONDS

# summarize LOG: the one-line result of a runner, from its output.
summarize() {
    local log=$1 line
    if grep -q '^test result:' "$log"; then
        # cargo test: add up every test binary's and doc-test's result line.
        awk '/^test result:/ { n++; for (i = 1; i < NF; i++) {
                 if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i
                 if ($(i+1) ~ /^ignored/) g += $i } }
             END { printf "%d passed, %d failed, %d ignored (in %d suites)", p, f, g, n }' "$log"
    elif grep -q '^Number of tests *:' "$log"; then
        # run-tests.php: its counts, e.g. "Tests passed    :   12 ( 92.3%) ..."
        awk -F: '/^(Number of tests|Tests [a-z]+|Expected fail) *:/ {
                 k = $1; sub(/ +$/, "", k); sub(/^Tests /, "", k); split($2, v, " "); n[k] = v[1] }
             END { out = (n["passed"] + 0) " passed, " (n["failed"] + 0) " failed"
                   split("skipped warned borked leaked", o, " ")
                   for (i = 1; i in o; i++) if (n[o[i]] > 0) out = out ", " n[o[i]] " " o[i]
                   if (n["Expected fail"] > 0) out = out ", " n["Expected fail"] " expected fail"
                   print out " (of " (n["Number of tests"] + 0) " tests)" }' "$log"
    elif line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1) && [[ -n "$line" ]]; then
        echo "$line"
    else
        line=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1 | sed 's/^[[:space:]]*//' | cut -c1-100 || true)
        echo "${line:-(no output)}"
    fi
}

# step NAME TIMEOUT stop|continue COMMAND...: run COMMAND (from the repo root,
# stdin /dev/null, stderr with stdout), show and log its output, record the result.
step() {
    local name=$1 limit=$2 on_fail=$3; shift 3
    local log=$LOGS/${name// /-}.log t0=$SECONDS rc=0 result
    if [[ -n "$STOPPED" ]]; then
        SUMMARY+=("$(printf '%-5s %-15s %6s  %s' SKIP "$name" - "not run: $STOPPED failed")")
        FAILED=$((FAILED + 1))
        return
    fi
    printf '\n==> %s: %s\n' "$name" "$*"
    # On a terminal, --foreground keeps the step in our process group so Ctrl-C
    # reaches all of it; otherwise (CI) timeout gives the step its own group and
    # kills all of it. -k: a step that ignores TERM is killed 30 s later.
    local fg=()
    if [[ -t 1 || -t 2 ]]; then fg=(--foreground); fi
    timeout "${fg[@]}" -k 30 "$limit" "$@" </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
    result=$(summarize "$log")
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        result="timed out after $limit; $result"
    fi
    local status=PASS
    if [[ $rc -ne 0 ]]; then
        status=FAIL FAILED=$((FAILED + 1))
        result="exit $rc: $result"
        if [[ "$on_fail" == stop ]]; then STOPPED=$name; fi
    fi
    SUMMARY+=("$(printf '%-5s %-15s %5ds  %s' "$status" "$name" $((SECONDS - t0)) "$result")")
}

# The timeouts add up to 85 min, so a hung step still ends inside CI's 90 min.
#    name            timeout  on failure  command
step deps            15m      stop        scripts/install-deps.sh
step build           20m      stop        cargo build --release
step "cargo test"    20m      continue    cargo test --workspace
step phpt            15m      continue    scripts/test-php.sh
step "netns selftest" 5m      continue    tests/netns/selftest.sh
step "php-fpm apps"   5m      continue    tests/fpm/run.sh
step "fpm clients"    5m      continue    tests/fpm/clients.sh
step "php -S dev"     5m      continue    tests/fpm/devserver.sh
step "fpm load"        3m      continue    tests/load/run.sh
step faults           2m      continue    tests/faults/run.sh
# PHP's own networking tests, stock and with the extension (downloads PHP's source once).
step upstream         7m      continue    tests/upstream/run.sh
step robustness      10m      continue    tests/robustness/run.sh
step "flat memory"   10m      continue    tests/memory/rss.sh
# Installs into and uninstalls from this machine's PHP: after the suites that load the
# extension by path.
step packaging       10m      continue    scripts/ci-packaging.sh

printf '\n==> summary (%ds; logs in %s)\n' $((SECONDS - START)) "$LOGS"
printf '%s\n' "${SUMMARY[@]}"
if [[ $FAILED -ne 0 ]]; then
    echo "FAILED: $FAILED of ${#SUMMARY[@]} steps"
    exit 1
fi
echo "OK: all ${#SUMMARY[@]} steps passed"
