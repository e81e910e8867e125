#!/usr/bin/env bash
# usage: tests/upstream/fetch-php-src.sh        (as root; prints the source tree's path)
#
# Makes sure PHP 8.2's own source (Debian's php8.2 source package, from bookworm's
# main pool, Debian's patches applied) is unpacked in a fixed cache directory, so
# tests/upstream/run.sh can run PHP's own networking tests. Downloads it on first
# use only; the tree is never committed.
#   AES_PHP_SRC   where the tree lives (default /var/cache/appengine-sockets/php-src-8.2)
# Needs a deb-src entry for bookworm: if apt has none, this writes one to
# /etc/apt/sources.list.d/appengine-sockets-src.sources (deb.debian.org, Debian's
# archive key) and runs apt-get update. Needs dpkg-dev (dpkg-source).
set -euo pipefail

DEST=${AES_PHP_SRC:-/var/cache/appengine-sockets/php-src-8.2}
# PHP's tests for the networking code the extension guards; run.sh reads this too.
die() { echo "tests/upstream/fetch-php-src.sh: $*" >&2; exit 1; }

if [[ -f "$DEST/.aes-complete" ]]; then
    echo "$DEST"
    exit 0
fi
[[ $EUID -eq 0 ]] || die "$DEST is missing; run as root to download PHP's source"
command -v dpkg-source >/dev/null || die "dpkg-source not found (apt-get install dpkg-dev)"

export DEBIAN_FRONTEND=noninteractive
if ! apt-cache showsrc php8.2 2>/dev/null | grep -q '^Version:'; then
    cat >/etc/apt/sources.list.d/appengine-sockets-src.sources <<EOF
# Source packages for appengine_sockets' tests/upstream (PHP's own networking tests).
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    echo "fetch-php-src: added a deb-src entry for bookworm; apt-get update" >&2
    apt-get -q update </dev/null >&2
fi

mkdir -p "$(dirname "$DEST")"
tmp=$(mktemp -d "$(dirname "$DEST")/.php-src.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The _apt sandbox user cannot write into a root-owned temp dir: let it.
chmod 755 "$tmp"
echo "fetch-php-src: apt-get source php8.2 into $DEST" >&2
(cd "$tmp" && apt-get -q source --download-only php8.2 </dev/null >&2)
dsc=$(ls "$tmp"/php8.2_*.dsc)
dpkg-source --no-check -x "$dsc" "$tmp/tree" >/dev/null
version=$(sed -n 's/^Version: //p' "$dsc")
echo "$version" >"$tmp/tree/.aes-version"
rm -rf "$DEST"
mv "$tmp/tree" "$DEST"
touch "$DEST/.aes-complete"
echo "fetch-php-src: php8.2 $version unpacked" >&2
echo "$DEST"
