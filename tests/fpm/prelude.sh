# shellcheck shell=bash
# What every php-fpm runner under tests/fpm/ starts with, sourced as its first step:
#   source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" "$@"
# Re-runs the runner inside the private network namespace of tests/netns/run.sh unless it
# is already there (AES_NETNS_LOG is trusted only if lo really is the only interface),
# then sets HERE, ROOT, DOCROOT, AES_EXT (default target/release/libappengine_sockets.so),
# the PHP under test (PHP_CONFIG, scripts/php-env.sh; default Debian's 8.2) and FPM, and
# stops with a message if php-fpm, cgi-fcgi or the extension is missing. RUNNER is the
# runner's name for its messages; as_root the flag php-fpm needs to run as root; expect
# counts the checks in pass and fail.
_runner=${BASH_SOURCE[1]}
HERE=$(cd "$(dirname "$_runner")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNNER=tests/fpm/$(basename "$_runner")
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "$_runner" "$@"
fi

AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
# shellcheck source=../../scripts/php-env.sh source-path=SCRIPTDIR
source "$ROOT/scripts/php-env.sh"
FPM=$PHP_FPM
[[ -n "$FPM" ]] || { echo "$RUNNER: no php-fpm for $PHP_CONFIG (apt-get install php$PHP_MAJMIN-fpm)" >&2; exit 1; }
command -v cgi-fcgi >/dev/null || { echo "$RUNNER: cgi-fcgi not found (apt-get install libfcgi-bin)" >&2; exit 1; }
[[ -f "$AES_EXT" ]] || { echo "$RUNNER: $AES_EXT not found (cargo build --release, or set AES_EXT)" >&2; exit 1; }
# shellcheck disable=SC2034  # the runners use it
DOCROOT="$HERE/docroot"
# shellcheck disable=SC2034  # the runners pass it to php-fpm
if [[ $EUID -eq 0 ]]; then as_root=(-R); else as_root=(); fi

# shellcheck source=expect.sh source-path=SCRIPTDIR
source "$HERE/expect.sh"
