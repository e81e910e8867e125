#!/usr/bin/env bash
# shellcheck disable=SC2015,SC2001  # `check && pass || fail`: pass cannot fail; sed indents
# usage: tests/zts/run.sh [THREADS [ROUNDS]]     (as root; a ZTS PHP: PHP_CONFIG)
#
# The extension in a thread-safe (ZTS) PHP, with requests running on several threads
# at once: aes_threads.c (embed SAPI, one TSRM context per thread) runs THREADS
# (default 4) threads x ROUNDS (4) requests of thread.php, all threads starting each
# round together. Checked per thread and round:
#   * the request's own app id (tTa, tTb, tTa, tTb), never another thread's;
#   * refused connects (fsockopen 10.0.0.5, socket_connect 192.168.7.7) fail with 13;
#   * a C library's thread started in the request (libspawn_connect.so, built from
#     php-tests/fixtures/threads/spawn_connect.c) connecting to a refused address fails
#     with 13, and the request gets exactly its own warning (all threads' library threads
#     have queued theirs before any returns);
#   * a server thread started outside requests does socket, bind(127.0.0.1), listen,
#     connect and accept on loopback while requests run: none is refused;
#   * a thread of the main program (not a C library's) started in a request binds
#     127.0.0.1 and listens: not refused;
#   * mocked socket options: the default, then the thread's own value, although every
#     thread's Socket has the same object handle;
#   * persistent streams: app a gets its own pfsockopen() connection back in round 3,
#     app b has another one, and no two threads ever share one;
#   * idle clocks (idle_timeout=1): odd threads' Sockets idle 2 s are reclaimed while
#     even threads keep theirs (same handles) busy and alive;
#   * the server-wide counters of each thread's app (tTa, tTb: one thread each) count
#     exactly its refusals so far, by layer, its library thread's included;
#   * the catcher saw exactly the allowed connections, nothing reached a refused address.
# Then the same run (fewer threads and rounds) under valgrind: helgrind (no data race,
# lock order or pthread misuse reported) and memcheck (no invalid access, no leak
# through appengine_sockets). Runs inside tests/netns/run.sh.
# Prints every check and "N passed, M failed"; exits 1 if any failed.
#   AES_EXT      module (default target/release/libappengine_sockets.so)
#   PHP_CONFIG   the ZTS PHP's php-config (scripts/php-env.sh)
#   AES_ZTS_VALGRIND=0   skip the valgrind runs
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"

THREADS=${1:-4} ROUNDS=${2:-4}
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

[[ $PHP_ZTS == 1 ]] || { fail "$PHP_LABEL is not thread-safe: this test needs a ZTS PHP (PHP_CONFIG)"; finish; }
[[ -n "$PHP_EMBED_LIB" ]] || { fail "$PHP_LABEL has no embed SAPI (--enable-embed)"; finish; }
SRC=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$SRC" ]] || { fail "module $SRC not found (cargo build --release, or set AES_EXT)"; finish; }
TMP=$(mktemp -d /tmp/aes-zts.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
EXT=$TMP/libappengine_sockets.so
cp "$SRC" "$EXT"

BIN=$TMP/aes_threads
if ! gcc -shared -fPIC -O1 -g -Wall -pthread -o "$TMP/libspawn_connect.so" \
        "$ROOT/php-tests/fixtures/threads/spawn_connect.c" >"$TMP/build.log" 2>&1 \
    || ! gcc -O1 -g -Wall -pthread "${PHP_INCLUDES_A[@]}" -o "$BIN" "$HERE/aes_threads.c" "$PHP_EMBED_LIB" \
        -L"$TMP" -lspawn_connect -Wl,-rpath,"$(dirname "$PHP_EMBED_LIB")":"$TMP" >>"$TMP/build.log" 2>&1; then
    cat "$TMP/build.log"
    fail "build aes_threads (gcc, $PHP_LABEL's headers and libphp)"
    finish
fi
EXTDIR=$("$PHP_BIN" -n -r 'echo ini_get("extension_dir");')
cat >"$TMP/php.ini" <<EOF
extension_dir=$EXTDIR
extension=sockets
extension=$EXT
display_errors=1
display_startup_errors=1
error_reporting=-1
html_errors=0
appengine_sockets.idle_timeout=1
EOF
mkdir -p "$TMP/empty"

# check_run NAME THREADS ROUNDS OUTPUT: the checks of one run's output.
check_run() {
    local name=$1 nt=$2 nr=$3 out=$4 t r want
    grep -qx 'aes_threads: done, every request ran' <<<"$out" \
        && pass "$name: $nt threads x $nr requests ran" || { fail "$name: not every request ran"; tail -n 20 <<<"$out" | sed 's/^/      /'; }
    # Anything but the script's own lines: warnings, fatal errors, PHP's leak reports.
    local other
    other=$(grep -vE '^(t[0-9]+ r[0-9]+: (app |refused |library thread |program thread: |option |persistent: |idle: |metrics: )|aes_threads: )' <<<"$out" | head -n 5)
    [[ -z "$other" ]] && pass "$name: no other output (no warning, error or leak report)" \
        || { fail "$name: unexpected output:"; sed 's/^/      /' <<<"$other"; }
    local bad=0 bad_lib=0 bad_prog=0 bad_metrics=0 ports=() p lib k
    declare -A port
    for ((t = 1; t <= nt; t++)); do
        for ((r = 1; r <= nr; r++)); do
            want="t${t}$([[ $((r % 2)) == 1 ]] && echo a || echo b)"
            line() { grep "^t$t r$r: $1" <<<"$out" | head -n 1 | sed "s/^t$t r$r: //"; }
            [[ "$(line app)" == "app $want" ]] || { bad=1; echo "      t$t r$r: $(line app), want app $want"; }
            [[ "$(line 'refused fsockopen')" == *": false 13" ]] || { bad=2; echo "      t$t r$r: $(line 'refused fsockopen')"; }
            [[ "$(line 'refused socket_connect')" == *": false 13" ]] || { bad=2; echo "      t$t r$r: $(line 'refused socket_connect')"; }
            p=$((9000 + 10 * t + r))
            lib="library thread 10.0.0.5:$p: errno 13, warnings: aes_spawn_connect(): connection to 10.0.0.5:$p refused (private address 10.0.0.5)"
            [[ "$(line 'library thread')" == "$lib" ]] || { bad_lib=1; echo "      t$t r$r: $(line 'library thread')"; }
            [[ "$(line 'program thread')" == "program thread: socket 0 bind 0 listen 0" ]] || { bad_prog=1; echo "      t$t r$r: $(line 'program thread')"; }
            k=$(( (r + 1) / 2 ))   # requests of this round's app so far (a: rounds 1, 3; b: 2, 4)
            [[ "$(line metrics)" == "metrics: refused function $k stream $k libc $k" ]] \
                || { bad_metrics=1; echo "      t$t r$r: $(line metrics), want $k of each"; }
            [[ "$(line 'option SO_RCVBUF')" == "option SO_RCVBUF default: 131072" ]] || { bad=3; echo "      t$t r$r: $(line 'option SO_RCVBUF')"; }
            [[ "$(line 'option SO_SNDBUF')" == "option SO_SNDBUF own: ok" ]] || { bad=3; echo "      t$t r$r: $(line 'option SO_SNDBUF')"; }
            if [[ $r -le 3 ]]; then
                p=$(line persistent); p=${p#persistent: local }
                port[$t.$r]=$p
            fi
        done
    done
    [[ $bad != 1 ]] && pass "$name: every request saw its own app id" || fail "$name: a request saw another app id"
    [[ $bad != 2 ]] && pass "$name: refused connects fail with errno 13 on every thread" || fail "$name: a refused connect did not fail with 13"
    [[ $bad != 3 ]] && pass "$name: socket options: defaults, and each thread's own value" || fail "$name: a thread saw another's socket option"
    [[ $bad_lib == 0 ]] && pass "$name: a library's thread in a request: refused with 13, its warning raised in its own request only" \
        || fail "$name: a library thread's refusal: wrong errno, or a warning missing or in another request"
    [[ $bad_metrics == 0 ]] && pass "$name: server-wide counters: each thread's app counts exactly its own refusals by layer (library threads' as libc)" \
        || fail "$name: server-wide counters: an app's refusals were miscounted across threads"
    [[ $bad_prog == 0 ]] && pass "$name: the main program's own thread started in a request: bind 127.0.0.1 and listen not refused" \
        || fail "$name: the main program's own thread was judged as a library's"
    local server=1
    for ((r = 1; r <= nr; r++)); do
        want="aes_threads: server round $r: socket 0 bind 0 listen 0 connect 0 accept 0"
        grep -qxF "$want" <<<"$out" || { server=0; echo "      $(grep "^aes_threads: server round $r:" <<<"$out" || echo "server round $r: missing")"; }
    done
    [[ $server == 1 ]] && pass "$name: the server's own thread (started outside requests): loopback socket, bind, listen, connect, accept never refused" \
        || fail "$name: the server's own thread was refused while requests ran"
    if [[ $nr -ge 3 ]]; then
        local own=1 distinct
        for ((t = 1; t <= nt; t++)); do
            if [[ "${port[$t.1]}" != *:* || "${port[$t.1]}" != "${port[$t.3]}" || "${port[$t.1]}" == "${port[$t.2]}" ]]; then
                own=0; echo "      t$t: app a ${port[$t.1]}, app b ${port[$t.2]}, app a again ${port[$t.3]}"
            fi
            ports+=("${port[$t.1]}" "${port[$t.2]}")
        done
        [[ $own == 1 ]] && pass "$name: persistent: app a gets its own connection back, app b has another (every thread)" \
            || fail "$name: persistent: a thread's app did not get its own connection"
        distinct=$(printf '%s\n' "${ports[@]}" | sort -u | wc -l)
        [[ $distinct == $((2 * nt)) ]] && pass "$name: persistent: $distinct connections, no thread got another's" \
            || fail "$name: persistent: $distinct distinct connections for $((2 * nt)) thread-apps"
    fi
    if [[ $nr -ge 4 ]]; then
        local idle=1 got
        for ((t = 1; t <= nt; t++)); do
            got=$(grep "^t$t r4: idle: " <<<"$out" | sed 's/.*idle: //')
            want=$([[ $((t % 2)) == 1 ]] && echo reclaimed || echo alive)
            [[ "$got" == "$want" ]] || { idle=0; echo "      t$t: idle: $got, want $want"; }
        done
        [[ $idle == 1 ]] && pass "$name: idle clocks: odd threads' idle Sockets reclaimed, even threads' busy ones alive" \
            || fail "$name: idle clocks: a thread's clock was moved by another"
    fi
}

caught() { grep -cE "^tcp $1 " "$AES_NETNS_LOG" || true; }

# Before the workers start, the main thread makes one allowed connection of each kind
# the requests use (fsockopen: openssl's tcp:// factory), so the extension's guarded ops
# tables for it exist before any worker thread does. They are made once per process
# under a Rust std Mutex, which helgrind cannot see (a futex, not a pthread mutex): made
# by a worker, every other worker's use of them would be reported as a race.
printf '<?php\n$f = fsockopen("11.0.0.1", 80, $e, $s, 2);\nfclose($f);\n' >"$TMP/warmup.php"

echo "== $PHP_LABEL: $THREADS threads x $ROUNDS requests"
before80=$(caught "11.0.0.1 80") before8080=$(caught "11.0.0.1 8080")
out=$(PHP_INI_SCAN_DIR=$TMP/empty timeout 120 "$BIN" "$TMP/php.ini" "$HERE/thread.php" "$THREADS" "$ROUNDS" "$TMP/warmup.php" 2>&1)
sed 's/^/      /' <<<"$out" | head -n 200
check_run "threads" "$THREADS" "$ROUNDS" "$out"
sleep 0.3   # the catcher logs from its own threads
n80=$(( $(caught "11.0.0.1 80") - before80 )) n8080=$(( $(caught "11.0.0.1 8080") - before8080 ))
want80=$(( (ROUNDS >= 2 ? 2 * THREADS : THREADS) + 1 )) want8080=$(( ROUNDS >= 4 ? THREADS : 0 ))
[[ $n80 == "$want80" && $n8080 == "$want8080" ]] \
    && pass "catcher: $n80 connections to 11.0.0.1:80 (one per thread and app, and the warm-up), $n8080 to :8080" \
    || fail "catcher: $n80 connections to 11.0.0.1:80 (want $want80), $n8080 to :8080 (want $want8080)"
refused=$(grep -cE '^(tcp|udp) (10\.0\.0\.5|192\.168\.7\.7) ' "$AES_NETNS_LOG" || true)
[[ $refused == 0 ]] && pass "catcher: nothing reached 10.0.0.5 or 192.168.7.7" \
    || fail "catcher: $refused connection(s) reached a refused address"

if [[ "${AES_ZTS_VALGRIND:-1}" != 0 ]]; then
    if ! command -v valgrind >/dev/null; then
        fail "valgrind not installed"
    else
        # Fewer threads and rounds: valgrind serialises threads and is slow. 4 rounds
        # still cover the app switch, the own-connection check and the idle clocks.
        VT=3 VR=4
        for tool in helgrind memcheck; do
            echo "== valgrind --tool=$tool: $VT threads x $VR requests"
            opts=(--tool="$tool" --error-exitcode=99 --log-file="$TMP/$tool.log" --suppressions="$HERE/valgrind.supp" --num-callers=30)
            if [[ $tool == memcheck ]]; then
                opts+=(--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite)
            fi
            rc=0
            vout=$(PHP_INI_SCAN_DIR=$TMP/empty USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 timeout 600 \
                valgrind "${opts[@]}" "$BIN" "$TMP/php.ini" "$HERE/thread.php" "$VT" "$VR" "$TMP/warmup.php" 2>&1) || rc=$?
            check_run "$tool" "$VT" "$VR" "$vout"
            errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$TMP/$tool.log" | tail -n 1)
            if [[ $rc -eq 0 && "$errors" == 0 ]]; then
                pass "$tool: ERROR SUMMARY: 0 errors"
            else
                fail "$tool: exit $rc, ${errors:-?} error(s); the first ones:"
                # The report from its first error on (helgrind's thread announcements and
                # "----" separators included: its error kinds are many), up to the summary.
                grep -vE '^==[0-9]+== *$' "$TMP/$tool.log" \
                    | sed -n '/ERROR SUMMARY/q; /^==[0-9]*== \(---\|Possible data race\|Invalid\|Conditional\|Use of\|Syscall\|Thread #\|Lock at\|[0-9,]* (.*) bytes\|[0-9,]* bytes\)/,$p' \
                    | head -n 80 | sed 's/^/      /'
            fi
        done
    fi
fi
finish
