#!/usr/bin/env bash
# shellcheck disable=SC2016  # single-quoted $ are dpkg-query formats and the inner script's
# usage: scripts/matrix-setup.sh [--rebuild] [--no-zts]      (as root)
#        scripts/matrix-setup.sh --sid [--php8.6] [--rebuild]
#
# Makes (once) what scripts/matrix.sh needs beyond this machine's PHP 8.2, under
# one fixed cache directory, so a second run reuses all of it:
#   $CACHE/trixie                  a Debian 13 (trixie) root file system made with
#                                  mmdebstrap from trixie main (not trixie-security:
#                                  its source packages cannot be fetched here, and the
#                                  NTS and ZTS PHPs must be the same version): PHP 8.4
#                                  from Debian 13's packages
#                                  (php8.4-cli/-dev/-fpm, libphp8.4-embed and the
#                                  extensions the tests use), and the tools the
#                                  test runners and the ZTS build need.
#   $CACHE/trixie/opt/appengine-sockets/php-8.4-zts
#                                  PHP 8.4 built with --enable-zts from Debian 13's
#                                  php8.4 source package ZTS_SOURCE (its .dsc checked
#                                  by dpkg-source against debian-keyring, Debian's
#                                  patches applied), installed under its own prefix
#                                  the way the official php:* images install PHP
#                                  (bin/php, bin/php-config, sbin/php-fpm, lib/libphp.so,
#                                  shared extensions enabled by etc/conf.d/*.ini).
#   $CACHE/sid                     (--sid) a Debian unstable (sid) root file system made
#                                  with mmdebstrap from unstable plus experimental:
#                                  PHP 8.5 NTS from experimental's php8.5 packages
#                                  (pinned to experimental by name only; everything
#                                  else is unstable's), and the same tools and servers.
#                                  --php8.6 adds experimental's php8.6 release candidate
#                                  packages to it (a stamp of its own: CI does not ask).
# Each part is rebuilt only when missing or when its recipe (this file's package
# list and configure flags, kept in a stamp) changed; --rebuild redoes both; --no-zts
# makes the root file system only.
# The host's apt sources are never changed: the trixie sources live only inside
# the root file system. Needs network access to deb.debian.org (or the mirror in
# AES_DEBIAN_MIRROR) the first time only.
#   AES_MATRIX_CACHE    cache directory (default /var/cache/appengine-sockets/matrix)
#   AES_DEBIAN_MIRROR   default http://deb.debian.org/debian
#   AES_ZTS_SOURCE      php8.4 source version for the ZTS build (default below)
# Prints how long each part took, or that it was cached.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${AES_MATRIX_CACHE:-/var/cache/appengine-sockets/matrix}
MIRROR=${AES_DEBIAN_MIRROR:-http://deb.debian.org/debian}
RFS=$CACHE/trixie
ZTS_PREFIX=/opt/appengine-sockets/php-8.4-zts     # inside the root file system
# The ZTS build's source: Debian 13's php8.4 as released (8.4.11-1), taken from the pool
# by version. Pinned: trixie's Sources index names only the newest point release, whose
# files the archive mirror these machines reach does not serve, and a pinned version
# keeps the build the same on every machine. (The NTS packages are trixie's current
# ones, so the matrix covers two 8.4 patch levels.)
ZTS_SOURCE=${AES_ZTS_SOURCE:-8.4.11-1}
REBUILD=0 ZTS=1 SID=0 PHP86=0
for a in "$@"; do
    case "$a" in
        --rebuild) REBUILD=1 ;;
        --no-zts) ZTS=0 ;;
        --sid) SID=1 ;;
        --php8.6) SID=1 PHP86=1 ;;
        *) echo "usage: $0 [--rebuild] [--no-zts] | --sid [--php8.6] [--rebuild]" >&2; exit 2 ;;
    esac
done
[[ $EUID -eq 0 ]] || { echo "matrix-setup.sh: must run as root (mmdebstrap, chroot)" >&2; exit 1; }

# The root file system's packages, and why.
ROOTFS_PACKAGES=(
    php8.4-cli php8.4-dev php8.4-fpm   # PHP 8.4 NTS under test: php, php-config8.4 + headers, php-fpm8.4
    libphp8.4-embed                    # tests/robustness embed SAPI harness
    php8.4-soap php8.4-mysql php8.4-xml  # the wrapper_* phpt (SoapClient, mysqli/PDO_MySQL, libxml/XSL)
    libfcgi-bin                        # cgi-fcgi for tests/fpm
    libclang-dev gcc g++ libc6-dev make pkg-config  # cargo build (bindgen, cc) and C test harnesses
    ca-certificates iproute2 util-linux mount procps python3 openssl valgrind git file
    dpkg-dev xz-utils debian-keyring   # dpkg-source: the php8.4 source package, its signature, Debian's patches
    autoconf bison re2c                # ZTS build: buildconf after Debian's patches
    libxml2-dev libssl-dev zlib1g-dev libsqlite3-dev libxslt1-dev  # ZTS build: the extensions below
    # Other extensions' persistent connections and C libraries' own sockets, against
    # real servers the tests start (tests/fpm/clients.sh, php-tests/libc_*.phpt): as
    # scripts/install-deps.sh has them for 8.2.
    php8.4-redis php8.4-memcached php8.4-memcache php8.4-pgsql php8.4-curl php8.4-ldap
    redis-server mariadb-server memcached postgresql slapd python3-pyftpdlib
    libcurl4-openssl-dev libldap-dev libpq-dev   # ZTS: ext/curl, ext/ldap, ext/pgsql, pdo_pgsql
    prometheus                         # tests/metrics: promtool, and a Prometheus scraping the status pool
    # tests/backstop/run.sh, as scripts/install-deps.sh has them for 8.2: nft loads the
    # generated ruleset, liburing for the io_uring probe, the curl program as a child;
    # libffi-dev for the ZTS build's FFI (the NTS packages have it in php8.4-common).
    nftables liburing-dev curl libffi-dev
    librdkafka-dev                     # tests/escapes: librdkafka's broker threads (C11 thrd_create)
)

# The ZTS build's configure flags: the extensions the tests load, shared (as Debian
# and the official images have them, so `-d extension=sockets` loads one), openssl
# and zlib built in (as in Debian's PHP).
ZTS_CONFIGURE=(
    --prefix="$ZTS_PREFIX"
    --with-config-file-path="$ZTS_PREFIX/etc"
    --with-config-file-scan-dir="$ZTS_PREFIX/etc/conf.d"
    --enable-zts --with-pic
    --disable-all --disable-cgi --disable-phpdbg
    --enable-cli --enable-fpm --enable-embed=shared
    --with-openssl --with-zlib --enable-filter --enable-session --enable-ctype --enable-tokenizer
    --enable-posix --enable-pcntl --enable-opcache
    --with-libxml
    --enable-sockets=shared --enable-ftp=shared
    --enable-mysqlnd=shared --with-mysqli=shared --enable-pdo=shared --with-pdo-mysql=shared
    --enable-soap=shared --enable-dom=shared --enable-simplexml=shared --enable-xml=shared
    --enable-xmlreader=shared --enable-xmlwriter=shared --with-xsl=shared
    --with-ffi=shared
)
# Load order for etc/conf.d (mysqlnd before mysqli/pdo_mysql, pdo before pdo_mysql, dom before xsl).
ZTS_SHARED=(opcache sockets ftp mysqlnd pdo mysqli pdo_mysql dom simplexml xml xmlreader xmlwriter xsl soap ffi)
# Then, as the official images add extensions (docker-php-ext-install: phpize in ext/NAME
# of the same source), the ones whose C libraries open sockets of their own
# (php-tests/libc_*.phpt): "NAME configure-flag".
# @MULTIARCH@: Debian's library dir (x86_64-linux-gnu), where libldap is.
ZTS_PHPIZE=("curl --with-curl" "ldap --with-ldap --with-libdir=lib/@MULTIARCH@" "pgsql --with-pgsql" "pdo_pgsql --with-pdo-pgsql")
# Not built for ZTS: PECL's redis and memcached (their Debian 13 source packages are not
# served by the mirror here), so tests/fpm/clients.sh does not run on ZTS, and
# php-tests/libc_memcached_allowed.phpt skips there.

stamp_of() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }

# make_rootfs DIR STAMP WHAT PACKAGE MMDEBSTRAP-ARG...: make the root file system DIR with
# mmdebstrap (the args, with @TARGET@ for the directory it builds into) unless DIR's stamp
# is STAMP already; says which, with PACKAGE's version. Returns 1 if it was cached.
make_rootfs() {
    local dir=$1 stamp=$2 what=$3 pkg=$4 t=$SECONDS a args=()
    shift 4
    if [[ $REBUILD == 0 && -f "$dir/.aes-ready" && "$(cat "$dir/.aes-ready")" == "$stamp" ]]; then
        echo "matrix-setup: $what cached ($dir, $(chroot "$dir" dpkg-query -W -f="$pkg \${Version}" "$pkg"))"
        return 1
    fi
    command -v mmdebstrap >/dev/null || {
        echo "matrix-setup: mmdebstrap missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
    for a in "$@"; do args+=("${a//@TARGET@/$dir.tmp}"); done
    mkdir -p "$CACHE"
    rm -rf "$dir.tmp"
    # (Called as an if's condition, where set -e does not hold: each step says if it failed.)
    nice -n 10 mmdebstrap --mode=root --variant=apt \
        --keyring=/usr/share/keyrings/debian-archive-keyring.gpg "${args[@]}" \
        || { echo "matrix-setup: mmdebstrap failed ($what)" >&2; rm -rf "$dir.tmp"; exit 1; }
    # shellcheck disable=SC2015  # the message when any of the three fails
    rm -rf "$dir" && mv "$dir.tmp" "$dir" && echo "$stamp" >"$dir/.aes-ready" \
        || { echo "matrix-setup: cannot put $dir in place" >&2; exit 1; }
    echo "matrix-setup: $what made in $((SECONDS - t)) s ($(chroot "$dir" dpkg-query -W -f="$pkg \${Version}" "$pkg"))"
}

# --- the unstable root file system (--sid): PHP 8.5, and 8.6 on request ---
# The 8.x line's packages, and why (the trixie list's, for what exists there).
sid_php_packages() {  # sid_php_packages X.Y
    printf '%s\n' "php$1-cli" "php$1-dev" "php$1-fpm" "libphp$1-embed" \
        "php$1-soap" "php$1-mysql" "php$1-xml" "php$1-pgsql" "php$1-curl" "php$1-ldap"
}
# Not there: PECL's redis, memcached and memcache are built for unstable's PHP 8.4 only
# (php8.4-redis etc.; no php8.5-*), so tests/fpm/clients.sh does not run on 8.5 and
# php-tests/libc_memcached_allowed.phpt skips there. No php8.5-opcache: OPcache is
# always built into PHP 8.5.
mapfile -t SID_PHP < <(sid_php_packages 8.5)
SID_PACKAGES=(
    "${SID_PHP[@]}"                    # PHP 8.5 NTS under test, and the extensions the tests use
    libfcgi-bin                        # cgi-fcgi for tests/fpm
    libclang-dev gcc g++ libc6-dev make pkg-config  # cargo build (bindgen, cc) and C test harnesses
    ca-certificates iproute2 util-linux mount procps python3 openssl valgrind git file
    autoconf libtool                   # phpize (the phpize build of phpize/config.m4)
    dpkg-dev xz-utils debian-keyring   # tests/upstream/fetch-php-src.sh: php8.5's source package, its signature
    redis-server mariadb-server memcached postgresql slapd python3-pyftpdlib  # the tests' servers
    prometheus                         # tests/metrics: promtool, and a Prometheus scraping the status pool
    nftables liburing-dev curl         # tests/backstop: nft, the io_uring probe, the curl program as a child
    librdkafka-dev                     # tests/escapes: librdkafka's broker threads (C11 thrd_create)
)
if [[ $SID == 1 ]]; then
    RFS=$CACHE/sid
    SID_STAMP="sid+experimental $MIRROR $(stamp_of "${SID_PACKAGES[@]}")"
    T0=$SECONDS
    # experimental is NotAutomatic (priority 1): only the PHP packages are pinned to it.
    # Check-Valid-Until off: unstable's and experimental's Release files are re-signed
    # weekly, and a mirror snapshot older than a week would otherwise be refused.
    if make_rootfs "$RFS" "$SID_STAMP" "unstable root file system" php8.5-cli \
        --aptopt='Acquire::Check-Valid-Until "false"' \
        --setup-hook='mkdir -p "$1/etc/apt/preferences.d" && printf "%s\n" "Package: php8.5* libphp8.5* php8.6* libphp8.6*" "Pin: release a=experimental" "Pin-Priority: 500" >"$1/etc/apt/preferences.d/php-experimental"' \
        --include="$(IFS=,; echo "${SID_PACKAGES[*]}")" \
        sid @TARGET@ "deb $MIRROR sid main" "deb $MIRROR experimental main"; then
        rm -f "$RFS/.aes-php8.6-ready"
    fi
    if [[ $PHP86 == 1 ]]; then
        mapfile -t p86 < <(sid_php_packages 8.6)
        stamp86="$SID_STAMP $(stamp_of "${p86[@]}")"
        if [[ $REBUILD == 0 && -f "$RFS/.aes-php8.6-ready" && "$(cat "$RFS/.aes-php8.6-ready")" == "$stamp86" ]]; then
            echo "matrix-setup: PHP 8.6 cached ($(chroot "$RFS" dpkg-query -W -f='php8.6-cli ${Version}' php8.6-cli))"
        else
            t=$SECONDS
            AES_ROOTFS=sid "$ROOT/scripts/rootfs.sh" env DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c \
                'apt-get -q update >/dev/null && apt-get -q -y install --no-install-recommends "$@" >/dev/null' \
                apt "${p86[@]}"
            echo "$stamp86" >"$RFS/.aes-php8.6-ready"
            echo "matrix-setup: PHP 8.6 installed in $((SECONDS - t)) s ($(chroot "$RFS" dpkg-query -W -f='php8.6-cli ${Version}' php8.6-cli))"
        fi
    fi
    echo "matrix-setup: ready in $((SECONDS - T0)) s (cache: $CACHE)"
    exit 0
fi
ROOTFS_STAMP="trixie $MIRROR $(stamp_of "${ROOTFS_PACKAGES[@]}")"
T0=$SECONDS

# --- 1. the root file system ---
# Debian 12's debian-archive-keyring already has Debian 13's keys.
if make_rootfs "$RFS" "$ROOTFS_STAMP" "root file system" php8.4-cli \
    --include="$(IFS=,; echo "${ROOTFS_PACKAGES[*]}")" \
    trixie @TARGET@ "deb $MIRROR trixie main" "deb-src $MIRROR trixie main"; then
    rm -f "$RFS/opt/appengine-sockets/.zts-ready"   # a new root fs needs a new ZTS build
fi

# The php8.4 source package into DIR/src (a shell function for the scripts run in the
# root fs): the .dsc, the orig tarball and Debian's changes from the pool; dpkg-source
# checks the .dsc's signature (debian-keyring) and the files' checksums, and applies
# Debian's patches.
FETCH_SOURCE='
fetch_source() {
    rm -rf "$1"; mkdir -p "$1"; cd "$1"
    local up=${VER%-*} f
    for f in "php8.4_$VER.dsc" "php8.4_$up.orig.tar.xz" "php8.4_$up.orig.tar.xz.asc" "php8.4_$VER.debian.tar.xz"; do
        python3 -c "import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])" "$POOL/$f" "$f" \
            || { echo "matrix-setup: cannot fetch $POOL/$f" >&2; exit 1; }
    done
    dpkg-source --require-valid-signature -x "php8.4_$VER.dsc" src >/dev/null
    cd src
}
'

if [[ $ZTS == 0 ]]; then
    echo "matrix-setup: ready in $((SECONDS - T0)) s (cache: $CACHE; no ZTS PHP asked for)"
    exit 0
fi

# --- 2. the ZTS PHP, built inside the root file system ---
ZTS_STAMP="$(stamp_of "${ZTS_CONFIGURE[@]}" "${ZTS_SHARED[@]}") php8.4 $ZTS_SOURCE"
ZTS_READY=$RFS/opt/appengine-sockets/.zts-ready
ZTS_EXT_READY=$RFS/opt/appengine-sockets/.zts-ext-ready
if [[ $REBUILD == 0 && -f "$ZTS_READY" && "$(cat "$ZTS_READY")" == "$ZTS_STAMP" ]]; then
    echo "matrix-setup: ZTS PHP cached ($ZTS_PREFIX: $(chroot "$RFS" "$ZTS_PREFIX/bin/php" -n -v | head -n 1))"
else
    t=$SECONDS
    # The build runs inside the root fs (its compiler, headers and libraries).
    "$ROOT/scripts/rootfs.sh" env ZTS_PREFIX="$ZTS_PREFIX" VER="$ZTS_SOURCE" POOL="$MIRROR/pool/main/p/php8.4" \
        CONFIGURE="${ZTS_CONFIGURE[*]}" SHARED="${ZTS_SHARED[*]}" bash -euo pipefail -c "$FETCH_SOURCE"'
        rm -rf "$ZTS_PREFIX"
        fetch_source /usr/src/aes-php-zts
        echo "matrix-setup: building php8.4 $VER (ZTS) into $ZTS_PREFIX"
        PHP_AUTOCONF=autoconf ./buildconf --force >/dev/null 2>&1
        # shellcheck disable=SC2086  # CONFIGURE is a word list
        ./configure $CONFIGURE >configure.log 2>&1 || { tail -n 40 configure.log; exit 1; }
        nice -n 19 make -j"$(nproc)" >make.log 2>&1 || { tail -n 60 make.log; exit 1; }
        make install >install.log 2>&1 || { tail -n 40 install.log; exit 1; }
        mkdir -p "$ZTS_PREFIX/etc/conf.d"
        i=10
        for e in $SHARED; do
            if [[ $e == opcache ]]; then kw=zend_extension; else kw=extension; fi
            printf "%s=%s\n" "$kw" "$e" >"$ZTS_PREFIX/etc/conf.d/$i-$e.ini"
            i=$((i + 1))
        done
        # Debian'"'"'s patched phpize takes libtool'"'"'s m4 files from PREFIX/share/aclocal
        # (/usr/share/aclocal for Debian'"'"'s own PHP): point it there.
        mkdir -p "$ZTS_PREFIX/share"
        ln -sfn /usr/share/aclocal "$ZTS_PREFIX/share/aclocal"
        # php-fpm needs a config to start at all; the tests bring their own with -y.
        cp "$ZTS_PREFIX/etc/php-fpm.conf.default" "$ZTS_PREFIX/etc/php-fpm.conf" 2>/dev/null || true
        "$ZTS_PREFIX/bin/php" -v
        "$ZTS_PREFIX/bin/php" -m | tr "\n" " "; echo
        cd / && rm -rf /usr/src/aes-php-zts
    '
    echo "$ZTS_STAMP" >"$ZTS_READY"
    rm -f "$ZTS_EXT_READY"
    echo "matrix-setup: ZTS PHP built in $((SECONDS - t)) s"
fi

# --- 3. the ZTS PHP's phpize-built extensions ---
ZTS_EXT_STAMP="$ZTS_STAMP $(stamp_of "${ZTS_PHPIZE[@]}")"
if [[ $REBUILD == 0 && -f "$ZTS_EXT_READY" && "$(cat "$ZTS_EXT_READY")" == "$ZTS_EXT_STAMP" ]]; then
    echo "matrix-setup: ZTS extensions cached (${ZTS_PHPIZE[*]%% *})"
else
    t=$SECONDS
    "$ROOT/scripts/rootfs.sh" env ZTS_PREFIX="$ZTS_PREFIX" VER="$ZTS_SOURCE" POOL="$MIRROR/pool/main/p/php8.4" \
        EXTS="$(printf '%s\n' "${ZTS_PHPIZE[@]}")" bash -euo pipefail -c "$FETCH_SOURCE"'
        fetch_source /usr/src/aes-php-zts-ext
        mkdir -p "$ZTS_PREFIX/share"
        ln -sfn /usr/share/aclocal "$ZTS_PREFIX/share/aclocal"
        i=30
        while read -r name flags; do
            flags=${flags//@MULTIARCH@/$(gcc -print-multiarch)}
            echo "matrix-setup: phpize ext/$name ($flags)"
            ( cd "ext/$name"
              "$ZTS_PREFIX/bin/phpize" >phpize.log 2>&1
              # shellcheck disable=SC2086  # flags is a word list
              ./configure --with-php-config="$ZTS_PREFIX/bin/php-config" $flags >configure.log 2>&1 \
                  || { tail -n 30 configure.log; exit 1; }
              nice -n 19 make -j"$(nproc)" >make.log 2>&1 || { tail -n 40 make.log; exit 1; }
              make install >install.log 2>&1 || { tail -n 20 install.log; exit 1; } )
            printf "extension=%s\n" "$name" >"$ZTS_PREFIX/etc/conf.d/$i-$name.ini"
            i=$((i + 1))
        done <<<"$EXTS"
        "$ZTS_PREFIX/bin/php" -m | tr "\n" " "; echo
        cd / && rm -rf /usr/src/aes-php-zts-ext
    '
    echo "$ZTS_EXT_STAMP" >"$ZTS_EXT_READY"
    echo "matrix-setup: ZTS extensions built in $((SECONDS - t)) s"
fi
echo "matrix-setup: ready in $((SECONDS - T0)) s (cache: $CACHE)"
