#!/usr/bin/env bash
# usage: scripts/demo.sh        (as root, from any directory)
#
# Installs what is missing, builds the extension, shows its phpinfo section,
# then runs scripts/demo.php inside the private test network namespace
# (tests/netns/run.sh) twice: with stock PHP, then with the extension, so the
# two tables show what the extension changes: streams, sockets, TLS, and curl to the
# cloud metadata address and through a redirect to a private address, and a Redis
# client (a real redis-server) on a private address. Nothing leaves the namespace.
set -euo pipefail

# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

section() { printf '\n=== %s\n' "$*"; }

section "Dependencies"
scripts/install-deps.sh </dev/null

section "Build (cargo build --release)"
cargo build --release --quiet
echo "built $AES_EXT"

# -n: no php.ini, so a system ini can neither load the extension into the
# "stock" run nor load it twice; ext/sockets is added back for demo.php's Unix
# listener (openssl is built into Debian's php), ext/curl and phpredis (with the
# serializers Debian's build needs) for the curl and Redis lines.
PHP=(php -n -d extension=sockets -d extension=curl -d extension=igbinary -d extension=msgpack -d extension=redis)

# Inside the namespace, before demo.php: the cloud metadata address on lo (the catcher
# answers on it), and a real Redis server on the private address 10.0.0.5.
# shellcheck disable=SC2016  # the inner shell's variables
IN_NS='ip addr add 169.254.169.254/32 dev lo
tmp=$(mktemp -d)
redis-server --bind 10.0.0.5 --port 6379 --save "" --appendonly no --protected-mode no \
    --dir "$tmp" --logfile "$tmp/redis.log" --daemonize yes --pidfile "$tmp/redis.pid"
for _ in $(seq 50); do [[ -s "$tmp/redis.pid" ]] && break; sleep 0.1; done
rc=0; "$@" || rc=$?
kill "$(cat "$tmp/redis.pid")" 2>/dev/null; rm -rf "$tmp"
exit $rc'

section "php --ri appengine_sockets"
"${PHP[@]}" -d "extension=$AES_EXT" --ri appengine_sockets

section "Stock PHP $(php -n -r 'echo PHP_VERSION;'), without the extension"
tests/netns/run.sh bash -c "$IN_NS" demo "${PHP[@]}" scripts/demo.php </dev/null

section "PHP with appengine_sockets"
tests/netns/run.sh bash -c "$IN_NS" demo "${PHP[@]}" -d "extension=$AES_EXT" scripts/demo.php </dev/null
