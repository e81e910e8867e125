#!/usr/bin/env bash
# usage: bench/zero-cost.sh [--quick | --startup] [--php-src DIR] [--no-wordpress] [--wp-reps N]
#
# What the extension costs PHP code that opens no socket, in instructions (valgrind
# --tool=callgrind, repeatable on a shared machine), stock PHP against PHP with the
# extension in the same run, both with the PHP's full ini (Debian's php.ini and conf.d):
#   * internal calls: bench/internal-calls.php, Ir per iteration of ten internal calls
#     ((Ir at N - Ir at 0) / N), OPcache off, on, and JIT tracing;
#   * start-up: `php -r ''`, and where the extension's part of it goes (inclusive Ir of
#     its module start-up and, within it, of the libc layer's walk of loaded objects'
#     relocations; the rest of the difference is loading the extension's object, request
#     start-up and shutdown);
#   * Zend/bench.php and Zend/micro_bench.php of the PHP's source (--php-src DIR, default
#     the tree tests/upstream/fetch-php-src.sh unpacks from Debian's source package, for
#     8.4 inside the root fs; micro_bench's N is cut to 200000 to keep callgrind's run
#     short), OPcache off, on, and JIT tracing;
#   * WordPress, per request, front page and a post (bench/wordpress.sh, --wp-reps N
#     repeats, default 3; --no-wordpress leaves it out).
# Prints markdown tables (stock Ir, extension Ir, difference, ratio). The PHP and the
# extension: PHP_CONFIG (scripts/php-env.sh) and AES_EXT (default
# target/release/libappengine_sockets.so). --quick: internal calls and start-up only;
# --startup: start-up only (about 20 s).
# About 25 minutes for the first three on 2 idle cores, and 40 more for WordPress.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "bench/zero-cost.sh: $AES_EXT not found" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "bench/zero-cost.sh: valgrind not found" >&2; exit 1; }
QUICK=0 STARTUP=0 SRC='' WORDPRESS=1 WP_REPS=3
while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) QUICK=1 ;;
        --startup) QUICK=1 STARTUP=1 ;;
        --php-src) SRC=$2; shift ;;
        --no-wordpress) WORDPRESS=0 ;;
        --wp-reps) WP_REPS=$2; shift ;;
        *) echo "bench/zero-cost.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ $QUICK == 0 && -z $SRC ]]; then
    SRC=$("$ROOT/tests/upstream/fetch-php-src.sh" "$PHP_MAJMIN") || { echo "bench/zero-cost.sh: no PHP source for $PHP_MAJMIN (--php-src DIR)" >&2; exit 1; }
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Ir of one run: ext=0|1, then the PHP's arguments.
ir() {
    local ext=$1
    shift
    local args=()
    [[ $ext == 1 ]] && args+=(-d "extension=$AES_EXT")
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PHP_BIN" "${args[@]}" "$@" 2>&1 >"$TMP/out.$ext" \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
row() { # label stock ext
    python3 -c 'import sys
l, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(f"| {l} | {a:,} | {b:,} | {b - a:+,} | {100 * (b - a) / a:+.2f} % |")' "$@"
}
same_output() {
    cmp -s "$TMP/out.0" "$TMP/out.1" || { echo "bench/zero-cost.sh: $1: the outputs differ" >&2; diff "$TMP/out.0" "$TMP/out.1" | head >&2; exit 1; }
}
declare -A MODE=(
    [off]="-d opcache.enable_cli=0"
    [on]="-d opcache.enable_cli=1 -d opcache.jit=disable"
    [jit]="-d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=64M"
)
declare -A LABEL=([off]="OPcache off" [on]="OPcache on" [jit]="JIT tracing")

src_version=
[[ $QUICK == 0 ]] && src_version=", bench.php and micro_bench.php of $(sed -n 's/^#define PHP_VERSION "\(.*\)"/\1/p' "$SRC/main/php_version.h")"
echo "$PHP_LABEL, $(basename "$AES_EXT")$src_version ($(date -u +%F))"
echo
echo "| workload | stock Ir | with extension | difference | ratio |"
echo "|---|---:|---:|---:|---:|"
N=20000
MODES=(off on jit)
[[ $STARTUP == 1 ]] && MODES=()
for m in "${MODES[@]}"; do
    # shellcheck disable=SC2086
    s0=$(ir 0 ${MODE[$m]} "$ROOT/bench/internal-calls.php" 0); s1=$(ir 0 ${MODE[$m]} "$ROOT/bench/internal-calls.php" $N)
    # shellcheck disable=SC2086
    e0=$(ir 1 ${MODE[$m]} "$ROOT/bench/internal-calls.php" 0); e1=$(ir 1 ${MODE[$m]} "$ROOT/bench/internal-calls.php" $N)
    same_output "internal calls"
    row "internal calls, per iteration of 10, ${LABEL[$m]}" $(( (s1 - s0) / N )) $(( (e1 - e0) / N ))
done
s=$(ir 0 -r ''); e=$(ir 1 -r '')
row "start-up (\`php -r ''\`, full ini)" "$s" "$e"
# The extension's side once more, profiled: its module start-up and the walk within it.
valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$TMP/startup.out" "$PHP_BIN" -d "extension=$AES_EXT" -r '' >/dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$TMP/startup.out" >"$TMP/startup.txt" 2>/dev/null
part() { # label, function's name as callgrind_annotate prints it
    local n
    n=$(grep -F "$2 [" "$TMP/startup.txt" | head -1 | awk '{gsub(",", "", $1); print $1}')
    [[ -n $n ]] && python3 -c 'import sys; print(f"| {sys.argv[1]} | | {int(sys.argv[2]):,} | | {100 * int(sys.argv[2]) / int(sys.argv[3]):.2f} % of stock |")' "$1" "$n" "$s"
    return 0
}
part "of which: module start-up (\`module_startup\`, inclusive)" "appengine_sockets::module::module_startup"
part "of which: libc layer's walk of loaded objects (\`got::walk\`)" "appengine_sockets::enforce::libc::got::walk"
if [[ $QUICK == 0 ]]; then
    sed 's/^const N = 5000000;/const N = 200000;/' "$SRC/Zend/micro_bench.php" >"$TMP/micro_bench.php"
    grep -q '^const N = 200000;' "$TMP/micro_bench.php" || { echo "bench/zero-cost.sh: micro_bench.php has no const N" >&2; exit 1; }
    for script in "$SRC/Zend/bench.php" "$TMP/micro_bench.php"; do
        for m in off on jit; do
            # shellcheck disable=SC2086
            s=$(ir 0 ${MODE[$m]} "$script"); e=$(ir 1 ${MODE[$m]} "$script")
            row "$(basename "$script"), ${LABEL[$m]}" "$s" "$e"
        done
    done
fi
if [[ $QUICK == 0 && $WORDPRESS == 1 ]]; then
    echo
    AES_EXT=$AES_EXT "$ROOT/bench/wordpress.sh" --reps "$WP_REPS"
fi
