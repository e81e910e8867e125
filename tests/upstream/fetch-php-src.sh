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
#   8.5   the php8.5 source package of the version installed (Debian experimental's,
#         in the unstable root fs: AES_ROOTFS=sid scripts/rootfs.sh), from the pool. The
#         archive mirror these machines reach serves experimental's binary packages but
#         not php8.5's source files (404): then this exits 3 ("no source"), and
#         tests/upstream/run.sh reports the run as skipped, saying why.
# Debian's patches applied in all cases (dpkg-source).
#   AES_PHP_SRC         where the tree lives (default /var/cache/appengine-sockets/php-src-MAJOR.MINOR)
#   AES_DEBIAN_MIRROR   8.4's pool (default http://deb.debian.org/debian)
# Exit status 3: the source package cannot be had from the mirror (8.5 here).
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

[[ $MAJMIN == 8.2 || $MAJMIN == 8.4 || $MAJMIN == 8.5 ]] || die "no source known for PHP $MAJMIN (8.2, 8.4, 8.5)"
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
    [[ -f /usr/share/keyrings/debian-keyring.gpg ]] \
        || die "debian-keyring not installed (it is in the matrix's root file systems: run through scripts/rootfs.sh)"
    if [[ $MAJMIN == 8.4 ]]; then
        ver=$PHP84_SOURCE
    else
        ver=$(dpkg-query -W -f='${Version}' "php$MAJMIN-cli" 2>/dev/null) \
            || die "php$MAJMIN-cli is not installed (run through AES_ROOTFS=sid scripts/rootfs.sh)"
    fi
    pool=$MIRROR/pool/main/p/php$MAJMIN up=${ver%-*}
    echo "fetch-php-src: php$MAJMIN $ver from $pool into $DEST" >&2
    for f in "php${MAJMIN}_$ver.dsc" "php${MAJMIN}_$up.orig.tar.xz" "php${MAJMIN}_$up.orig.tar.xz.asc" \
             "php${MAJMIN}_$ver.debian.tar.xz"; do
        if ! python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
            "$pool/$f" "$tmp/$f" 2>"$tmp/fetch.err"; then
            echo "tests/upstream/fetch-php-src.sh: cannot fetch $pool/$f: $(tail -n 1 "$tmp/fetch.err")" >&2
            [[ $MAJMIN == 8.4 ]] || exit 3
            exit 1
        fi
    done
    dsc=$tmp/php${MAJMIN}_$ver.dsc
    dpkg-source --require-valid-signature -x "$dsc" "$tmp/tree" >/dev/null
fi
version=$(sed -n 's/^Version: //p' "$dsc")
echo "$version" >"$tmp/tree/.aes-version"
rm -rf "$DEST"
mv "$tmp/tree" "$DEST"
touch "$DEST/.aes-complete"
echo "fetch-php-src: php$MAJMIN $version unpacked" >&2
echo "$DEST"
