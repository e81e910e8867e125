#!/usr/bin/env bash
# usage: tests/upstream/fetch-php-src.sh [MAJOR.MINOR]   (as root; prints the source tree's path)
#
# Makes sure PHP's own source for MAJOR.MINOR (default 8.2) is unpacked in a fixed
# cache directory, so tests/upstream/run.sh can run PHP's own networking tests.
# Downloads it on first use only; the tree is never committed. Which source:
#   8.2   Debian 12's php8.2 source package (bookworm main, through apt's Sources index)
#   8.4   Debian 13's php8.4 8.4.11-1, as released: the source of the ZTS PHP
#         (scripts/matrix-setup.sh's ZTS_SOURCE), taken from the pool by version, since
#         trixie's Sources index names only the newest point release, whose files the
#         archive mirror these machines reach does not serve. Run inside the Debian 13
#         root fs (scripts/rootfs.sh), where the PHP 8.4 lines run.
# Debian's patches applied in both cases (dpkg-source).
#   AES_PHP_SRC         where the tree lives (default /var/cache/appengine-sockets/php-src-MAJOR.MINOR)
#   AES_DEBIAN_MIRROR   8.4's pool (default http://deb.debian.org/debian)
# 8.2 needs a deb-src entry for bookworm: if apt has none, this writes one to
# /etc/apt/sources.list.d/appengine-sockets-src.sources (deb.debian.org, Debian's
# archive key) and runs apt-get update. 8.4 checks the .dsc's signature against
# debian-keyring. Needs dpkg-dev (dpkg-source).
set -euo pipefail

MAJMIN=${1:-8.2}
PHP84_SOURCE=8.4.11-1
DEST=${AES_PHP_SRC:-/var/cache/appengine-sockets/php-src-$MAJMIN}
MIRROR=${AES_DEBIAN_MIRROR:-http://deb.debian.org/debian}
die() { echo "tests/upstream/fetch-php-src.sh: $*" >&2; exit 1; }

[[ $MAJMIN == 8.2 || $MAJMIN == 8.4 ]] || die "no source known for PHP $MAJMIN (8.2, 8.4)"
if [[ -f "$DEST/.aes-complete" ]]; then
    echo "$DEST"
    exit 0
fi
[[ $EUID -eq 0 ]] || die "$DEST is missing; run as root to download PHP's source"
command -v dpkg-source >/dev/null || die "dpkg-source not found (apt-get install dpkg-dev)"

mkdir -p "$(dirname "$DEST")"
tmp=$(mktemp -d "$(dirname "$DEST")/.php-src.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The _apt sandbox user cannot write into a root-owned temp dir: let it.
chmod 755 "$tmp"

if [[ $MAJMIN == 8.2 ]]; then
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
    echo "fetch-php-src: apt-get source php8.2 into $DEST" >&2
    (cd "$tmp" && apt-get -q source --download-only php8.2 </dev/null >&2)
    dsc=$(ls "$tmp"/php8.2_*.dsc)
    dpkg-source --no-check -x "$dsc" "$tmp/tree" >/dev/null
else
    [[ -d /usr/share/keyrings && -f /usr/share/keyrings/debian-keyring.gpg ]] \
        || die "debian-keyring not installed (it is in the Debian 13 root fs: run through scripts/rootfs.sh)"
    pool=$MIRROR/pool/main/p/php8.4 up=${PHP84_SOURCE%-*}
    echo "fetch-php-src: php8.4 $PHP84_SOURCE from $pool into $DEST" >&2
    for f in "php8.4_$PHP84_SOURCE.dsc" "php8.4_$up.orig.tar.xz" "php8.4_$up.orig.tar.xz.asc" \
             "php8.4_$PHP84_SOURCE.debian.tar.xz"; do
        python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
            "$pool/$f" "$tmp/$f" || die "cannot fetch $pool/$f"
    done
    dsc=$tmp/php8.4_$PHP84_SOURCE.dsc
    dpkg-source --require-valid-signature -x "$dsc" "$tmp/tree" >/dev/null
fi
version=$(sed -n 's/^Version: //p' "$dsc")
echo "$version" >"$tmp/tree/.aes-version"
rm -rf "$DEST"
mv "$tmp/tree" "$DEST"
touch "$DEST/.aes-complete"
echo "fetch-php-src: php$MAJMIN $version unpacked" >&2
echo "$DEST"
