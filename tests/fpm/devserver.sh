#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted $vars are PHP's, not ours
# usage: tests/fpm/devserver.sh        (as root, from any directory; ~3 s)
#
# The extension under PHP's built-in web server (`php -S`, the cli-server SAPI),
# where appengine_sockets.mode=auto (the default) means development:
#   1. `php -S` with no mode setting: a request whose script connects to
#      private.test:80 gets "HELLO 10.0.0.5 80" with the E_NOTICE "would be
#      refused in production: private address 10.0.0.5"; API rules stay
#      (stream_socket_server refused, errno 13).
#   2. `php -S -d appengine_sockets.mode=production`: the same script is refused
#      (errno 13) and nothing reaches 10.0.0.5.
# The server runs inside the private network namespace of tests/netns/run.sh
# (re-exec'd through it unless already inside), with -n (no system php.ini) and
# only sockets and the extension loaded. The client is `php -n`, without the
# extension (which would refuse a loopback connection). Every server is killed
# at the end.
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi

AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$AES_EXT" ]] || { echo "tests/fpm/devserver.sh: $AES_EXT not found (cargo build --release, or set AES_EXT)" >&2; exit 1; }
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
PHP=$PHP_BIN
DOCROOT="$HERE/docroot"
PORT=8071
TMP=$(mktemp -d /tmp/aes-devserver.XXXXXX)
server_pid=
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() { stop_server; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# shellcheck source=expect.sh source-path=SCRIPTDIR
source "$HERE/expect.sh"

# fetch PATH: GET http://127.0.0.1:PORT/PATH with `php -n` (no extension).
fetch() {
    "$PHP" -n -r '
        $ctx = stream_context_create(["http" => ["timeout" => 5, "ignore_errors" => true]]);
        $body = @file_get_contents("http://127.0.0.1:" . $argv[1] . "/" . $argv[2], false, $ctx);
        echo $body === false ? "FETCH FAILED\n" : $body;' -- "$PORT" "$1" 2>&1 || true
}
# start_server [EXTRA -d ARGS...]: php -S with the extension; waits until it answers.
start_server() {
    "$PHP" -n -d extension=sockets -d "extension=$AES_EXT" "$@" \
        -S "127.0.0.1:$PORT" -t "$DOCROOT" >>"$TMP/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do
        kill -0 "$server_pid" 2>/dev/null || break
        [[ "$(fetch info.php)" == sapi=* ]] && return 0
        sleep 0.1
    done
    echo "tests/fpm/devserver.sh: php -S did not answer; its log:" >&2
    cat "$TMP/server.log" >&2
}
caught() { grep -c "^tcp $1 $2 " "$AES_NETNS_LOG" || true; }

echo "# php -S, no mode setting (auto: development under cli-server)"
start_server
expect "info" "sapi=cli-server loaded=yes app= mode=auto idle_timeout=120" "$(fetch info.php)"
before=$(caught 10.0.0.5 80)
expect "dev.php" "sapi: cli-server
mode setting: auto
E_NOTICE: fsockopen(): would be refused in production: private address 10.0.0.5
fsockopen private.test:80: HELLO 10.0.0.5 80
E_NOTICE: socket_connect(): would be refused in production: private address 10.0.0.5
socket_connect 10.0.0.5:80: true, last error 0
socket banner: HELLO 10.0.0.5 80
SO_SNDBUF (mocked): 16384
E_WARNING: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine)
set SO_BROADCAST: false
E_WARNING: stream_socket_server(): Unable to connect to tcp://0.0.0.0:8000 (listening sockets are not allowed)
stream_socket_server: false, errno 13, errstr listening sockets are not allowed" "$(fetch dev.php)"
expect "catcher: both connections reached 10.0.0.5:80" "$((before + 2))" "$(caught 10.0.0.5 80)"
stop_server

echo "# php -S -d appengine_sockets.mode=production"
start_server -d appengine_sockets.mode=production
expect "info" "sapi=cli-server loaded=yes app= mode=production idle_timeout=120" "$(fetch info.php)"
before=$(caught 10.0.0.5 80)
expect "dev.php" "sapi: cli-server
mode setting: production
E_WARNING: fsockopen(): Unable to connect to private.test:80 (private address 10.0.0.5)
fsockopen private.test:80: false, errno 13, errstr private address 10.0.0.5
E_WARNING: socket_connect(): unable to connect [13]: Permission denied (private address 10.0.0.5)
socket_connect 10.0.0.5:80: false, last error 13
SO_SNDBUF (mocked): 16384
E_WARNING: socket_set_option(): Unable to set socket option [92]: Protocol not available (SO_BROADCAST is not supported on App Engine)
set SO_BROADCAST: false
E_WARNING: stream_socket_server(): Unable to connect to tcp://0.0.0.0:8000 (listening sockets are not allowed)
stream_socket_server: false, errno 13, errstr listening sockets are not allowed" "$(fetch dev.php)"
expect "catcher: nothing reached 10.0.0.5:80" "$before" "$(caught 10.0.0.5 80)"
stop_server
expect "no start-up warning from the extension" "" "$(grep -h 'appengine_sockets' "$TMP"/server*.log || true)"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
