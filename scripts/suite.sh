#!/usr/bin/env bash
# usage: scripts/suite.sh [--quick]        (as root, from any directory)
#
# The whole test suite against ONE PHP: build the extension against it, then every
# runner. Which PHP: PHP_CONFIG (scripts/php-env.sh; default Debian 12's PHP 8.2).
# scripts/matrix.sh runs this once per PHP (inside the Debian 13 root file system
# for PHP 8.4), with a CARGO_TARGET_DIR of each PHP's own.
#   --quick   build, the phpt suite, and (ZTS) the threaded test only
# Each step's output is shown and kept in target/test-logs/<php>/<step>.log; a
# summary line per step follows, and the last line is the PHP's own, e.g.
#   PHP 8.4.16 NTS: 480 passed, 0 failed, 3 skipped (8 steps, 312 s)
# (the checks every step reported, added up). Exits non-zero if a step failed.
set -euo pipefail

QUICK=0
[[ "${1:-}" != --quick ]] || QUICK=1

# Whether the caller chose a PHP: if not, cargo runs exactly as a plain
# `cargo build --release` would (ext-php-rs reruns its build script, and cargo
# rebuilds the crate, whenever PHP/PHP_CONFIG change).
CHOSEN=${PHP_CONFIG:-}
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"

TAG=php-$PHP_MAJMIN-$([[ $PHP_ZTS == 1 ]] && echo zts || echo nts)
AES_EXT=$(realpath -m "${CARGO_TARGET_DIR:-target}/release/libappengine_sockets.so")
export AES_EXT
LOGS=$ROOT/target/test-logs/$TAG
# shellcheck source=steps.sh source-path=SCRIPTDIR
source "$ROOT/scripts/steps.sh"

# cargo, built against the PHP under test.
if [[ -z "$CHOSEN" ]]; then CARGO=(env -u PHP_CONFIG cargo); else CARGO=(env "PHP=$PHP_BIN" cargo); fi

echo "suite: $PHP_LABEL ($PHP_BIN, $PHP_CONFIG), extension $AES_EXT$([[ $QUICK == 1 ]] && echo ', quick')"
# Each step's timeout bounds that step (they add up to about 105 min, about 30 with
# --quick, far above a normal run's 9-11 min); what keeps CI inside its 90 min is the
# timeout of each PHP's whole suite in scripts/matrix.sh.
#    name            timeout  on failure  command
step build           15m      stop        "${CARGO[@]}" build --release
if [[ $QUICK == 0 ]]; then
step "cargo test"    10m      continue    "${CARGO[@]}" test --workspace
fi
step phpt            10m      continue    scripts/test-php.sh
# The opcodes PHP compiles with the extension loaded are stock PHP's (DO_ICALL, OPcache's
# folding, 8.4's frameless calls).
step opcodes          2m      continue    bench/opcodes.sh
if [[ $QUICK == 0 ]]; then
step "netns selftest" 2m      continue    tests/netns/selftest.sh
step "php-fpm apps"   2m      continue    tests/fpm/run.sh
# appengine_sockets.acl: three apps, the file edited during a load run, broken/deleted.
step "fpm acl"        3m      continue    tests/fpm/acl.sh
# phpredis and php-memcached (PECL) are not built for the ZTS PHP (scripts/matrix-setup.sh),
# nor packaged by Debian for PHP 8.5: the runner needs them, so it runs where they are.
if [[ -f "$("$PHP_CONFIG" --extension-dir)/redis.so" ]]; then
step "fpm clients"    5m      continue    tests/fpm/clients.sh
fi
# PHP 8.5's persistent cURL share handles, per app (skips before 8.5).
step "fpm curl share" 2m      continue    tests/fpm/curl-share.sh
step "php -S dev"     2m      continue    tests/fpm/devserver.sh
step "fpm load"       3m      continue    tests/load/run.sh
step metrics          3m      continue    tests/metrics/run.sh
step faults           2m      continue    tests/faults/run.sh
step robustness       4m      continue    tests/robustness/run.sh
step escapes          5m      continue    tests/escapes/run.sh
step "flat memory"    4m      continue    tests/memory/rss.sh
# The nftables kernel backstop against FFI syscalls, io_uring, static binaries, curl, mail().
step "kernel backstop" 3m     continue    tests/backstop/run.sh
# PHP's own networking tests, stock and with the extension: the PHP's own minor version's
# (its Debian source package's tests, and the differences reviewed for them; 8.2, 8.4).
step upstream         7m      continue    tests/upstream/run.sh
fi
if [[ $PHP_ZTS == 1 ]]; then
step "zts threads"    5m      continue    tests/zts/run.sh
fi
if [[ $QUICK == 0 ]]; then
# phpize && ./configure && make && make install from a clean tree (phpize/config.m4), into
# the PHP under test's extension dir, removed again after.
step "phpize build"   6m      continue    scripts/ci-phpize.sh
# Installs into and uninstalls from the PHP under test: after the suites that load the
# extension by path.
step packaging        8m      continue    scripts/ci-packaging.sh
fi
# Dead links in README.md and docs/: relative links, #anchors, repository paths. Once per
# matrix, on the host's PHP (git sees the checkout there); it takes under a second.
if [[ -z "$CHOSEN" ]]; then
step "docs links"     1m      continue    scripts/check-docs.py
fi

printf '\n==> %s: summary (%ds; logs in %s)\n' "$PHP_LABEL" $((SECONDS - START)) "$LOGS"
printf '%s\n' "${SUMMARY[@]}"
line="$PHP_LABEL: $PASSED_N passed, $FAILED_N failed"
if [[ $SKIPPED_N -gt 0 ]]; then line+=", $SKIPPED_N skipped"; fi
echo "$line (${#SUMMARY[@]} steps, $((SECONDS - START)) s)"
[[ $FAILED -eq 0 ]]
