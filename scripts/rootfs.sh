#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted $1/$@ are the inner shell's
# usage: scripts/rootfs.sh COMMAND [ARGS...]     (as root)
#
# Runs COMMAND inside the Debian 13 root file system that scripts/matrix-setup.sh
# keeps (PHP 8.4 from Debian 13's packages, and the ZTS PHP built from Debian 13's
# php8.4 source under /opt/appengine-sockets/php-8.4-zts), entered with chroot; with
# AES_ROOTFS=sid, the unstable one instead (PHP 8.5, and 8.6 if set up: matrix-setup.sh --sid).
# The repository and the Rust toolchain are bind-mounted at the same paths as on
# this machine, so COMMAND can `cargo build` the checkout and write target/.
# Everything happens in a private mount namespace: the bind mounts (and /proc,
# /dev, /sys) vanish with it, nothing is left mounted on the host, and the host's
# own /etc, apt sources and PHP are never touched. The working directory inside
# is the repository root. Exit status: COMMAND's; 2 if the root fs is missing.
#   AES_MATRIX_CACHE   the cache directory (default /var/cache/appengine-sockets/matrix)
#   AES_ROOTFS         trixie (default) or sid
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${AES_MATRIX_CACHE:-/var/cache/appengine-sockets/matrix}
RFS=$CACHE/${AES_ROOTFS:-trixie}
[[ ${AES_ROOTFS:-trixie} == trixie || ${AES_ROOTFS:-} == sid ]] || { echo "rootfs.sh: AES_ROOTFS is trixie or sid" >&2; exit 2; }
[[ $# -ge 1 ]] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
[[ -f "$RFS/.aes-ready" ]] || { echo "rootfs.sh: $RFS is not set up (scripts/matrix-setup.sh)" >&2; exit 2; }
[[ $EUID -eq 0 ]] || { echo "rootfs.sh: must run as root (chroot, mount)" >&2; exit 2; }

if [[ "${_AES_ROOTFS_INNER:-}" != 1 ]]; then
    exec unshare --mount --propagation private -- env _AES_ROOTFS_INNER=1 bash "${BASH_SOURCE[0]}" "$@"
fi
unset _AES_ROOTFS_INNER

# Same-path bind mounts: the checkout, and cargo/rustup homes (toolchain, crate cache).
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
bind() {  # bind DIR [ro]
    [[ -d "$1" ]] || return 0
    mkdir -p "$RFS$1"
    mount --bind "$1" "$RFS$1"
    if [[ "${2:-}" == ro ]]; then mount -o remount,bind,ro "$RFS$1"; fi
}
# The root fs must be a mount point of its own: `unshare --mount` inside (the tests'
# network namespaces) changes the propagation of /, which fails on a plain directory.
mount --bind "$RFS" "$RFS"
mount -t proc proc "$RFS/proc"
mount --rbind /dev "$RFS/dev"
mount --rbind /sys "$RFS/sys"
mount -t tmpfs -o size=4g tmpfs "$RFS/tmp"
bind "$ROOT"
bind "$CARGO_HOME"
bind "$RUSTUP_HOME" ro
# A git worktree's .git is a file pointing into the main checkout's .git: make that
# readable too (read-only), so git works inside.
common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
if [[ -n "$common" && "$common" != "$ROOT"/* ]]; then bind "$common" ro; fi
cp -L /etc/resolv.conf "$RFS/etc/resolv.conf" 2>/dev/null || true

# A clean environment: the host's PATH entries (pyenv, /usr/local) mean nothing inside.
keep=()
for v in AES_EXT AES_PHPT_JOBS AES_NETNS_KEEP AES_FPM_KEEP AES_QUICK CARGO_TARGET_DIR PHP_CONFIG TERM \
         AES_MEMCHECK_JOBS RUST_BACKTRACE; do
    [[ -n "${!v:-}" ]] && keep+=("$v=${!v}")
done
exec chroot "$RFS" /usr/bin/env -i HOME="$HOME" CARGO_HOME="$CARGO_HOME" RUSTUP_HOME="$RUSTUP_HOME" \
    RUSTUP_AUTO_INSTALL=0 LANG=C.UTF-8 \
    PATH="$CARGO_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "${keep[@]}" \
    /bin/bash -c 'cd "$1" && shift && exec "$@"' rootfs "$ROOT" "$@"
