#!/usr/bin/env bash
# usage: packaging/build-image-steps.sh build OUT
#        packaging/build-image-steps.sh runtime DIR
#
# The Docker image's build steps: the Dockerfile RUNs these and nothing else, and CI
# (scripts/ci-packaging.sh) runs them on its own machine, where there is no Docker, so
# they cannot break unseen.
#
#   build OUT    (build stage, rust:*-bookworm or -trixie) installs phpX.Y-dev and libclang-dev,
#                compiles the extension against PHP X.Y's headers (cargo build --release
#                --locked), checks that it loads, and puts into OUT everything the runtime
#                stage needs: appengine_sockets.so, appengine_sockets.ini, the stub,
#                install.sh, this script, php-fpm-docker.conf and BUILD-INFO.
#   runtime DIR  (final stage, debian:bookworm-slim or trixie-slim) installs phpX.Y-cli and
#                phpX.Y-fpm (and /usr/local/sbin/php-fpm, a link to php-fpmX.Y, for CMD),
#                checks the build's PHP API against theirs, installs DIR's extension with
#                DIR/install.sh (extension dir, mods-available ini, phpenmod for cli and
#                fpm), adds the container's php-fpm settings, and verifies: php -m and
#                php-fpm -m list the module, it starts enforcing, php-fpm -t passes.
#
# Environment:
#   AES_PHP_VERSION  X.Y of Debian's phpX.Y packages: 8.2 (Debian 12, the default) or 8.4
#                    (Debian 13); the Dockerfile's PHP_VERSION build argument.
#   DESTDIR=ROOT     runtime: install into a staging root instead (CI), and check it there.
#   AES_APT_CLEAN=1  remove apt's package lists and caches afterwards (the image does;
#                    CI must not, on a machine it shares).
#   AES_SOURCE_VERSION  build: the source's version for BUILD-INFO (the Dockerfile's
#                    SOURCE_VERSION build argument; default: git describe, or unknown).
# Packages that are already installed are left alone, and apt-get runs only when
# something is missing: on a machine that has them all, nothing is installed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=appengine_sockets
PHPV=${AES_PHP_VERSION:-8.2}
DESTDIR=${DESTDIR:-}

say() { printf 'build-image-steps: %s\n' "$*"; }
die() { printf 'build-image-steps: %s\n' "$*" >&2; exit 1; }

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# ensure_packages PKG...: apt-get install those that are missing (no recommends).
ensure_packages() {
    local p missing=()
    for p in "$@"; do
        installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "packages already installed: $*"
        return
    fi
    [[ $EUID -eq 0 ]] || die "missing packages (${missing[*]}) and not root"
    export DEBIAN_FRONTEND=noninteractive
    say "apt-get install ${missing[*]}"
    apt-get -q update </dev/null
    apt-get -q -y --no-install-recommends install "${missing[@]}" </dev/null
    for p in "${missing[@]}"; do
        installed "$p" || die "$p is still not installed after apt-get"
    done
}

apt_clean() {
    if [[ "${AES_APT_CLEAN:-0}" == 1 ]]; then
        apt-get clean
        rm -rf /var/lib/apt/lists/*
        say "removed apt's lists and caches"
    fi
}

# The PHP API number (20220829 for 8.2, 20240924 for 8.4) that phpX.Y was built with.
php_api() {
    "php$PHPV" -n -i | sed -n 's/^PHP API => //p'
}

step_build() {
    local out=${1:-}
    [[ -n "$out" ]] || die "usage: build OUT"
    local src
    src=$(cd "$HERE/.." && pwd)
    [[ -f "$src/Cargo.toml" ]] || die "build runs from the source tree (no $src/Cargo.toml)"

    # phpX.Y-dev: headers and php-configX.Y (it brings phpX.Y-cli, which ext-php-rs's
    # build script runs); libclang-dev: bindgen; gcc, libc6-dev: ext-php-rs's C wrapper
    # and the link (already in the rust image).
    ensure_packages "php$PHPV-dev" libclang-dev gcc libc6-dev ca-certificates
    command -v cargo >/dev/null || [[ -x "$HOME/.cargo/bin/cargo" ]] \
        || die "cargo not found: the build stage needs Rust (the rust:*-bookworm image has it)"

    local so
    so=$(AES_CARGO_LOCKED=1 PHPV=$PHPV "$HERE/install.sh" build)

    # It must load into this PHP, with no start-up warning.
    local got
    got=$("php$PHPV" -n -d display_startup_errors=1 -d "extension=$so" \
        -r "echo extension_loaded('$MODULE') ? 'loaded' : 'missing';" 2>&1) || true
    [[ "$got" == loaded ]] || die "$so does not load cleanly into php$PHPV: $got"

    install -d "$out"
    install -m 0644 "$so" "$out/$MODULE.so"
    install -m 0644 "$HERE/$MODULE.ini" "$HERE/php-fpm-docker.conf" "$out/"
    install -m 0644 "$src/stubs/$MODULE.stub.php" "$out/"
    install -m 0755 "$HERE/install.sh" "$HERE/build-image-steps.sh" "$out/"
    {
        echo "php_api=$(php_api)"
        echo "php_dev=$(dpkg-query -W -f='${Version}' "php$PHPV-dev")"
        echo "rustc=$(rustc --version 2>/dev/null || "$HOME/.cargo/bin/rustc" --version)"
        echo "source=${AES_SOURCE_VERSION:-$(git -C "$src" describe --always --dirty 2>/dev/null || echo unknown)}"
    } >"$out/BUILD-INFO"
    say "built $out/$MODULE.so ($(tr '\n' ' ' <"$out/BUILD-INFO"))"
    apt_clean
}

step_runtime() {
    local dir=${1:-}
    [[ -n "$dir" && -f "$dir/$MODULE.so" && -f "$dir/BUILD-INFO" ]] \
        || die "usage: runtime DIR (DIR: the build step's OUT, with $MODULE.so and BUILD-INFO)"

    ensure_packages "php$PHPV-cli" "php$PHPV-fpm"

    # Same PHP API as the headers it was compiled against; a patch-level difference of
    # the packages is harmless, but shown.
    local want have dev
    want=$(sed -n 's/^php_api=//p' "$dir/BUILD-INFO")
    dev=$(sed -n 's/^php_dev=//p' "$dir/BUILD-INFO")
    have=$(php_api)
    [[ -n "$want" && "$want" == "$have" ]] \
        || die "the extension was built for PHP API $want, php$PHPV here is $have"
    say "PHP API $have; built with php$PHPV-dev $dev, runtime php$PHPV-cli $(dpkg-query -W -f='${Version}' "php$PHPV-cli")"

    SAPIS="cli fpm" PHPV=$PHPV "$dir/install.sh" install "$dir/$MODULE.so"

    # The container's php-fpm settings (stderr logging, listen on :9000), and the
    # directory of the pid file, which systemd would make on a normal system.
    install -d "$DESTDIR/etc/php/$PHPV/fpm/pool.d" "$DESTDIR/run/php"
    install -m 0644 "$dir/php-fpm-docker.conf" "$DESTDIR/etc/php/$PHPV/fpm/pool.d/zz-docker.conf"
    # The image's CMD runs `php-fpm`, whichever PHP version it has.
    install -d "$DESTDIR/usr/local/sbin"
    ln -sfn "/usr/sbin/php-fpm$PHPV" "$DESTDIR/usr/local/sbin/php-fpm"

    SAPIS="cli fpm" PHPV=$PHPV "$dir/install.sh" verify installed
    fpm_config_test
    apt_clean
}

# php-fpm -t on the configuration the image runs with. Staged, the live php-fpm.conf and
# pools are read with the staged zz-docker.conf after them (php-fpm.conf's include is an
# absolute path, so it cannot be pointed at the staging root).
fpm_config_test() {
    local out rc=0
    if [[ -z "$DESTDIR" ]]; then
        out=$("php-fpm$PHPV" -t 2>&1) || rc=$?
    else
        local tmp
        tmp=$(mktemp -d)
        {
            echo "[global]"
            echo "pid = $tmp/php-fpm.pid"
            echo "error_log = $tmp/php-fpm.log"
            echo "include = /etc/php/$PHPV/fpm/pool.d/*.conf"
            echo "include = $DESTDIR/etc/php/$PHPV/fpm/pool.d/zz-docker.conf"
        } >"$tmp/php-fpm.conf"
        out=$(PHP_INI_SCAN_DIR="$DESTDIR/etc/php/$PHPV/fpm/conf.d" "php-fpm$PHPV" \
            -d "extension_dir=$DESTDIR$(PHPV=$PHPV "$HERE/install.sh" extension-dir)" -t -y "$tmp/php-fpm.conf" 2>&1) || rc=$?
        rm -rf "$tmp"
    fi
    [[ $rc -eq 0 ]] || die "php-fpm$PHPV -t failed: $out"
    say "ok: php-fpm$PHPV -t: configuration test is successful"
}

case "${1:-}" in
    build) shift; step_build "$@" ;;
    runtime) shift; step_runtime "$@" ;;
    *) sed -n '2,3p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
