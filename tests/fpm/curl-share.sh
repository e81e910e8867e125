#!/usr/bin/env bash
# usage: tests/fpm/curl-share.sh        (as root, from any directory; ~5 s; PHP 8.5 and later)
#
# PHP 8.5's persistent cURL share handles (curl_share_init_persistent() with
# CURL_LOCK_DATA_CONNECT) keep libcurl's connections across the requests of a worker:
# the share handle is found again by its set of shared data, whatever app asks. On one
# php-fpm pool with a single static worker and the app id per request (FastCGI
# PHP_ADMIN_VALUE), against a keep-alive HTTP server: app A's request opens a
# connection, A's next request reuses it (the persistence works here), app B's request
# must go out on a connection of its own (another local port, not reused), and A's and
# B's next requests get their own back. The same sequence on a second worker without the
# extension shows what stock PHP does: B is handed A's connection.
#
# Inside the private network namespace of tests/netns/run.sh (re-exec'd through it unless
# already inside); the HTTP server (Python, HTTP/1.1 keep-alive) is bound to public2.test
# (11.0.0.2, an allowed test address) and killed at the end.
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
# Last line: "N passed, M failed"; exit status 1 if any check failed. Before PHP 8.5 (no
# curl_share_init_persistent()): "0 passed, 0 failed, 1 skipped".
set -euo pipefail

# shellcheck source=prelude.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" "$@"
if ! php -n -d extension=curl -r 'exit(function_exists("curl_share_init_persistent") ? 0 : 1);' 2>/dev/null; then
    echo "$PHP_LABEL has no curl_share_init_persistent() (PHP 8.5 and later)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi

HOST=public2.test ADDR=11.0.0.2 PORT_HTTP=8085 PORT_FPM=9075 PORT_STOCK=9076
TMP=$(mktemp -d /tmp/aes-curlshare.XXXXXX)
chmod 755 "$TMP"
PIDS=()
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    if [[ "${AES_FPM_KEEP:-}" == 1 ]]; then echo "tests/fpm/curl-share.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# A keep-alive HTTP/1.1 server that answers with the client's port as it sees it.
python3 - "$ADDR" "$PORT_HTTP" >"$TMP/http.log" 2>&1 <<'PY' &
import sys, http.server, socketserver
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = str(self.client_address[1]).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
S((sys.argv[1], int(sys.argv[2])), H).serve_forever()
PY
PIDS+=($!)

ini() {  # ini FILE [EXTENSION]
    { echo "extension=curl"; [[ -z "${2:-}" ]] || echo "extension=$2"
      printf 'error_reporting=E_ALL\ndisplay_errors=1\nhtml_errors=0\nlog_errors=1\nerror_log=%s\n' "$TMP/php-errors.log"
    } >"$1"
}
ini "$TMP/php.ini" "$AES_EXT"
ini "$TMP/stock.ini"
for w in ext:$PORT_FPM:php.ini stock:$PORT_STOCK:stock.ini; do
    IFS=: read -r name port conf <<<"$w"
    printf '[global]\npid = %s\nerror_log = %s\ndaemonize = no\n[apps]\nlisten = 127.0.0.1:%s\npm = static\npm.max_children = 1\n' \
        "$TMP/$name.pid" "$TMP/$name-fpm.log" "$port" >"$TMP/$name-fpm.conf"
    "$FPM" -n -c "$TMP/$conf" -y "$TMP/$name-fpm.conf" -F "${as_root[@]}" >>"$TMP/$name-fpm.out" 2>&1 &
    PIDS+=($!)
done

# req FPM-PORT APP: one FastCGI request of curlshare.php as APP; prints the body.
req() {
    local q="url=http://$HOST:$PORT_HTTP/"
    env -i SCRIPT_FILENAME="$DOCROOT/curlshare.php" REQUEST_METHOD=GET QUERY_STRING="$q" \
        SCRIPT_NAME=/curlshare.php REQUEST_URI="/curlshare.php?$q" SERVER_PROTOCOL=HTTP/1.1 \
        PHP_ADMIN_VALUE="appengine_sockets.app_id=$2" \
        timeout 10 cgi-fcgi -bind -connect "127.0.0.1:$1" </dev/null 2>&1 | tr -d '\r' | sed '1,/^$/d' || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }  # field NAME LINE
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ready=
for _ in $(seq 100); do
    if port_open "$ADDR" "$PORT_HTTP" && port_open 127.0.0.1 "$PORT_FPM" && port_open 127.0.0.1 "$PORT_STOCK"; then
        ready=1; break
    fi
    sleep 0.1
done
expect "the HTTP server and both php-fpm answer within 10 s" 1 "$ready"

# line: "port reused" of a reply (the server saw the same port as libcurl's local one).
conn() { if [[ "$(field port "$1")" == "$(field body "$1")" ]]; then echo "$(field port "$1") $(field reused "$1")"; else echo "mismatch: $1"; fi; }

echo "# with the extension: A, A, B, A, B on one worker"
a1=$(req "$PORT_FPM" appA); a2=$(req "$PORT_FPM" appA); b1=$(req "$PORT_FPM" appB)
a3=$(req "$PORT_FPM" appA); b2=$(req "$PORT_FPM" appB)
pa=$(field port "$a1") pb=$(field port "$b1")
expect "A1: a new connection" "$pa 0" "$(conn "$a1")"
expect "A2: A's connection again (the share handle persists)" "$pa 1" "$(conn "$a2")"
expect "B1: a connection of its own, not A's" "new 0" "$(c=$(conn "$b1"); [[ "${c%% *}" != "$pa" && -n "$pb" ]] && echo "new ${c#* }" || echo "$c")"
expect "A3: A's own connection back" "$pa 1" "$(conn "$a3")"
expect "B2: B's own connection back" "$pb 1" "$(conn "$b2")"
expect "all five requests ran in the one worker" 1 \
    "$(printf '%s\n' "$(field pid "$a1")" "$(field pid "$a2")" "$(field pid "$b1")" "$(field pid "$a3")" "$(field pid "$b2")" | sort -u | wc -l)"

echo "# stock PHP (no extension): A, B on one worker"
s1=$(req "$PORT_STOCK" appA); s2=$(req "$PORT_STOCK" appB)
expect "stock: B is handed A's connection (what the extension prevents)" "$(field port "$s1") 1" "$(conn "$s2")"

expect "no worker crashed (fpm logs)" "" "$(grep -hiE 'SIG(SEGV|ABRT|BUS)|exited on signal|core dumped' "$TMP"/*-fpm.log "$TMP"/*-fpm.out || true)"
expect "no PHP error logged" "" "$(cat "$TMP/php-errors.log" 2>/dev/null || true)"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
