#!/usr/bin/env bash
# shellcheck disable=SC2015,SC2001,SC2317
# (SC2015: `check && pass || fail`, pass cannot fail; SC2001: sed indents; SC2317: ncd runs via run_checks)
# usage: tests/robustness/run.sh
#
# appengine_sockets keeps working however PHP loads and restarts it:
#   1. load order: `sockets` before or after it (php -n), and among every Debian
#      extension of the system conf.d (ftp, mysqlnd, soap, ...), first or last;
#      openssl (ssl://, tls:// and its own tcp://) is compiled into Debian's PHP,
#      and no installed extension registers another transport (stream_get_transports()
#      is the same with each loaded alone), so refusals.php checks openssl's too;
#   2. opcache's JIT (tracing and function): hot loops of refused calls stay refused
#      with errno 13 (jit.php);
#   3. module shutdown gives PHP its handlers back: aes_probe.so (a test extension
#      loaded right before appengine_sockets) snapshots every internal function's
#      handler and every transport factory at its MINIT and compares at its MSHUTDOWN,
#      which runs right after appengine_sockets';
#   4. PHP's embed SAPI (aes_embed.c, libphpX.Y-embed or a source build's libphp.so) starts up three times in one
#      process: with the module (refused), without it (10.0.0.5 connects: no stale
#      handler; the catcher logs that one connection), with it again (refused);
#      then twice with different settings, which the second start-up must apply;
#      then persistent streams of two apps (app_id set per request, as php-fpm's
#      PHP_ADMIN_VALUE does) across a restart.
# Runs inside tests/netns/run.sh (re-executes itself there). Makes 6 TCP connections
# (stock control, the embed start-up without the module, 4 persistent ones to
# 11.0.0.1:80); the rest are refusals and UDP datagrams to 11.0.0.1/11.0.0.2:9999.
# Prints every check and "N passed, M failed"; exits 1 if any failed.
#   AES_EXT   module (default target/release/libappengine_sockets.so)
#   PHP_CONFIG  the PHP to test (scripts/php-env.sh; default Debian's 8.2)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

SRC=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$SRC" ]] || { fail "module $SRC not found (cargo build --release, or set AES_EXT)"; finish; }
TMP=$(mktemp -d /tmp/aes-robust.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# A private copy (a concurrent build cannot change it mid-run) whose name the embed
# test looks for in /proc/self/maps.
EXT=$TMP/libappengine_sockets.so
cp "$SRC" "$EXT"
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
PHP=$PHP_BIN
EXTDIR=$("$PHP" -n -r 'echo ini_get("extension_dir");')
INCLUDES=("${PHP_INCLUDES_A[@]}")

PROBE=$TMP/aes_probe.so
if ! gcc -O1 -Wall -shared -fPIC "${INCLUDES[@]}" -o "$PROBE" "$HERE/aes_probe.c" >"$TMP/probe.log" 2>&1; then
    cat "$TMP/probe.log"
    fail "build aes_probe.so (needs php$PHP_MAJMIN-dev and gcc: scripts/install-deps.sh)"
    PROBE=
fi

# run_checks NAME COMMAND...: every "ok"/"FAIL" line of the output is one check; the
# output must end with "done" (the script ran to its end), and the probe (when
# loaded) must report at its shutdown that nothing is left changed.
run_checks() {
    local name=$1; shift
    local out rc line probe_expected=${EXPECT_PROBE:-0}
    [[ " $* " == *aes_probe.so* ]] && probe_expected=1
    out=$("$@" 2>&1); rc=$?
    while IFS= read -r line; do
        case $line in
            'ok   '*) pass "$name: ${line#ok   }" ;;
            'FAIL '*) fail "$name: ${line#FAIL }" ;;
        esac
    done <<<"$out"
    if grep -qx 'done' <<<"$out"; then pass "$name: ran to the end (exit $rc)"; else
        fail "$name: did not run to the end (exit $rc); output:"; sed 's/^/      /' <<<"$out"
    fi
    if [[ $probe_expected -eq 1 ]]; then
        line=$(grep '^aes_probe: shutdown:' <<<"$out")
        if [[ "$line" == *': 0 function handlers and 0 transport factories changed;'* ]]; then
            pass "$name: after appengine_sockets' MSHUTDOWN every handler and factory is PHP's own (${line#aes_probe: shutdown: })"
        elif [[ -n "${PROBE_BASELINE:-}" && "${line%%;*}" == "${PROBE_BASELINE%%;*}" ]]; then
            pass "$name: after appengine_sockets' MSHUTDOWN handlers and factories are as without it (${line#aes_probe: shutdown: })"
        else
            fail "$name: at shutdown: ${line:-no aes_probe line}"
        fi
    fi
    # Anything unexpected PHP printed (warnings, fatal errors, leaks reported by PHP).
    local noise
    noise=$(grep -vE '^(ok   |FAIL |done$|aes_probe: |functions swapped: |aes_embed: |appengine_sockets.deny in this)' <<<"$out")
    if [[ -n "$noise" ]]; then fail "$name: unexpected output:"; sed 's/^/      /' <<<"$noise"; fi
}

ncd() { "$PHP" -n -d display_errors=1 -d display_startup_errors=1 -d error_reporting=-1 "$@"; }

echo "== 1+3. load order (php -n), handlers restored at shutdown"
if [[ -n "$PROBE" ]]; then
    run_checks "sockets, then appengine_sockets" \
        ncd -d extension=sockets -d "extension=$PROBE" -d "extension=$EXT" "$HERE/refusals.php"
    run_checks "appengine_sockets, then sockets" \
        ncd -d "extension=$PROBE" -d "extension=$EXT" -d extension=sockets "$HERE/refusals.php"
    # With every extension of the system conf.d: appengine_sockets last (-d is read
    # after conf.d), then first (a copy of conf.d with it in 00-).
    scan=$TMP/conf.d
    mkdir -p "$scan"
    sysdir=$("$PHP" -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')
    for f in "$sysdir"/*.ini; do
        grep -q appengine_sockets "$f" || cp "$f" "$scan/"
    done
    nsys=$(find "$scan" -name '*.ini' | wc -l)
    run_checks "system conf.d ($nsys files), appengine_sockets last" \
        env PHP_INI_SCAN_DIR="$scan" "$PHP" -d display_startup_errors=1 -d "extension=$PROBE" -d "extension=$EXT" "$HERE/refusals.php"
    # Loaded first, the probe also sees what the other extensions change: phar swaps
    # file functions at its MINIT and leaves is_link's swapped after its MSHUTDOWN
    # (PHP's own; the same without appengine_sockets). So compare with that baseline.
    printf 'extension=%s\n' "$PROBE" >"$scan/00-aes-first.ini"
    baseline=$(env PHP_INI_SCAN_DIR="$scan" "$PHP" -r '' 2>&1 | grep '^aes_probe: shutdown:')
    echo "      baseline without appengine_sockets: ${baseline#aes_probe: shutdown: }"
    printf 'extension=%s\nextension=%s\n' "$PROBE" "$EXT" >"$scan/00-aes-first.ini"
    PROBE_BASELINE=$baseline EXPECT_PROBE=1 run_checks "system conf.d, appengine_sockets first" \
        env PHP_INI_SCAN_DIR="$scan" "$PHP" -d display_startup_errors=1 "$HERE/refusals.php"
    rm -f "$scan/00-aes-first.ini"
fi
# Control: the same namespace without the module lets 10.0.0.5 through (so the
# refusals above are the module's doing, and a leak would be seen).
run_checks "stock PHP control" ncd -d extension=sockets "$HERE/stock.php"

echo "== 2. opcache JIT"
# OPcache: loaded here where it is a shared module; built in from PHP 8.5 on.
opcache=()
[[ -z "$PHP_OPCACHE_INI" ]] || opcache=(-d "$PHP_OPCACHE_INI")
for jit in tracing function; do
    run_checks "JIT $jit, sockets first" \
        ncd -d extension=sockets -d "extension=$EXT" "${opcache[@]}" -d opcache.enable_cli=1 \
            -d "opcache.jit=$jit" -d opcache.jit_buffer_size=32M "$HERE/jit.php"
done
run_checks "JIT tracing, appengine_sockets first" \
    ncd -d "extension=$EXT" -d extension=sockets "${opcache[@]}" -d opcache.enable_cli=1 \
        -d opcache.jit=tracing -d opcache.jit_buffer_size=32M "$HERE/jit.php"

echo "== 4. embed SAPI: start-up, shutdown, start-up"
EMBED=$TMP/aes_embed
if [[ -z "$PHP_EMBED_LIB" ]]; then
    fail "embed: no embed SAPI library for $PHP_CONFIG (apt-get install libphp$PHP_MAJMIN-embed: scripts/install-deps.sh)"
elif ! mkdir -p "$TMP/embedlib" || ! ln -sf "$PHP_EMBED_LIB" "$TMP/embedlib/libphp.so" \
    || ! gcc -O1 -Wall "${INCLUDES[@]}" -o "$EMBED" "$HERE/aes_embed.c" "$PHP_EMBED_LIB" \
        -Wl,-rpath,"$TMP/embedlib" -Wl,-rpath,"$(dirname "$PHP_EMBED_LIB")" >"$TMP/embed.log" 2>&1; then
    # The rpath's first directory holds this PHP's embed library under the name
    # libphp.so too: Debian's libphp8.5.so and libphp8.6.so both have the SONAME
    # libphp.so, and /usr/lib/libphp.so points at whichever was installed last.
    cat "$TMP/embed.log"
    fail "embed: build aes_embed (gcc, php$PHP_MAJMIN-dev, libphp$PHP_MAJMIN-embed)"
elif [[ -n "$PROBE" ]]; then
    mkdir -p "$TMP/empty"
    # opcache.enable=0: PHP 8.5's built-in OPcache is on by default outside the CLI and
    # swaps chdir's handler (its cwd tracking), which the probe would report; earlier
    # PHPs' harness does not load OPcache at all.
    common="display_errors=1\ndisplay_startup_errors=1\nerror_reporting=-1\nextension_dir=$EXTDIR\nopcache.enable=0\n"
    printf "${common}extension=sockets\nextension=%s\nextension=%s\n" "$PROBE" "$EXT" >"$TMP/with.ini"
    printf "${common}extension=sockets\nextension=%s\n" "$PROBE" >"$TMP/without.ini"
    cp "$TMP/with.ini" "$TMP/deny.ini"
    echo 'appengine_sockets.deny=11.0.0.1' >>"$TMP/deny.ini"

    out=$(PHP_INI_SCAN_DIR=$TMP/empty "$EMBED" libappengine_sockets.so \
        "$TMP/with.ini" "$HERE/refusals.php" "$TMP/without.ini" "$HERE/stock.php" "$TMP/with.ini" "$HERE/refusals.php" 2>&1)
    echo "$out" | grep '^aes_embed: ' | sed 's/^/      /'
    # Split the output per start-up and check each like a CLI run.
    for n in 1 2 3; do
        part=$(awk -v n="$n" '/^aes_embed: start-up /{cur=$3} cur==n' <<<"$out")
        what=$([[ $n == 2 ]] && echo "without the module" || echo "with the module")
        EXPECT_PROBE=1 run_checks "embed start-up $n ($what)" printf '%s\n' "$part"
    done
    for n in 1 2 3; do
        grep -q "^aes_embed: start-up $n " <<<"$out" && pass "embed: start-up $n happened" || fail "embed: start-up $n did not happen"
    done
    grep -qx 'aes_embed: done' <<<"$out" && pass "embed: three start-ups and shutdowns in one process" \
        || fail "embed: the process did not finish"

    echo "== 4b. embed SAPI: a second start-up with different settings"
    # deny empty, then deny=11.0.0.1; and the other way round.
    for pair in "with deny" "deny with"; do
        read -r first second <<<"$pair"
        out=$(PHP_INI_SCAN_DIR=$TMP/empty "$EMBED" libappengine_sockets.so \
            "$TMP/$first.ini" "$HERE/settings.php" "$TMP/$second.ini" "$HERE/settings.php" 2>&1)
        label() { [[ $1 == with ]] && echo "deny empty" || echo "deny=11.0.0.1"; }
        for n in 1 2; do
            part=$(awk -v n="$n" '/^aes_embed: start-up /{cur=$3} cur==n' <<<"$out")
            ini=$([[ $n == 1 ]] && label "$first" || label "$second")
            EXPECT_PROBE=1 run_checks "embed settings $(label "$first") -> $(label "$second"), start-up $n ($ini)" printf '%s\n' "$part"
        done
    done

    echo "== 4c. embed SAPI: persistent streams and apps across a restart"
    # Start-up 1: app A, app B, app A again (each pfsockopen()s 11.0.0.1:80); start-up 2:
    # app A, app B. Within a start-up an app gets its own connection back and never
    # another app's; a module shutdown closes every persistent connection, so nothing
    # from start-up 1 may come back in start-up 2.
    out=$(PHP_INI_SCAN_DIR=$TMP/empty "$EMBED" libappengine_sockets.so \
        "$TMP/with.ini" "A@$HERE/pstream.php,B@$HERE/pstream.php,A@$HERE/pstream.php" \
        "$TMP/with.ini" "A@$HERE/pstream.php,B@$HERE/pstream.php" 2>&1)
    sed 's/^/      /' <<<"$out" | grep -v aes_probe
    ports=$(awk '/^aes_embed: start-up [0-9]+ \(/{n=$3} /^app /{sub(":$", "", $2); split($4, a, ":"); print n, $2, a[2]}' <<<"$out")
    port() { awk -v n="$1" -v app="$2" -v k="$3" '$1==n && $2==app {i++; if (i==k) print $3}' <<<"$ports"; }
    a1=$(port 1 A 1) b1=$(port 1 B 1) a1b=$(port 1 A 2) a2=$(port 2 A 1) b2=$(port 2 B 1)
    if [[ -z "$a1" || -z "$b1" || -z "$a1b" || -z "$a2" || -z "$b2" ]]; then
        fail "embed persistent: a request did not report its connection"; sed 's/^/      /' <<<"$out"
    else
        [[ $a1 == "$a1b" ]] && pass "embed persistent: app A gets its own connection back within a start-up (port $a1)" \
            || fail "embed persistent: app A got a new connection ($a1, then $a1b)"
        [[ $b1 != "$a1" ]] && pass "embed persistent: app B does not get app A's connection (A $a1, B $b1)" \
            || fail "embed persistent: app B got app A's connection (port $a1)"
        [[ $a2 != "$a1" ]] && pass "embed persistent: after a restart app A gets a new connection (was $a1, now $a2)" \
            || fail "embed persistent: app A's connection from before the module shutdown came back (port $a2)"
        [[ $b2 != "$b1" ]] && pass "embed persistent: after a restart app B gets a new connection (was $b1, now $b2)" \
            || fail "embed persistent: app B's connection from before the module shutdown survived it and came back (port $b2): it was put aside (switch_app's stash) when app A's request came, so the shutdown never closed it"
    fi
fi

finish
