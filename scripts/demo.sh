#!/usr/bin/env bash
# usage: scripts/demo.sh        (as root, from any directory)
#
# Installs what is missing, builds the extension, shows its phpinfo section,
# then runs scripts/demo.php inside the private test network namespace
# (tests/netns/run.sh) twice: with stock PHP, then with the extension, so the
# two tables show what the extension changes. Nothing leaves the namespace.
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
# listener (openssl is built into Debian's php).
PHP=(php -n -d extension=sockets)

section "php --ri appengine_sockets"
"${PHP[@]}" -d "extension=$AES_EXT" --ri appengine_sockets

section "Stock PHP $(php -n -r 'echo PHP_VERSION;'), without the extension"
tests/netns/run.sh "${PHP[@]}" scripts/demo.php </dev/null

section "PHP with appengine_sockets"
tests/netns/run.sh "${PHP[@]}" -d "extension=$AES_EXT" scripts/demo.php </dev/null
