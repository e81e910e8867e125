#!/usr/bin/env bash
# usage: scripts/release-binaries.sh [--out DIR] [PHP...]     (as root)
#
# The pre-packaged binaries PIE (1.4 and later) looks for among a release's assets, one per
# PHP of the matrix (default: 8.2 8.4 8.4-zts 8.5, scripts/matrix.sh's names), each built
# against that PHP (8.4 and 8.5 in the matrix's root file systems, scripts/rootfs.sh) into
# its own target dir, then zipped as PIE's documentation for extension maintainers names
# them (its 1.4.x "pre-packaged-binary" naming):
#   php_appengine_sockets-{Version}_php{X.Y}-{arch}-linux-glibc-{nts|zts}.zip
# holding appengine_sockets.so at the top, and SHA256SUMS over the zips. {Version} is the
# crate's version (Cargo.toml), or RELEASE_VERSION (the tag without a leading v) when set;
# {arch} is uname -m (x86_64). Only glibc: Debian has no PHP built against musl (musl-tools
# gives a C library and compiler, not a PHP), so no -musl binary can be built or loaded
# here. Each zip is checked: its PHP loads the .so from it (php -n -d extension=PATH).
# Output: DIR (default target/release-binaries/; under the repository, which the root file
# systems see), emptied first.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/target/release-binaries WANT=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) OUT=$(realpath -m "$2"); shift 2 ;;
        8.2 | 8.4 | 8.4-zts | 8.5) WANT+=("$1"); shift ;;
        *) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[[ ${#WANT[@]} -gt 0 ]] || WANT=(8.2 8.4 8.4-zts 8.5)
command -v zip >/dev/null || { echo "release-binaries: zip not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
VERSION=${RELEASE_VERSION:-$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)}
VERSION=${VERSION#v}
ARCH=$(uname -m)
rm -rf "$OUT"
mkdir -p "$OUT"

# build LABEL TS ROOTFS PHP_CONFIG: build against that PHP, zip, check it loads.
build() {
    local majmin=$1 ts=$2 rootfs=$3 config=$4
    local target=target/php-$majmin-$ts zip
    [[ $majmin == 8.2 && $ts == nts ]] && target=target
    zip=php_appengine_sockets-${VERSION}_php$majmin-$ARCH-linux-glibc-$ts.zip
    echo "release-binaries: $zip (PHP_CONFIG=$config${rootfs:+, in the $rootfs root fs})"
    local stage=$OUT/.stage-$majmin-$ts
    mkdir -p "$stage"
    # shellcheck disable=SC2016  # the inner shell's variables
    local inner='source scripts/php-env.sh
        [[ "$PHP_MAJMIN" == "$1" ]] || { echo "php-config is PHP $PHP_MAJMIN, not $1" >&2; exit 1; }
        [[ "$PHP_ZTS" == "$([[ $2 == zts ]] && echo 1 || echo 0)" ]] || { echo "thread safety is not $2" >&2; exit 1; }
        env PHP="$PHP_BIN" cargo build --release --locked >/dev/null
        cp "$CARGO_TARGET_DIR/release/libappengine_sockets.so" "$3/appengine_sockets.so"
        "$PHP_BIN" -n -d "extension=$3/appengine_sockets.so" -r "exit(extension_loaded(\"appengine_sockets\") ? 0 : 1);" \
            || { echo "PHP $1 $2 does not load $3/appengine_sockets.so" >&2; exit 1; }'
    if [[ -z "$rootfs" ]]; then
        env PHP_CONFIG="$config" CARGO_TARGET_DIR="$ROOT/$target" bash -euo pipefail -c "$inner" _ "$majmin" "$ts" "$stage"
    else
        env AES_ROOTFS="$rootfs" PHP_CONFIG="$config" CARGO_TARGET_DIR="$ROOT/$target" \
            scripts/rootfs.sh bash -euo pipefail -c "$inner" _ "$majmin" "$ts" "$stage"
    fi
    (cd "$stage" && zip -q -X "$OUT/$zip" appengine_sockets.so)
    # The zip holds exactly the module PHP loaded, at its top.
    python3 - "$OUT/$zip" "$stage/appengine_sockets.so" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.namelist() == ["appengine_sockets.so"], z.namelist()
assert z.read("appengine_sockets.so") == open(sys.argv[2], "rb").read(), "content differs"
PY
    rm -rf "$stage"
}
for w in "${WANT[@]}"; do
    case "$w" in
        8.2) build 8.2 nts "" /usr/bin/php-config8.2 ;;
        8.4) build 8.4 nts trixie /usr/bin/php-config8.4 ;;
        8.4-zts) build 8.4 zts trixie /opt/appengine-sockets/php-8.4-zts/bin/php-config ;;
        8.5) build 8.5 nts sid /usr/bin/php-config8.5 ;;
    esac
done
(cd "$OUT" && sha256sum -- *.zip >SHA256SUMS)
echo "release-binaries: $(find "$OUT" -name '*.zip' | wc -l) zips and SHA256SUMS in $OUT"
cat "$OUT/SHA256SUMS"
