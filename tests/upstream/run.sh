#!/usr/bin/env bash
# usage: tests/upstream/run.sh [TEST-PATH...]     (as root; ~2 min)
#
# PHP's own networking tests, run twice with the same PHP: once stock, once with the
# extension loaded (operator allow 127.0.0.0/8,::1/128, so the loopback servers the
# tests start are reachable), and compared test by test: ext/sockets,
# ext/standard/tests/{network,streams,http}, ext/ftp and ext/openssl. The PHP under
# test is PHP_CONFIG's (scripts/php-env.sh), and the tests are its minor version's,
# from Debian's source package (tests/upstream/fetch-php-src.sh downloads it on first
# use): for 8.2 bookworm's php8.2, for 8.4 trixie's php8.4 8.4.11-1, the ZTS PHP's
# source, which the 8.4 NTS packages (a later 8.4 point release) run too: stock and
# extension run the same tests on the same binary.
#
# A test "differs" when its outcome (PASS, FAIL, SKIP and the skip reason, BORK,
# ...) or, for a test that fails in both runs, its output is not the same. Every
# difference must be listed in tests/upstream/expected-differences.txt with the rule
# that causes it, and the extension's refusal text for that rule must show in the
# test's output or decision log. The run fails on a difference that is not listed, on
# a listed test that no longer differs, and on a listed rule that is not seen. Tests
# that are unstable with stock PHP itself here are in tests/upstream/skipped.txt and
# not run. In both lists, the lines after "[X.Y]" are PHP X.Y's only (its own tests,
# or differences only its tests show), up to "[all]" or the next such line.
#
# Each run is made in a copy of the tests under target/upstream/php-X.Y-{nts,zts}/
# {stock,ext}/ (what run-tests leaves behind stays there), inside its own private
# network namespace (tests/netns/run.sh), the two at once. Both use the same fixed set
# of extensions (not the PHP's own conf.d): sockets, ftp, posix and phar, loaded as
# shared extensions where the PHP has them so and not built in. run-tests' --offline
# skips online tests; tests needing an extension the PHP lacks skip in both runs.
#
# One file of the copies is changed, in both runs: from 8.4 on,
# ext/openssl/tests/ServerClientTestCase.inc (the openssl TLS tests and some http and
# streams tests use it) starts the test's server in a second PHP with the test's own
# -d settings (TEST_PHP_EXTRA_ARGS). The copy drops the -d settings that name
# appengine_sockets from that command only, so the server, test scaffolding, runs
# without the extension (as with 8.2's include, which passes no -d), and the client,
# the code under test, runs with it. The stock run has nothing to drop; an include
# without that command (8.2's) is left as it is.
#   PHP_CONFIG           the PHP under test (scripts/php-env.sh; default Debian's 8.2)
#   AES_EXT              the built extension (default target/release/libappengine_sockets.so)
#   AES_PHP_SRC          PHP's source tree (default /var/cache/appengine-sockets/php-src-X.Y)
#   AES_UPSTREAM_JOBS    run-tests -j per run (default 2)
# TEST-PATH (e.g. ext/sockets/tests/socket_bind.phpt or ext/ftp) limits the run;
# then listed tests outside the selection are not checked.
# Last line: "N passed, M failed" (passed = as expected: identical, or listed).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../scripts/php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"
DIRS=(ext/sockets ext/standard/tests/network ext/standard/tests/streams ext/standard/tests/http
      ext/ftp ext/openssl)
# Included by some of those tests from outside their directories.
SUPPORT=(sapi/cli/tests/php_cli_server.inc)
ALLOW=127.0.0.0/8,::1/128

die() { echo "tests/upstream/run.sh: $*" >&2; exit 1; }

AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || die "$AES_EXT not found (cargo build --release, or set AES_EXT)"
[[ -n "$PHP_RUN_TESTS" ]] || die "no run-tests.php for $PHP_CONFIG (apt-get install php$PHP_MAJMIN-dev)"
rc=0
SRC=$("$HERE/fetch-php-src.sh" "$PHP_MAJMIN") || rc=$?
if [[ $rc == 3 ]]; then
    # No source for this PHP's tests (8.5: the mirror does not serve php8.5's source files).
    echo "upstream: $PHP_LABEL: PHP's own tests not run: php$PHP_MAJMIN's source package cannot be downloaded here"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
[[ $rc == 0 ]] || exit "$rc"
PHP=$PHP_BIN
RUN_TESTS=$PHP_RUN_TESTS
JOBS=${AES_UPSTREAM_JOBS:-2}

WORK=$ROOT/target/upstream/php-$PHP_MAJMIN-$([[ $PHP_ZTS == 1 ]] && echo zts || echo nts)
rm -rf "$WORK"
mkdir -p "$WORK"

# The same extensions in both runs and in every PHP a test starts (the openssl
# tests' server processes, php -S): sockets, ftp and posix are what these tests need;
# run-tests loads the others a test names in --EXTENSIONS--. Each is loaded from the
# PHP's extension dir where it is a shared one there (Debian's PHPs: all four), and
# left alone where it is built in (the ZTS PHP's posix) or absent (its phar).
mkdir -p "$WORK/conf.d"
ext_dir=$("$PHP" -n -r 'echo ini_get("extension_dir");')
loaded=()
for e in sockets ftp posix phar; do
    if [[ -f "$ext_dir/$e.so" ]] && ! "$PHP" -n -r "exit(extension_loaded('$e') ? 0 : 1);"; then
        echo "extension=$e"
        loaded+=("$e")
    fi
done >"$WORK/conf.d/upstream.ini"
export PHP_INI_SCAN_DIR=$WORK/conf.d
if "$PHP" -r 'exit(extension_loaded("appengine_sockets") ? 0 : 1);' 2>/dev/null; then
    die "php.ini itself loads appengine_sockets; the stock run must run without it"
fi

# Tests not to run (tests/upstream/skipped.txt: every PHP's, and this one's section),
# one copy of the tests per run.
mapfile -t skipped < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$HERE/skipped.txt" \
    | awk -v php="$PHP_MAJMIN" '/^\[(all|[0-9]+\.[0-9]+)\][[:space:]]*$/ { s = substr($1, 2, length($1) - 2); next }
                                 s == "" || s == "all" || s == php { print $1 }')
for mode in stock ext; do
    for d in "${DIRS[@]}" "${SUPPORT[@]}"; do
        mkdir -p "$WORK/$mode/$(dirname "$d")"
        cp -a "$SRC/$d" "$WORK/$mode/$d"
    done
    for t in "${skipped[@]}"; do
        [[ -f "$WORK/$mode/$t" ]] || die "skipped.txt names $t, which is not in $SRC"
        rm -f "$WORK/$mode/$t"
    done
done

# The server process of ServerClientTestCase.inc without the extension (see above).
inc_arg="getenv('TEST_PHP_EXTRA_ARGS')"
inc_new="preg_replace('~ -d \"[^\"]*appengine_sockets[^\"]*\"~', '', $inc_arg)"
for mode in stock ext; do
    inc=$WORK/$mode/ext/openssl/tests/ServerClientTestCase.inc
    n=$(grep -cF "$inc_arg" "$inc" || true)
    [[ $n -le 1 ]] || die "$inc passes TEST_PHP_EXTRA_ARGS $n times; expected at most once"
    if [[ $n -eq 1 ]]; then
        sed -i "s|$inc_arg|$inc_new|" "$inc"
        grep -qF "$inc_new" "$inc" || die "could not change the server command in $inc"
    fi
done

# What to run: every directory, or the TEST-PATHs given.
select=("${DIRS[@]}")
if [[ $# -gt 0 ]]; then select=("$@"); fi

# One run of run-tests inside its own namespace. The extension's decision log goes
# to one file per test, next to the test (run-tests exports SCRIPT_FILENAME for the
# test itself; its SKIPIF sections share one file).
run_mode() {
    local mode=$1 args=()
    if [[ $mode == ext ]]; then
        # Expanded by the shell run-tests starts each PHP with, not here.
        # shellcheck disable=SC2016
        args=(-d "extension=$AES_EXT" -d "appengine_sockets.allow=$ALLOW"
              -d 'appengine_sockets.log=${SCRIPT_FILENAME:-$AES_UPSTREAM_SKIPIF}.aeslog')
    fi
    (
        cd "$WORK/$mode"
        export NO_INTERACTION=1 TEST_PHP_EXECUTABLE="$PHP" AES_UPSTREAM_SKIPIF="$WORK/$mode/skipif"
        unset TEST_PHP_ARGS
        "$ROOT/tests/netns/run.sh" "$PHP" "$RUN_TESTS" -q --offline --no-color --no-progress \
            "-j$JOBS" "${args[@]}" -W "$WORK/$mode.results" "${select[@]}" >"$WORK/$mode.log" 2>&1
    )
}

echo "upstream: $PHP_LABEL ($PHP), tests from php$PHP_MAJMIN $(cat "$SRC/.aes-version" 2>/dev/null || echo '?')," \
     "${#skipped[@]} skipped (tests/upstream/skipped.txt), shared extensions: ${loaded[*]:-none};" \
     "stock and extension runs in parallel"
t0=$SECONDS
rc_stock=0 rc_ext=0
run_mode stock & pid_stock=$!
run_mode ext & pid_ext=$!
wait "$pid_stock" || rc_stock=$?
wait "$pid_ext" || rc_ext=$?
echo "upstream: both runs done in $((SECONDS - t0)) s (run-tests exit: stock $rc_stock, extension $rc_ext)"
for mode in stock ext; do
    grep -q '^Number of tests' "$WORK/$mode.log" \
        || { tail -n 30 "$WORK/$mode.log" >&2; die "the $mode run did not finish (log: $WORK/$mode.log)"; }
done

exec python3 "$HERE/compare.py" --work "$WORK" --list "$HERE/expected-differences.txt" --php "$PHP_MAJMIN" "${select[@]}"
