#!/usr/bin/env bash
# usage: tests/fpm/clients.sh        (as root, from any directory; ~15 s)
#
# Persistent connections that other extensions keep, across the apps of one php-fpm
# worker, against real servers: Redis (redis-server) through phpredis (its connection
# pool, and a persistent id without the pool), MariaDB (mariadbd) through mysqli "p:"
# and PDO mysql with ATTR_PERSISTENT, memcached through php-memcached (a persistent
# libmemcached handle) and pecl memcache (pconnect), PostgreSQL through pg_pconnect and
# PDO pgsql.
#
# For each client, on one pool with a single static worker and the app id per request
# (FastCGI PHP_ADMIN_VALUE): app A opens a persistent connection and marks it (Redis:
# AUTH as user alice; MariaDB: a session variable; memcached: a key prefix on the
# handle; PostgreSQL: application_name); app B, asking for the same connection with
# the same arguments, must get a connection of its own (another server-side
# connection id, unmarked); A's next request gets its own back (the same id, still
# marked), and so does B's. Then a graceful stop: PHP's shutdown closes every
# connection, the ones put aside included (MariaDB counts none aborted). Then, with
# idle_timeout=2, connections put aside and idle longer are not handed back; and a
# session opened by session.auto_start (before this module's RINIT) is the app's own.
#
# The servers are started here, inside the private network namespace of
# tests/netns/run.sh (re-exec'd through it unless already inside), bound to
# public2.test (11.0.0.2, an allowed test address), with throwaway data in a temp dir,
# and killed at the end.
#   AES_EXT   path of the built extension (default target/release/libappengine_sockets.so)
# Last line: "N passed, M failed"; exit status 1 if any check failed.
set -euo pipefail

# shellcheck source=prelude.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" "$@"
need() { command -v "$1" >/dev/null || { echo "tests/fpm/clients.sh: $1 not found (scripts/install-deps.sh installs it)" >&2; exit 1; }; }
need redis-server; need redis-cli; need memcached
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
[[ -x "$MARIADBD" ]] || { echo "tests/fpm/clients.sh: mariadbd not found" >&2; exit 1; }
PGBIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$PGBIN/initdb" && -x "$PGBIN/postgres" ]] || { echo "tests/fpm/clients.sh: PostgreSQL's initdb/postgres not found (postgresql-15)" >&2; exit 1; }

HOST=public2.test ADDR=11.0.0.2
PORT_FPM=9074 PORT_REDIS=6379 PORT_MARIADB=3307 PORT_MEMCACHED=11211 PORT_PG=5433
TMP=$(mktemp -d /tmp/aes-clients.XXXXXX)
chmod 755 "$TMP"
PIDS=()
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    if [[ "${AES_FPM_KEEP:-}" == 1 ]]; then echo "tests/fpm/clients.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# --- the servers ---
# Redis: no persistence; two ACL users, so a connection says whom it is authenticated as.
cat >"$TMP/redis.conf" <<EOF
bind $ADDR
port $PORT_REDIS
protected-mode no
save ""
appendonly no
daemonize no
dir $TMP
logfile $TMP/redis.log
user default on nopass ~* &* +@all
user alice on >alice-secret ~* &* +@all
EOF
redis-server "$TMP/redis.conf" >/dev/null 2>&1 &
PIDS+=($!)

# MariaDB: an empty datadir and --skip-grant-tables start in well under a second (no
# mariadb-install-db, which takes ~5 s); every login is accepted, which is all these
# tests need: CONNECTION_ID() and session variables identify a connection. A minimal
# InnoDB (8 MB pool, no fsync).
mkdir -p "$TMP/mariadb"
"$MARIADBD" --no-defaults --user=root --datadir="$TMP/mariadb" --socket="$TMP/mariadb.sock" \
    --pid-file="$TMP/mariadb.pid" --log-error="$TMP/mariadb.err" \
    --bind-address="$ADDR" --port="$PORT_MARIADB" --skip-name-resolve --skip-grant-tables \
    --skip-log-bin --innodb-buffer-pool-size=8M --innodb-log-file-size=4M \
    --innodb-flush-method=nosync --innodb-doublewrite=0 >/dev/null 2>&1 &
PIDS+=($!)

# memcached: no SASL in Debian's build; the server's connection count tells reuse.
memcached -u root -l "$ADDR" -p "$PORT_MEMCACHED" -U 0 -m 8 -c 64 >"$TMP/memcached.log" 2>&1 &
PIDS+=($!)

# PostgreSQL: initdb refuses root, so the server runs as the postgres user; trust
# authentication for the test address; no fsync.
mkdir -p "$TMP/pg" && chown postgres "$TMP/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$TMP/pg/data" -U shared --auth=trust --no-sync \
    --no-instructions >"$TMP/pg-initdb.log" 2>&1 \
    || { cat "$TMP/pg-initdb.log" >&2; echo "tests/fpm/clients.sh: initdb failed" >&2; exit 1; }
echo "host all all $ADDR/32 trust" >>"$TMP/pg/data/pg_hba.conf"
runuser -u postgres -- "$PGBIN/postgres" -D "$TMP/pg/data" -h "$ADDR" -p "$PORT_PG" \
    -k "$TMP/pg" -c fsync=off -c shared_buffers=1MB -c max_connections=20 >"$TMP/pg.log" 2>&1 &
PIDS+=($!)

# --- php-fpm with the clients' extensions and this one ---
cat >"$TMP/php.ini" <<EOF
extension=igbinary
extension=msgpack
extension=redis
extension=memcached
extension=memcache
extension=mysqlnd
extension=mysqli
extension=pdo
extension=pdo_mysql
extension=pgsql
extension=pdo_pgsql
extension=$AES_EXT
error_reporting=E_ALL
display_errors=1
display_startup_errors=1
html_errors=0
log_errors=1
error_log=$TMP/php-errors.log
appengine_sockets.idle_timeout=2
EOF
printf '[global]\npid = %s\nerror_log = %s\ndaemonize = no\nprocess_control_timeout = 10\n[apps]\nlisten = 127.0.0.1:%s\npm = static\npm.max_children = 1\n' \
    "$TMP/fpm.pid" "$TMP/fpm.log" "$PORT_FPM" >"$TMP/fpm.conf"
start_fpm() {
    "$FPM" -n -c "$TMP/php.ini" -y "$TMP/fpm.conf" -F "${as_root[@]}" >>"$TMP/fpm.out" 2>&1 &
    fpm_pid=$!
    PIDS+=("$fpm_pid")
}
start_fpm

differ() {  # differ NAME A B: a check that two values are not equal
    if [[ -n "$2" && "$2" != "$3" ]]; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); printf 'FAIL %s\n     expected two different values, got %q and %q\n' "$1" "$2" "$3"
    fi
}
# req SCRIPT QUERY [APP]: one FastCGI request; prints the body without headers.
req() {
    local env=(SCRIPT_FILENAME="$DOCROOT/$1" REQUEST_METHOD=GET QUERY_STRING="$2"
               SCRIPT_NAME="/$1" REQUEST_URI="/$1?$2" SERVER_PROTOCOL=HTTP/1.1)
    [[ $# -lt 3 ]] || env+=(PHP_ADMIN_VALUE="appengine_sockets.app_id=$3")
    env -i "${env[@]}" timeout 10 cgi-fcgi -bind -connect "127.0.0.1:$PORT_FPM" </dev/null 2>&1 \
        | tr -d '\r' | sed '1,/^$/d' || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }  # field NAME LINE
# port_open PORT: something listens on ADDR:PORT (bash's /dev/tcp, closed at once).
port_open() { (exec 3<>"/dev/tcp/$ADDR/$1") 2>/dev/null; }

# Wait (bounded, ~10 s) for every server and php-fpm.
ready=
for _ in $(seq 100); do
    if port_open "$PORT_REDIS" && port_open "$PORT_MARIADB" && port_open "$PORT_MEMCACHED" \
        && port_open "$PORT_PG" \
        && [[ "$(req info.php '')" == sapi=* ]]; then
        ready=1; break
    fi
    sleep 0.1
done

echo "# servers and php-fpm"
expect "every server and php-fpm answer within 10 s" 1 "$ready"
expect "php-fpm loaded the extension and the clients" "sapi=fpm-fcgi loaded=yes" \
    "$(req info.php '' | cut -d' ' -f1-2)"

# sequence CLIENT PORT REUSE: app A (marking), B, A, B on the one worker.
#   REUSE=same-id: the client hands a request back its own connection (the same server
#   connection id); the mark, where the client keeps it, is A's again in A2.
sequence() {
    local client=$1 q="client=$1&host=$HOST&port=$2" a1 b1 a2 b2
    echo "# $client: app A (marks its connection), B, A, B on one worker"
    a1=$(req clients.php "$q&mark=1" appA)
    b1=$(req clients.php "$q" appB)
    a2=$(req clients.php "$q" appA)
    b2=$(req clients.php "$q" appB)
    expect "$client A1: connected and marked" "app=appA error= mark=$3" \
        "app=$(field app "$a1") error=$(field error "$a1") mark=$(field mark "$a1")"
    expect "$client B1: not A's connection: unmarked" "app=appB error= mark=$4" \
        "app=$(field app "$b1") error=$(field error "$b1") mark=$(field mark "$b1")"
    differ "$client B1: not A's connection: another server connection id" \
        "$(field conn "$a1")" "$(field conn "$b1")"
    expect "$client A2: A's own connection back" "app=appA conn=$(field conn "$a1") mark=$5" \
        "app=$(field app "$a2") conn=$(field conn "$a2") mark=$(field mark "$a2")"
    expect "$client B2: B's own connection back" "app=appB conn=$(field conn "$b1") mark=$4" \
        "app=$(field app "$b2") conn=$(field conn "$b2") mark=$(field mark "$b2")"
    expect "$client: all four requests ran in the one worker" 1 \
        "$(printf '%s\n' "$(field pid "$a1")" "$(field pid "$b1")" "$(field pid "$a2")" "$(field pid "$b2")" | sort -u | wc -l)"
}
# Memcached counts connections: B's first request adds one, reuses add none.
count_sequence() {
    local client=$1 q="client=$1&host=$HOST&port=$2" a1 b1 a2 b2 n
    echo "# $client: app A (marks its handle), B, A, B on one worker"
    a1=$(req clients.php "$q&mark=1" appA)
    b1=$(req clients.php "$q" appB)
    a2=$(req clients.php "$q" appA)
    b2=$(req clients.php "$q" appB)
    n=$(field conn "$a1"); n=${n#total}
    expect "$client A1: connected" "app=appA error= mark=$3" \
        "app=$(field app "$a1") error=$(field error "$a1") mark=$(field mark "$a1")"
    expect "$client B1: a new connection of its own, unmarked" "app=appB conn=total$((n + 1)) mark=none" \
        "app=$(field app "$b1") conn=$(field conn "$b1") mark=$(field mark "$b1")"
    expect "$client A2: A's own connection back (no new connection)" "app=appA conn=total$((n + 1)) mark=$3" \
        "app=$(field app "$a2") conn=$(field conn "$a2") mark=$(field mark "$a2")"
    expect "$client B2: B's own connection back (no new connection)" "app=appB conn=total$((n + 1)) mark=none" \
        "app=$(field app "$b2") conn=$(field conn "$b2") mark=$(field mark "$b2")"
}

#        client     port             A's mark      B's mark  A2's mark
sequence redis      "$PORT_REDIS"    alice         default   alice
sequence redis-id   "$PORT_REDIS"    alice         default   alice
sequence pdo_mysql  "$PORT_MARIADB"  alice         none      alice
# mysqli resets a reused link (COM_CHANGE_USER): the connection id is the mark.
sequence mysqli     "$PORT_MARIADB"  none          none      none
count_sequence memcached "$PORT_MEMCACHED" alice:
count_sequence memcache  "$PORT_MEMCACHED" none
# pg_pconnect resets a reused link (RESET ALL): the backend pid is the mark.
sequence pgsql      "$PORT_PG"       alice         none      none
sequence pdo_pgsql  "$PORT_PG"       alice         none      alice

echo "# php-fpm logs"
expect "php-fpm still running" yes "$(kill -0 "$fpm_pid" 2>/dev/null && echo yes || echo no)"
expect "no worker crashed (fpm log)" "" "$(grep -hiE 'SIG(SEGV|ABRT|BUS)|exited on signal|core dumped' "$TMP/fpm.log" "$TMP/fpm.out" || true)"
expect "no PHP error logged" "" "$(cat "$TMP/php-errors.log" 2>/dev/null || true)"


# Shutdown: PHP closes every persistent connection, the ones put aside for app A (the
# last request was B's) included, the way each client closes it: mysqlnd sends
# COM_QUIT, and MariaDB counts a connection that just drops (a leaked one, dropped when
# the process exits) in Aborted_clients. A graceful stop (SIGQUIT, with
# process_control_timeout above) lets the worker run PHP's module shutdown.
echo "# graceful stop: every persistent connection closed by PHP's shutdown"
kill -QUIT "$fpm_pid"
for _ in $(seq 100); do kill -0 "$fpm_pid" 2>/dev/null || break; sleep 0.1; done
expect "php-fpm stopped within 10 s" no "$(kill -0 "$fpm_pid" 2>/dev/null && echo yes || echo no)"
sleep 0.3  # let the servers notice the closed connections
# shellcheck disable=SC2016  # PHP code in single quotes
expect "MariaDB: no connection aborted (each closed with COM_QUIT)" 0 \
    "$(php -n -d extension=mysqlnd -d extension=mysqli -r '
        $m = new mysqli($argv[1], "probe", "", "", (int) $argv[2]);
        echo $m->query("SHOW GLOBAL STATUS LIKE \"Aborted_clients\"")->fetch_row()[1];' \
        "$ADDR" "$PORT_MARIADB" 2>&1)"


# idle_timeout=2: a connection put aside while another app ran, idle longer than the
# timeout, is not handed back: the app's next request gets a fresh one. (mysqlnd finds
# its reclaimed link dead by writing to it, which warns "socket reclaimed"; those
# warnings are the only PHP errors allowed from here on.)
echo "# idle_timeout=2: A's connections put aside while B ran, idle 2.5 s (php-fpm started again)"
start_fpm
for _ in $(seq 50); do [[ "$(req info.php '')" == sapi=* ]] && break; sleep 0.1; done
declare -A idle1
for c in redis:$PORT_REDIS pdo_mysql:$PORT_MARIADB mysqli:$PORT_MARIADB memcache:$PORT_MEMCACHED; do
    idle1[${c%%:*}]=$(req clients.php "client=${c%%:*}&host=$HOST&port=${c#*:}&mark=1" appA | tail -n 1)
    req clients.php "client=${c%%:*}&host=$HOST&port=${c#*:}" appB >/dev/null
done
sleep 2.5
for c in redis:$PORT_REDIS pdo_mysql:$PORT_MARIADB mysqli:$PORT_MARIADB memcache:$PORT_MEMCACHED; do
    client=${c%%:*}
    again=$(req clients.php "client=$client&host=$HOST&port=${c#*:}" appA | tail -n 1)
    expect "$client: after 2.5 s idle, A's request connects" "app=appA error=" \
        "app=$(field app "$again") error=$(field error "$again")"
    if [[ $client == memcache ]]; then
        # Connections counted since A's first: B's, then A's fresh one.
        n=$(field conn "${idle1[$client]}"); n=${n#total}
        expect "$client: ... on a fresh connection (the server counted two more)" \
            "total$((n + 2))" "$(field conn "$again")"
    else
        differ "$client: ... on a fresh connection (another server connection id)" \
            "$(field conn "${idle1[$client]}")" "$(field conn "$again")"
    fi
done
expect "no PHP error but reclaim warnings" "" \
    "$(grep -v 'socket reclaimed after [0-9]* seconds idle' "$TMP/php-errors.log" 2>/dev/null || true)"

# A connection made before the app's script runs: with session.auto_start, ext/session
# (a module that starts before this one) opens the session in its own request start,
# through phpredis's persistent save handler and so through its pool. It must already
# be the request's app's pool. Redis counts the connections it accepted: each app's
# first request adds one, later ones none (not counting redis-cli's own, which asks).
# (Last: php-fpm keeps a request's PHP_ADMIN_VALUE, auto_start included, in the worker.)
echo "# session.auto_start with phpredis's persistent save handler: A, B, A, B"
redis_total() { redis-cli -h "$ADDR" -p "$PORT_REDIS" --no-auth-warning INFO stats \
    | tr -d '\r' | sed -n 's/^total_connections_received://p'; }
sess() {  # sess APP: one request whose session starts before any script runs
    env -i SCRIPT_FILENAME="$DOCROOT/info.php" REQUEST_METHOD=GET QUERY_STRING= \
        SCRIPT_NAME=/info.php REQUEST_URI=/info.php SERVER_PROTOCOL=HTTP/1.1 \
        PHP_ADMIN_VALUE="appengine_sockets.app_id=$1
session.auto_start=1
session.save_handler=redis
session.save_path=\"tcp://$HOST:$PORT_REDIS?persistent=1\"" \
        timeout 10 cgi-fcgi -bind -connect "127.0.0.1:$PORT_FPM" </dev/null 2>&1 \
        | tr -d '\r' | sed '1,/^$/d' | cut -d' ' -f1-3 || true
}
t0=$(redis_total)
s1=$(sess appA); t1=$(redis_total)
s2=$(sess appB); t2=$(redis_total)
s3=$(sess appA); t3=$(redis_total)
s4=$(sess appB); t4=$(redis_total)
expect "every request ran with its app id" \
    "sapi=fpm-fcgi loaded=yes app=appA|sapi=fpm-fcgi loaded=yes app=appB|sapi=fpm-fcgi loaded=yes app=appA|sapi=fpm-fcgi loaded=yes app=appB" \
    "$s1|$s2|$s3|$s4"
expect "connections Redis accepted: A1 +1, B1 +1 (its own), A2 +0, B2 +0" "1 1 0 0" \
    "$((t1 - t0 - 1)) $((t2 - t1 - 1)) $((t3 - t2 - 1)) $((t4 - t3 - 1))"
expect "no PHP error but reclaim warnings (sessions)" "" \
    "$(grep -v 'socket reclaimed after [0-9]* seconds idle' "$TMP/php-errors.log" 2>/dev/null || true)"

expect "no worker crashed (fpm log)" "" "$(grep -hiE 'SIG(SEGV|ABRT|BUS)|exited on signal|core dumped' "$TMP/fpm.log" "$TMP/fpm.out" || true)"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
