#!/usr/bin/env bash
# usage: scripts/ci-phpize.sh        (as root, from any directory)
#
# The build every PHP packager knows, on the PHP under test (PHP_CONFIG, scripts/php-env.sh;
# default Debian 12's PHP 8.2), from a clean tree: the repository's files (git ls-files,
# as a fresh clone has them) copied into a scratch dir, then in its phpize/
#   phpize && ./configure --with-php-config=PHP_CONFIG --enable-appengine-sockets && make && make install
# (what PIE and docker-php-ext-install run). Checks that configure found cargo and this
# php-config, that make left modules/appengine_sockets.so, that make install put it into
# `php-config --extension-dir` (where PECL extensions go), that this PHP loads it from there
# by name (php -n -d extension=appengine_sockets), and that it is the one make built.
# Then removes it from the extension dir (a file that was there before is put back).
# Cargo builds into CARGO_TARGET_DIR when set (the suite's, made absolute: the
# dependencies are built already), else into the scratch dir.
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"
if ! command -v cargo >/dev/null; then
    for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin"; do
        if [[ -x "$d/cargo" ]]; then PATH="$d:$PATH"; break; fi
    done
fi
PHPIZE=$(dirname "$PHP_CONFIG")/phpize$([[ "$(basename "$PHP_CONFIG")" =~ ^php-config(.*)$ ]] && echo "${BASH_REMATCH[1]}")
[[ -x "$PHPIZE" ]] || { echo "scripts/ci-phpize.sh: no phpize next to $PHP_CONFIG ($PHPIZE)" >&2; exit 1; }
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    CARGO_TARGET_DIR=$(cd "$ROOT" && realpath -m "$CARGO_TARGET_DIR"); export CARGO_TARGET_DIR
fi
EXTDIR=$("$PHP_CONFIG" --extension-dir)
INSTALLED=$EXTDIR/appengine_sockets.so
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ci-phpize.XXXXXX")
BACKUP=""
cleanup() {
    rm -f "$INSTALLED"
    if [[ -n "$BACKUP" ]]; then mv "$BACKUP" "$INSTALLED"; fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
if [[ -e "$INSTALLED" ]]; then BACKUP=$SCRATCH/previous.so; cp -p "$INSTALLED" "$BACKUP"; fi

pass=0 fail=0
check() {  # check NAME COMMAND...: the command succeeds
    if "${@:2}" >>"$SCRATCH/checks.log" 2>&1; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"; tail -n 15 "$SCRATCH/checks.log" | sed 's/^/     /'
    fi
}
run() {  # run NAME LOG COMMAND...: one step of the sequence, its output kept
    local log=$SCRATCH/$2.log
    if (cd "$SCRATCH/tree/phpize" && "${@:3}") >"$log" 2>&1; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"; tail -n 25 "$log" | sed 's/^/     /'
        echo "$pass passed, $fail failed"; exit 1
    fi
}

echo "ci-phpize: $PHP_LABEL ($PHP_CONFIG, $PHPIZE), extension dir $EXTDIR"
mkdir -p "$SCRATCH/tree"
(cd "$ROOT" && git ls-files -z) | (cd "$ROOT" && tar --null -T - -cf -) | tar -xf - -C "$SCRATCH/tree"
check "a clean tree: the repository's files only, phpize/ holds config.m4 and Makefile.frag" \
    test -f "$SCRATCH/tree/phpize/config.m4" -a -f "$SCRATCH/tree/phpize/Makefile.frag" -a ! -e "$SCRATCH/tree/target"
run "phpize" phpize "$PHPIZE"
run "./configure --enable-appengine-sockets" configure ./configure --with-php-config="$PHP_CONFIG" --enable-appengine-sockets
check "configure found cargo and this php-config" \
    grep -qx "AES_PHP_CONFIG = $PHP_CONFIG" "$SCRATCH/tree/phpize/Makefile"
run "make (cargo build --release)" make make
check "make left modules/appengine_sockets.so" test -s "$SCRATCH/tree/phpize/modules/appengine_sockets.so"
run "make install" install make install
check "make install put it into the extension dir ($EXTDIR)" \
    cmp "$SCRATCH/tree/phpize/modules/appengine_sockets.so" "$INSTALLED"
# shellcheck disable=SC2016  # PHP code
check "$PHP_LABEL loads it by name from there" \
    bash -c '"$1" -n -d extension=appengine_sockets -r "exit(extension_loaded(\"appengine_sockets\") ? 0 : 1);"' _ "$PHP_BIN"
# shellcheck disable=SC2016  # the inner shell's $1
check "make clean removes the module" bash -c 'cd "$1" && make clean && test ! -e modules/appengine_sockets.so' _ "$SCRATCH/tree/phpize"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
