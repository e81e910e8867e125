#!/usr/bin/env bash
# usage: scripts/test.sh [--quick] [PHP...]    (as root, from any directory; works in a fresh clone)
#
# Every check on every PHP of CI_PHPS below: install missing packages, then scripts/matrix.sh: the
# whole suite (scripts/suite.sh: build, cargo test, phpt, netns self-test, php-fpm,
# php -S, robustness, flat memory, packaging; the threaded test on ZTS) on Debian
# 12's PHP 8.2, Debian 13's PHP 8.4, a ZTS PHP 8.4 built from Debian 13's source and
# Debian experimental's PHP 8.5 (set up once and cached: scripts/matrix-setup.sh). Arguments go to matrix.sh
# (--quick; a subset of 8.2 8.4 8.4-zts 8.5). Each step's output is shown as it runs and
# kept in target/test-logs/; ends with one line per PHP, and exits non-zero if any
# step failed or timed out.
#
# To add a runner: one more `step` line in scripts/suite.sh. The summary line is
# taken from its output: cargo's "test result:" lines, run-tests.php's
# "Number of tests" summary, or a last line "N passed, M failed"; otherwise the
# last line it printed.
set -euo pipefail

# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
LOGS=$ROOT/target/test-logs
# shellcheck source=steps.sh source-path=SCRIPTDIR
source "$ROOT/scripts/steps.sh"

# Timeouts: deps 10 min, and matrix.sh's steps share one budget of 78 min, so a hung
# step still ends inside CI's 90 min.
step deps            10m      stop        scripts/install-deps.sh
if [[ $FAILED -ne 0 ]]; then
    printf '%s\n' "${SUMMARY[@]}"
    echo "FAILED: the packages could not be installed"
    exit 1
fi
# The PHPs CI covers (scripts/matrix.sh's names); PHPs named on the command line replace them.
CI_PHPS=(8.2 8.4 8.4-zts 8.5)
args=("$@") named=0
for a in "$@"; do [[ "$a" == --* ]] || named=1; done
[[ $named == 1 ]] || args+=("${CI_PHPS[@]}")
exec scripts/matrix.sh "${args[@]}"
