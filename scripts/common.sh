# shellcheck shell=bash
# Sourced by scripts/demo.sh and scripts/test.sh: the repo root as cwd, cargo
# on PATH, and AES_EXT = the extension that `cargo build --release` makes.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

# CI shells are often not login shells, so rustup's ~/.cargo/bin may be missing
# from PATH even though the toolchain is installed.
if ! command -v cargo >/dev/null; then
    for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin"; do
        if [[ -x "$d/cargo" ]]; then PATH="$d:$PATH"; break; fi
    done
fi
command -v cargo >/dev/null || { echo "$0: cargo not found (install Rust with rustup)" >&2; exit 1; }

# Where cargo puts the build (CARGO_TARGET_DIR, if relative, is relative to the
# cwd, which is ROOT here); test-php.sh reads AES_EXT.
AES_EXT=$(realpath -m "${CARGO_TARGET_DIR:-target}/release/libappengine_sockets.so")
export AES_EXT PATH
