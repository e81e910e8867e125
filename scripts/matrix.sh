#!/usr/bin/env bash
# usage: scripts/matrix.sh [--quick] [--no-setup] [PHP...]     (as root)
#
# The test suite (scripts/suite.sh) on every PHP the extension supports:
#   8.2       Debian 12's PHP 8.2 (NTS), this machine's own
#   8.4       Debian 13's PHP 8.4 (NTS) packages, in a Debian 13 root file system
#   8.4-zts   PHP 8.4 built with --enable-zts from Debian 13's php8.4 source package,
#             under its own prefix in that root file system (official-image layout)
#   8.5       PHP 8.5 (NTS) from Debian experimental's php8.5 packages, in a Debian
#             unstable root file system (its set-up runs in the background from the start)
#   8.6       PHP 8.6's release candidate from experimental, in that same root file
#             system: not in the default set nor in CI; its failures do not fail the run
# (default: 8.2 8.4 8.4-zts 8.5). What 8.4 and 8.5 need is made by scripts/matrix-setup.sh
# first, once: it is cached under /var/cache/appengine-sockets/matrix, and a second run
# reuses it.
#   --quick     build + phpt (+ the threaded test on ZTS) per PHP, for day-to-day work
#   --no-setup  do not run matrix-setup.sh (it must have run before)
# Each PHP builds into a target dir of its own (target/ for 8.2 as always,
# target/php-8.4-nts, target/php-8.4-zts, target/php-8.5-nts), so no build undoes another.
# Logs: target/test-logs/matrix/<step>.log, and per PHP target/test-logs/php-*/.
# Ends with one line per PHP, e.g. "PHP 8.4.27 NTS: 480 passed, 0 failed, ...", and
# exits non-zero if any PHP failed. Every step has a timeout, cut to what is left of one
# budget for the whole matrix (78 min), so a hung step cannot keep CI past its 90 min.
set -euo pipefail

QUICK=() SETUP=1 WANT=()
for a in "$@"; do
    case "$a" in
        --quick) QUICK=(--quick) ;;
        --no-setup) SETUP=0 ;;
        8.2 | 8.4 | 8.4-zts | 8.5 | 8.6) WANT+=("$a") ;;
        *) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[[ ${#WANT[@]} -gt 0 ]] || WANT=(8.2 8.4 8.4-zts 8.5)

# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
LOGS=$ROOT/target/test-logs/matrix
# shellcheck source=steps.sh source-path=SCRIPTDIR
source "$ROOT/scripts/steps.sh"

ZTS_CONFIG=/opt/appengine-sockets/php-8.4-zts/bin/php-config
needs_rootfs=0 setup=(scripts/matrix-setup.sh --no-zts) needs_sid=0 sid_setup=(scripts/matrix-setup.sh --sid)
for w in "${WANT[@]}"; do
    [[ $w != 8.4 && $w != 8.4-zts ]] || needs_rootfs=1
    [[ $w != 8.4-zts ]] || setup=(scripts/matrix-setup.sh)
    [[ $w != 8.5 && $w != 8.6 ]] || needs_sid=1
    [[ $w != 8.6 ]] || sid_setup=(scripts/matrix-setup.sh --php8.6)
done
# The failures of a line that is not supported yet (8.6) are shown but do not fail the run.
NONBLOCKING=()

# Timeouts. Each step has its own limit (below), and every limit is cut to what is left
# of one budget for the whole matrix (AES_MATRIX_BUDGET minutes, default 78: with
# test.sh's 10m for the packages, CI's 90 min), so a hung step cannot keep CI past it
# however many PHPs there are; a step left with less than a minute still gets one.
# Measured (2 cores): warm (caches made) the 8.2 suite ~11 min, 8.4 NTS ~9, 8.4 ZTS ~9,
# 8.5 ~9-10; cold, the Debian 13 set-up ~12 min more (root fs 83 s, ZTS build 580 s,
# its extensions 67 s) and the unstable one ~12 (391-723 s, downloads and unpacking at
# ~11% CPU). So the unstable set-up runs in the background from the start, beside the
# 8.2 suite and the Debian 13 set-up, and the 8.5 line waits for it: cold about 50 min
# instead of 62 (docs/php-versions.md). Limits: the 8.2 suite 20m, the Debian 13 set-up
# 27m (3x cold), 8.4 NTS and ZTS 15m each, the unstable set-up 20m, the 8.5/8.6 line 25m.
BUDGET_END=$((SECONDS + ${AES_MATRIX_BUDGET:-78} * 60))
limit() {  # limit MINUTES: that many, or what is left of the budget (at least a minute)
    local want=$(($1 * 60)) left=$((BUDGET_END - SECONDS))
    ((left >= 60)) || left=60
    echo "$((want < left ? want : left))s"
}
# The unstable root fs in the background (see above), when a line needs it and it would
# otherwise wait for earlier lines: its output and status are kept for its step.
SID_BG_LOG=$LOGS/unstable-set-up.background.log SID_BG_RC=$LOGS/unstable-set-up.background.rc
SID_BG_PID=
if [[ $SETUP == 1 && $needs_sid == 1 && ${WANT[0]} != 8.5 && ${WANT[0]} != 8.6 ]]; then
    rm -f "$SID_BG_RC"
    ( rc=0; "${sid_setup[@]}" >"$SID_BG_LOG" 2>&1 </dev/null || rc=$?; echo "$rc" >"$SID_BG_RC" ) &
    SID_BG_PID=$!
    echo "matrix: ${sid_setup[*]} started in the background (log: $SID_BG_LOG)"
fi
#    name            timeout  on failure  command
for w in "${WANT[@]}"; do
    case "$w" in
        8.2)
            step "PHP 8.2 NTS"  "$(limit 20)"  continue  env -u PHP_CONFIG -u CARGO_TARGET_DIR scripts/suite.sh "${QUICK[@]}" ;;
        8.4)
            if [[ $SETUP == 1 && $needs_rootfs == 1 ]]; then
                step "matrix set-up" "$(limit 27)" stop  "${setup[@]}"
                needs_rootfs=0
            fi
            step "PHP 8.4 NTS"  "$(limit 15)"  continue  env PHP_CONFIG=/usr/bin/php-config8.4 CARGO_TARGET_DIR=target/php-8.4-nts \
                scripts/rootfs.sh scripts/suite.sh "${QUICK[@]}" ;;
        8.4-zts)
            if [[ $SETUP == 1 && $needs_rootfs == 1 ]]; then
                step "matrix set-up" "$(limit 27)" stop  "${setup[@]}"
                needs_rootfs=0
            fi
            step "PHP 8.4 ZTS"  "$(limit 15)"  continue  env PHP_CONFIG=$ZTS_CONFIG CARGO_TARGET_DIR=target/php-8.4-zts \
                scripts/rootfs.sh scripts/suite.sh "${QUICK[@]}" ;;
        8.5 | 8.6)
            if [[ $SETUP == 1 && $needs_sid == 1 && -n $SID_BG_PID ]]; then
                # Started in the background: wait for it, then show its output and status.
                step "unstable set-up" "$(limit 20)" stop  bash -c \
                    'while [[ ! -f $1 ]]; do sleep 2; done; cat "$2"; exit "$(cat "$1")"' _ "$SID_BG_RC" "$SID_BG_LOG"
                needs_sid=0
            elif [[ $SETUP == 1 && $needs_sid == 1 ]]; then
                step "unstable set-up" "$(limit 20)" stop  "${sid_setup[@]}"
                needs_sid=0
            fi
            failed_before=$FAILED failed_n_before=$FAILED_N
            step "PHP $w NTS"   "$(limit 25)"  continue  env AES_ROOTFS=sid PHP_CONFIG=/usr/bin/php-config$w \
                CARGO_TARGET_DIR=target/php-$w-nts scripts/rootfs.sh scripts/suite.sh "${QUICK[@]}"
            if [[ $w == 8.6 && $FAILED -gt $failed_before ]]; then
                NONBLOCKING+=("PHP 8.6 NTS: $((FAILED_N - failed_n_before)) failed checks")
                FAILED=$failed_before FAILED_N=$failed_n_before
            fi ;;
    esac
done

# A background set-up no line waited for (its line was cut short) is stopped.
if [[ -n $SID_BG_PID ]] && kill -0 "$SID_BG_PID" 2>/dev/null; then
    pkill -TERM -P "$SID_BG_PID" 2>/dev/null || true
    kill "$SID_BG_PID" 2>/dev/null || true
fi

printf '\n==> matrix: summary (%ds; logs in %s)\n' $((SECONDS - START)) "$LOGS"
printf '%s\n' "${SUMMARY[@]}"
echo
# One line per PHP: the suite's own last line ("PHP 8.4.27 NTS: N passed, M failed ...").
for s in "${SUMMARY[@]}"; do
    if [[ "$s" =~ (PHP\ [0-9]+\.[0-9]+\.[0-9]+\ [NZ]TS:\ [0-9]+\ passed.*) ]]; then
        if [[ "$s" == PASS* ]]; then echo "${BASH_REMATCH[1]}"; else echo "FAIL: ${BASH_REMATCH[1]}"; fi
    elif [[ "$s" == *"PHP "* ]]; then
        # A suite that never got to its last line (set-up failed, timed out).
        awk '{ $1 = $1 } 1' <<<"$s"
    fi
done
for n in "${NONBLOCKING[@]}"; do echo "not blocking (a release candidate, not yet supported): $n"; done
# Last, every PHP's checks added up: the plain "N passed, M failed" line CI reads.
total="matrix: $PASSED_N passed, $FAILED_N failed"
if [[ $SKIPPED_N -gt 0 ]]; then total+=", $SKIPPED_N skipped"; fi
if [[ $FAILED -ne 0 ]]; then
    echo "FAILED: $FAILED of ${#SUMMARY[@]} steps"
    echo "$total"
    exit 1
fi
if [[ ${#NONBLOCKING[@]} -gt 0 ]]; then
    echo "OK: every step passed but the non-blocking ones above"
else
    echo "OK: all ${#SUMMARY[@]} steps passed"
fi
echo "$total"
