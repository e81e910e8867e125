#!/usr/bin/env bash
# usage: tests/escapes/run.sh [CASE...]     (as root; CASE = a name in tests/escapes/cases/)
#
# The adversarial suite: ways a PHP app could try to get a socket call past the
# extension (C libraries, thread APIs, loader paths, FFI tricks, moments in a request's
# life). Each case is one small file in cases/: NAME.php, NAME.c, or both.
#   NAME.c    built with gcc into NAME.so; without NAME.php, driver.php loads it with
#             FFI and calls its `int run(void)` (common.h: the helpers every case uses).
#   NAME.php  run with the case's library (if any) in $ESC_SO; lib.php has helpers.
# Header lines in either file (first 15 lines):
#   // target: tcp 10.0.0.5 80   what the catcher (tests/netns/catcher.py) logs when the
#                                case reaches its target: the start of its log line
#   // target: self              the case prints "REACHED" when it got what it wanted
#                                (a bound or listening socket, a datagram back)
#   // needs: NAME               a pkg-config package (e.g. rdkafka) the C file links to;
#                                the case is skipped (said so) when it is missing
#   // gcc: FLAGS                extra gcc flags (e.g. -fno-plt, -lanl)
#   // php: ARGS                 extra php arguments ({CASES}: the cases directory)
#   // env: NAME=VALUE           extra environment ({DIR}: the directory NAME.so is in)
#   // soname: FILE              the file name NAME.so is built as (an NSS module's)
#   // nsswitch: hosts: A B      nsswitch.conf's hosts line for the case's two runs
#   // not-covered: REASON       a way past the layer on the "not covered" list (docs/differences.md):
#                                its escape is counted as "listed", not as a failure
# Each case runs twice, in the private network namespace of tests/netns/run.sh:
#   1. without the extension: it must reach its target (else the case is "broke": it
#      proves nothing);
#   2. with the extension: it must not ("escaped" if it does), and PHP must end normally
#      ("broke" if it crashes, aborts or hangs).
# Summary: "escapes: N held, M escaped, K broke, L listed"; last line "N passed, M failed".
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "tests/escapes/run.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
PHP=$PHP_BIN

BUILD=$(mktemp -d /tmp/aes-escapes.XXXXXX)
trap 'rm -rf "$BUILD"' EXIT

# A case's header value(s) for KEY.
header() { head -n 15 "$2" 2>/dev/null | sed -n "s|^[/ *#]*$1: *||p"; }

# Lines the catcher logged since line $1.
since() { tail -n +"$(($1 + 1))" "$AES_NETNS_LOG"; }

# Whether the run reached TARGET: $1 target, $2 catcher mark, $3 output file, $4 wait (tenths).
reached() {
    local i
    for ((i = 0; i <= $4; i++)); do
        if [[ $1 == self ]]; then
            grep -q 'REACHED' "$3" && return 0
        else
            since "$2" | grep -q "^$1 " && return 0
        fi
        [[ $i -lt $4 ]] && sleep 0.1
    done
    return 1
}

# The two runs of a case ($1 name, $2 target; run() set up by the loop) and its verdict.
verdict() {
    local name=$1 target=$2 src=$3 mark rc
    mark=$(wc -l <"$AES_NETNS_LOG")
    run ""
    # A PHP built without what the case uses (the ZTS build has no FFI): said, not failed.
    if grep -qE "Class \"FFI\" not found|Call to undefined function" "$BUILD/out"; then
        echo "SKIP    $name: this PHP lacks what it uses: $(grep -m1 -oE '(Class|Call to undefined function) [^ ]+( not found)?' "$BUILD/out")"
        skipped=$((skipped + 1)); return
    fi
    if ! reached "$target" "$mark" "$BUILD/out" 20; then
        echo "BROKE   $name: without the extension it did not reach '$target'"; sed 's/^/    /' "$BUILD/out" | head -n 10
        broke=$((broke + 1)); BROKE+=("$name"); return
    fi
    mark=$(wc -l <"$AES_NETNS_LOG")
    run "$AES_EXT"; rc=$?
    if reached "$target" "$mark" "$BUILD/out" 3 && [[ -n $(header not-covered "$src") ]]; then
        echo "listed  $name: not covered: $(header not-covered "$src")"
        listed=$((listed + 1))
    elif reached "$target" "$mark" "$BUILD/out" 0; then
        echo "ESCAPED $name: reached '$target' with the extension loaded"; sed 's/^/    /' "$BUILD/out" | head -n 10
        escaped=$((escaped + 1)); ESCAPED+=("$name")
    elif [[ $rc -ge 124 ]] || grep -qE 'panicked|Aborted|Segmentation fault|core dumped' "$BUILD/out"; then
        echo "BROKE   $name: PHP did not end normally with the extension (status $rc)"; sed 's/^/    /' "$BUILD/out" | head -n 10
        broke=$((broke + 1)); BROKE+=("$name")
    else
        echo "held    $name: $(grep -m1 -oE 'Warning: .*' "$BUILD/out" | cut -c1-110)"
        held=$((held + 1))
    fi
}

held=0 escaped=0 broke=0 skipped=0 listed=0
ESCAPED=() BROKE=()
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
    mapfile -t names < <(find "$HERE/cases" -maxdepth 1 \( -name '*.php' -o -name '*.c' \) -printf '%f\n' \
        | sed 's/\.[^.]*$//' | sort -u)
fi
for name in "${names[@]}"; do
    c=$HERE/cases/$name.c php_file=$HERE/cases/$name.php
    [[ -f $c ]] || c=
    [[ -f $php_file ]] || php_file=$HERE/driver.php
    [[ -n $c || $php_file != "$HERE/driver.php" ]] || { echo "BROKE   $name: no such case"; broke=$((broke + 1)); BROKE+=("$name"); continue; }
    src=${c:-$php_file}
    target=$(header target "$src"; [[ -n $c && $php_file != "$HERE/driver.php" ]] && header target "$php_file")
    target=$(head -n 1 <<<"$target")
    so=
    if [[ -n $c ]]; then
        needs=$(header needs "$c")
        flags=()
        if [[ -n $needs ]]; then
            if ! pkg-config --exists "$needs"; then
                echo "SKIP    $name: needs $needs (pkg-config)"; skipped=$((skipped + 1)); continue
            fi
            read -ra more <<<"$(pkg-config --cflags --libs "$needs")"; flags+=("${more[@]}")
        fi
        read -ra more <<<"$(header gcc "$c")"; flags+=("${more[@]}")
        mkdir -p "$BUILD/$name"
        so=$BUILD/$name/$(header soname "$c")
        [[ $so != "$BUILD/$name/" ]] || so=$BUILD/$name/$name.so
        if ! gcc -shared -fPIC -O1 -Wall -pthread -I"$HERE" -o "$so" "$c" "${flags[@]}" >"$BUILD/gcc.out" 2>&1; then
            echo "BROKE   $name: gcc failed"; sed 's/^/    /' "$BUILD/gcc.out"; broke=$((broke + 1)); BROKE+=("$name"); continue
        fi
    fi
    [[ -n $target ]] || { echo "BROKE   $name: no target header"; broke=$((broke + 1)); BROKE+=("$name"); continue; }
    read -ra phpargs <<<"$(header php "$src"; [[ -n $c ]] && header php "$php_file")"
    phpargs=("${phpargs[@]//\{CASES\}/$HERE/cases}")
    envs=(ESC_SO="$so" ESC_NAME="$name" ESC_INC="$HERE" AES_EXT="$AES_EXT")
    while read -r e; do [[ -z $e ]] || envs+=("${e//\{DIR\}/$(dirname "${so:-$BUILD/x}")}"); done < <(header env "$src"; [[ -n $c ]] && header env "$php_file")
    run() { # $1: "" or the extension's -d; output to $BUILD/out
        local ext=()
        [[ -z $1 ]] || ext=(-d "extension=$1")
        (cd "$BUILD" && env "${envs[@]}" timeout 20 "$PHP" -d ffi.enable=1 -d display_errors=stderr "${ext[@]}" \
            "${phpargs[@]}" "$php_file") >"$BUILD/out" 2>&1
    }
    nss=$(header nsswitch "$src")
    if [[ -n $nss ]]; then
        sed -E "s/^hosts:.*/$nss/" /etc/nsswitch.conf >"$BUILD/nsswitch.conf"
        mount --bind "$BUILD/nsswitch.conf" /etc/nsswitch.conf
    fi
    verdict "$name" "$target" "$src"
    [[ -z $nss ]] || umount /etc/nsswitch.conf
done

echo
[[ ${#ESCAPED[@]} -eq 0 ]] || echo "escaped: ${ESCAPED[*]}"
[[ ${#BROKE[@]} -eq 0 ]] || echo "broke: ${BROKE[*]}"
[[ $skipped -eq 0 ]] || echo "skipped: $skipped (a library or an extension this PHP lacks)"
echo "escapes: $held held, $escaped escaped, $broke broke, $listed listed as not covered"
echo "$held passed, $((escaped + broke)) failed"
[[ $((escaped + broke)) -eq 0 ]]
