#!/usr/bin/env bash
# usage: policy/fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#
# Fuzz TARGET for SECONDS on one core. The committed seeds in corpus/TARGET are read but
# never written: libFuzzer keeps what it finds in work/TARGET (ignored by git). Crashes go
# to artifacts/TARGET/. The output is kept in work/logs/TARGET.log; the last lines printed
# are libFuzzer's final statistics (executions, time, crashes).
#
# Uses the nightly toolchain when rustup has one, else the stable one with
# RUSTC_BOOTSTRAP=1 (cargo fuzz needs -Z flags for the sanitizer and coverage options).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
target=${1:?usage: run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2

if rustup run nightly rustc --version >/dev/null 2>&1; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo +stable fuzz)
fi

mkdir -p "work/$target" work/logs
log="work/logs/$target.log"
"${fuzz[@]}" build "$target"
start=$(date +%s)
set +e
"${fuzz[@]}" run "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 "$@" >"$log" 2>&1
rc=$?
set -e
end=$(date +%s)
crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
echo "== $target: exit $rc, wall ${start}..${end} ($((end - start)) s), artifacts/$target files: $crashes"
grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::)' "$log" || tail -n 40 "$log"
exit "$rc"
