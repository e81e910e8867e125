#!/usr/bin/env bash
# usage: bench/wordpress.sh [--reps N] [--pages front,post]
#
# WordPress, stock PHP against PHP with the extension, in instructions (valgrind
# --tool=callgrind) per request. WordPress is Debian's `wordpress` package (and its
# twentytwentythree theme), unpacked from the .deb into a temporary directory (apt-get
# download on first use, cached under target/bench/wordpress/; installing the package
# would pull in apache2), installed by wp_install() against a MariaDB (mariadbd, empty
# datadir) that this script starts inside a private network namespace, reached over TCP
# 127.0.0.1:3306, which the extension side allows with `appengine_sockets.allow`.
# Each page is served by php-cgi (its full ini: Debian's cgi php.ini and conf.d; OPcache
# on without timestamp checks, and a realpath cache that does not expire mid-run) with -T 5 and -T 25 under callgrind; per request = (Ir(-T 25) - Ir(-T 5)) / 20,
# which leaves out start-up and the first requests' compiling. Both sides must print
# byte-identical output, or the script stops. --reps N (default 3) repeats each page's
# four runs, alternating which side goes first; the table gives the median per side,
# their ratio and the per-repeat ratios' spread. --pages: `front` (the front page) and
# `post` (/?p=1, the sample post with its comment form).
# The PHP and the extension: PHP_CONFIG (scripts/php-env.sh; its php-cgi must be
# installed: php8.2-cgi) and AES_EXT (default target/release/libappengine_sockets.so).
# Needs root (unshare), mariadbd (mariadb-server), php-mysql, valgrind, dpkg-deb; a Debian
# PHP's php-cgi is installed with apt-get on first run if missing (php8.2-cgi is in
# scripts/install-deps.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
AES_EXT=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
die() { echo "bench/wordpress.sh: $*" >&2; exit 1; }
ARGS=("$@")
REPS=3 PAGES=front,post
while [[ $# -gt 0 ]]; do
    case $1 in
        --reps) REPS=$2; shift ;;
        --pages) PAGES=$2; shift ;;
        *) echo "bench/wordpress.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[[ -f "$AES_EXT" ]] || die "$AES_EXT not found"
find_cgi() {
    local f
    for f in "$(dirname "$PHP_BIN")/php-cgi$PHP_MAJMIN" "$(dirname "$PHP_BIN")/php-cgi"; do
        if [[ -x "$f" ]]; then echo "$f"; return; fi
    done
}
PHP_CGI=$(find_cgi)
# A Debian PHP without its CGI SAPI (the matrix's root fs has none: it is not in
# matrix-setup.sh's list, whose stamp would change): install it, once.
if [[ -z "$PHP_CGI" && "$PHP_BIN" == /usr/bin/php$PHP_MAJMIN && $EUID -eq 0 && "${_AES_WP_INNER:-}" != 1 ]]; then
    echo "bench/wordpress.sh: apt-get install php$PHP_MAJMIN-cgi" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "php$PHP_MAJMIN-cgi" </dev/null \
        || { apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "php$PHP_MAJMIN-cgi"; }; } >&2 </dev/null
    PHP_CGI=$(find_cgi)
fi
[[ -n "$PHP_CGI" ]] || die "no php-cgi beside $PHP_BIN (apt-get install php$PHP_MAJMIN-cgi)"
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
[[ -x "$MARIADBD" ]] || die "mariadbd not found (apt-get install mariadb-server)"
for tool in valgrind dpkg-deb unshare ip; do
    command -v "$tool" >/dev/null || die "$tool not found"
done

# --- outer half: the .debs (this needs the network), then a private network namespace ---
DEBS=$ROOT/target/bench/wordpress
if [[ "${_AES_WP_INNER:-}" != 1 ]]; then
    if ! ls "$DEBS"/wordpress_*.deb "$DEBS"/wordpress-theme-twentytwentythree_*.deb >/dev/null 2>&1; then
        mkdir -p "$DEBS"
        chmod 755 "$DEBS"  # apt's _apt sandbox user writes there
        (cd "$DEBS" && apt-get -q download wordpress wordpress-theme-twentytwentythree </dev/null >&2) \
            || die "apt-get download wordpress failed"
    fi
    exec unshare --net -- env _AES_WP_INNER=1 bash "${BASH_SOURCE[0]}" "${ARGS[@]}"
fi
unset _AES_WP_INNER
others=$(ip -o link show | awk -F': ' '$2 != "lo" {print $2}')
[[ -z "$others" ]] || die "refusing: interfaces other than lo present: $others"
ip link set lo up

TMP=$(mktemp -d /tmp/aes-wordpress.XXXXXX)
chmod 755 "$TMP"
DB_PID=
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    if [[ -n "$DB_PID" ]]; then kill "$DB_PID" 2>/dev/null || true; wait "$DB_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# --- WordPress's files ---
for deb in "$DEBS"/wordpress_*.deb "$DEBS"/wordpress-theme-twentytwentythree_*.deb; do
    dpkg-deb -x "$deb" "$TMP/pkg"
done
WP=$TMP/pkg/usr/share/wordpress
[[ -d "$WP/wp-content/themes/twentytwentythree" ]] || die "the twentytwentythree theme is not in $WP/wp-content/themes"
WP_VERSION=$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP/wp-includes/version.php")
# Debian's wp-config.php reads /etc/wordpress/config-HOST.php; this one is self-contained.
# Fixed keys and salts, so both sides' pages can be byte-identical. No cron by HTTP
# request, no update checks: nothing opens a socket but the database connection.
rm -f "$WP/wp-config.php"
cat >"$WP/wp-config.php" <<'EOF'
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
          'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $k) {
    define($k, "bench-$k");
}
$table_prefix = 'wp_';
define('WP_HOME', 'http://localhost');
define('WP_SITEURL', 'http://localhost');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
EOF

# WordPress 6.1 caches the global styles and their SVG filters in one-minute transients.
# Under callgrind a request takes seconds, so they would expire at different requests in
# each run (about 28M instructions each time, a few times per run); on a busy site they
# are rebuilt once a minute among many requests. Computed once (in the warm-up), kept.
mkdir -p "$WP/wp-content/mu-plugins"
cat >"$WP/wp-content/mu-plugins/bench-styles-cache.php" <<'EOF'
<?php
foreach (['global_styles_twentytwentythree', 'global_styles_svg_filters_twentytwentythree'] as $t) {
    add_filter("expiration_of_transient_$t", '__return_zero');
}
EOF

# --- MariaDB: an empty datadir, every login accepted (as tests/fpm/clients.sh) ---
mkdir -p "$TMP/db"
"$MARIADBD" --no-defaults --user=root --datadir="$TMP/db" --socket="$TMP/db.sock" \
    --pid-file="$TMP/db.pid" --log-error="$TMP/db.err" \
    --bind-address=127.0.0.1 --port=3306 --skip-name-resolve --skip-grant-tables \
    --skip-log-bin --innodb-buffer-pool-size=32M --innodb-log-file-size=8M \
    --innodb-flush-method=nosync --innodb-doublewrite=0 >/dev/null 2>&1 &
DB_PID=$!
# Ready when a PHP client gets through over TCP.
# shellcheck disable=SC2016  # PHP code, expanded by PHP
DBCHECK='$l = @mysqli_connect("127.0.0.1", "root", "", "", 3306); if (!$l) exit(1);
mysqli_query($l, "CREATE DATABASE IF NOT EXISTS wordpress"); exit(0);'
for _ in $(seq 100); do
    if "$PHP_BIN" -r "$DBCHECK" 2>/dev/null; then break; fi
    kill -0 "$DB_PID" 2>/dev/null || { cat "$TMP/db.err" >&2; die "mariadbd exited"; }
    sleep 0.2
done
"$PHP_BIN" -r "$DBCHECK" || { cat "$TMP/db.err" >&2; die "MariaDB did not come up on 127.0.0.1:3306"; }

# --- wp_install(): the sample post (1) and page (2), as the web installer makes them ---
cat >"$TMP/install.php" <<'EOF'
<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/wp-admin/install.php';
require $argv[1] . '/wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Benchmark', 'admin', 'admin@example.com', true, '', 'bench-password');
echo "installed: user ", $r['user_id'], "\n";
EOF
"$PHP_BIN" -d display_errors=stderr "$TMP/install.php" "$WP" >"$TMP/install.out" 2>&1 \
    || { cat "$TMP/install.out" >&2; die "wp_install failed"; }
grep -q '^installed: user 1$' "$TMP/install.out" || { cat "$TMP/install.out" >&2; die "wp_install did not report user 1"; }

# --- the runs ---
# OPcache on, and nothing that depends on the clock: under callgrind a request takes seconds,
# so OPcache's timestamp checks (every revalidate_freq = 2 s) and the realpath cache's
# expiry (realpath_cache_ttl = 120 s) would come at different requests in each run, and
# move the count (by ~1 % per request with the defaults). As a deployment without
# file changes would run.
CGI_INI=(-d opcache.enable=1 -d opcache.jit=disable -d opcache.validate_timestamps=0 -d realpath_cache_ttl=86400)
declare -A QUERY=([front]="" [post]="p=1")
# Ir of one php-cgi run: ext=0|1, page, N (-T N). The output goes to $TMP/out.EXT.PAGE.N.
ir() {
    local ext=$1 page=$2 n=$3 args=()
    [[ $ext == 1 ]] && args+=(-d "extension=$AES_EXT" -d "appengine_sockets.allow=127.0.0.1:3306")
    env -i PATH=/usr/bin:/bin REDIRECT_STATUS=200 GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
        SERVER_PROTOCOL=HTTP/1.1 SERVER_NAME=localhost SERVER_PORT=80 HTTP_HOST=localhost \
        REMOTE_ADDR=127.0.0.1 SCRIPT_NAME=/index.php SCRIPT_FILENAME="$WP/index.php" \
        DOCUMENT_ROOT="$WP" QUERY_STRING="${QUERY[$page]}" \
        REQUEST_URI="/${QUERY[$page]:+?${QUERY[$page]}}" \
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$PHP_CGI" "${CGI_INI[@]}" "${args[@]}" -T "$n" \
        2>"$TMP/vg" >"$TMP/out.$ext.$page.$n"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/vg"
}
same() { # page n
    cmp -s "$TMP/out.0.$1.$2" "$TMP/out.1.$1.$2" \
        || { diff "$TMP/out.0.$1.$2" "$TMP/out.1.$1.$2" | head -20 >&2; die "$1 page, -T $2: the outputs differ"; }
}

# OPcache must be on in php-cgi, as the table says.
echo '<?php echo is_array(@opcache_get_status(false)) ? "on" : "off";' >"$TMP/opcache.php"
oc=$("$PHP_CGI" -q "${CGI_INI[@]}" "$TMP/opcache.php" 2>&1)
[[ $oc == on ]] || die "OPcache is not on in $PHP_CGI ($oc)"

# One request per page per side first: the first requests write options and transients
# that later requests read, and the measured runs should all see the same database.
for page in ${PAGES//,/ }; do
    [[ -n "${QUERY[$page]+x}" ]] || die "unknown page $page (front, post)"
    for ext in 0 1; do ir "$ext" "$page" 1 >/dev/null; done
    grep -q 'Hello world!' "$TMP/out.0.$page.1" || { head -40 "$TMP/out.0.$page.1" >&2; die "$page page: no sample post in the output"; }
    same "$page" 1
done

echo "$PHP_LABEL, php-cgi with OPcache on, WordPress $WP_VERSION (Debian's package), MariaDB over TCP 127.0.0.1, $(basename "$AES_EXT") ($(date -u +%F))"
echo
echo "| page | stock Ir/request | with extension | difference | ratio | per-repeat ratios |"
echo "|---|---:|---:|---:|---:|---|"
for page in ${PAGES//,/ }; do
    stock=() ext=()
    for rep in $(seq "$REPS"); do
        order="0 1"; (( rep % 2 == 0 )) && order="1 0"
        for e in $order; do
            a=$(ir "$e" "$page" 5); b=$(ir "$e" "$page" 25)
            if [[ $e == 0 ]]; then stock+=($(( (b - a) / 20 ))); else ext+=($(( (b - a) / 20 ))); fi
            echo "bench/wordpress.sh: $page, repeat $rep, $([[ $e == 0 ]] && echo stock || echo extension): -T 5 $a Ir, -T 25 $b Ir, $(( (b - a) / 20 )) per request" >&2
        done
        same "$page" 5; same "$page" 25
    done
    python3 - "$page" "${stock[*]}" "${ext[*]}" <<'EOF'
import statistics, sys
page, s, e = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
ms, me = statistics.median(s), statistics.median(e)
ratios = ", ".join(f"{100 * (b - a) / a:+.2f} %" for a, b in zip(s, e))
print(f"| {page} | {ms:,.0f} ({min(s):,}..{max(s):,}) | {me:,.0f} ({min(e):,}..{max(e):,}) "
      f"| {me - ms:+,.0f} | {100 * (me - ms) / ms:+.2f} % | {ratios} |")
EOF
done
