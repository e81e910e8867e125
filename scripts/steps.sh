# shellcheck shell=bash
# Sourced by scripts/test.sh and scripts/suite.sh: run named steps with a timeout,
# log each one, and keep one summary line per step.
#   LOGS      directory for <step>.log (set before sourcing)
# After the steps: SUMMARY (lines), FAILED (failed steps), PASSED_N / FAILED_N (the
# checks the steps reported, added up: "N passed, M failed" of each; a failed step
# that reported no failed check counts as one failed check).
mkdir -p "$LOGS"
SUMMARY=()   # one line per step, printed at the end
FAILED=0     # number of failed steps
STOPPED=""   # name of the "stop" step that failed, if any
PASSED_N=0 FAILED_N=0 SKIPPED_N=0
START=$SECONDS  # for the caller's summary
export START

# summarize LOG: the one-line result of a runner, from its output.
summarize() {
    local log=$1 line
    if line=$(grep -E '^PHP [^:]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1) && [[ -n "$line" ]]; then
        # scripts/suite.sh (one PHP's whole suite, its steps' lines inside): its last line.
        echo "$line"
    elif grep -q '^test result:' "$log"; then
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
        FAILED=$((FAILED + 1)) FAILED_N=$((FAILED_N + 1))
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
    # Add up the checks the step reported.
    local p=0 f=0 s=0
    if [[ "$result" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
        p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
    fi
    if [[ "$result" =~ ([0-9]+)\ (skipped|ignored) ]]; then s=${BASH_REMATCH[1]}; fi
    if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi
    PASSED_N=$((PASSED_N + p)) FAILED_N=$((FAILED_N + f)) SKIPPED_N=$((SKIPPED_N + s))
    local status=PASS
    if [[ $rc -ne 0 ]]; then
        status=FAIL FAILED=$((FAILED + 1))
        result="exit $rc: $result"
        if [[ "$on_fail" == stop ]]; then STOPPED=$name; fi
    fi
    SUMMARY+=("$(printf '%-5s %-15s %5ds  %s' "$status" "$name" $((SECONDS - t0)) "$result")")
    if [[ $rc -ne 0 ]]; then
        local why
        while IFS= read -r why; do SUMMARY+=("$why"); done < <(failure_lines "$log")
    fi
}

# failure_lines LOG: up to 8 lines that name what failed in a failed step's log, each as
# "      > LINE", so that the summary (often all that is kept of a CI run's output) says
# which check failed, not only how many. A nested summary (a PHP's whole suite run as one
# step of the matrix) already has such lines: those are taken as they are.
failure_lines() {
    local log=$1
    if grep -qE '^      > ' "$log"; then
        grep -E '^      > ' "$log" | head -n 8
    else
        # (not the "FAIL  name" lines of a nested summary: two spaces after FAIL there)
        local lines
        lines=$(grep -E '^(FAIL|not ok|ESCAPED|BROKE|LEAK|BORK)[ :]|panicked' "$log" \
            | grep -vE '^FAIL  ' | head -n 8 || true)
        # nothing named (a timeout, a crash): the log's last lines
        [[ -n $lines ]] || lines=$(grep -v '^[[:space:]]*$' "$log" | tail -n 3)
        printf '%s\n' "$lines" | cut -c1-160 | sed 's/^/      > /'
    fi
}
