#!/usr/bin/env bash
# usage: packaging/install.sh build
#        packaging/install.sh install [EXTENSION.so]
#        packaging/install.sh uninstall
#        packaging/install.sh verify installed|absent
#        packaging/install.sh extension-dir
#
# Installs the extension into Debian's PHP 8.2 (the one php8.2-* packages set up),
# the way Debian installs its own extensions. `make install` / `make uninstall` call
# this, and so do the Docker image's build steps (packaging/build-image-steps.sh), so
# both install exactly the same files.
#
#   build      cargo build --release against PHP 8.2's headers; prints the .so's path.
#   install    the .so into the extension dir (php-config8.2 --extension-dir, or
#              PHP_EXTENSION_DIR of php8.2 where php8.2-dev is not installed),
#              appengine_sockets.ini into /etc/php/8.2/mods-available/ (plus a pristine
#              copy and the stub in /usr/share/appengine_sockets/), then
#              `phpenmod -v 8.2 -s SAPI appengine_sockets` for each SAPI.
#              Default .so: target/release/libappengine_sockets.so.
#   uninstall  reverses it: phpdismod (with -p: phpenmod's state is purged too),
#              removes the conf.d links, the .so and the ini files.
#   verify     `installed`: php8.2 -m and php-fpm8.2 -m list the module and it starts
#              without a warning, enforcing; `absent`: neither lists it, no file is left.
#
# Environment:
#   DESTDIR    install into (or uninstall from, verify) this staging root instead of the
#              live system. phpenmod cannot work there, so the conf.d links it would make
#              are made directly (relative, so the staged tree can be checked in place).
#   SAPIS      SAPIs to enable (default "cli fpm"; ALL: every SAPI with a conf.d dir).
#              One whose /etc/php/8.2/SAPI/conf.d does not exist is skipped, with a note.
#   PURGE=1    uninstall: also remove a mods-available ini with local changes (by default
#              it is kept, disabled, and reused by the next install).
#   CARGO_TARGET_DIR, AES_CARGO_LOCKED=1 (build: cargo build --locked).
#
# An ini with local changes is never overwritten: install keeps it and writes the new
# one beside it as appengine_sockets.ini.dist (as dpkg does with a changed conffile).
set -euo pipefail

MODULE=appengine_sockets
PHPV=8.2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DESTDIR=${DESTDIR:-}
SAPIS=${SAPIS:-cli fpm}
ETC=/etc/php/$PHPV
AVAIL=$ETC/mods-available/$MODULE.ini
SHARE=/usr/share/$MODULE
PRISTINE=$SHARE/$MODULE.ini

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# The shipped ini: beside this script (packaging/ in the repo, the image's staging dir).
shipped_ini() {
    [[ -f "$HERE/$MODULE.ini" ]] || die "$HERE/$MODULE.ini not found"
    echo "$HERE/$MODULE.ini"
}

# The stub, if there is one to install (optional).
shipped_stub() {
    local f
    for f in "$HERE/$MODULE.stub.php" "$HERE/../stubs/$MODULE.stub.php"; do
        if [[ -f "$f" ]]; then echo "$f"; return; fi
    done
}

php_bin() {
    command -v "php$PHPV" >/dev/null || die "php$PHPV not found (apt-get install php$PHPV-cli)"
    echo "php$PHPV"
}

# PHP 8.2's extension dir: php-config8.2 (php8.2-dev) if present, else the one php8.2
# was compiled with (the runtime image has no php8.2-dev). Both give the same path.
ext_dir() {
    local d
    if command -v "php-config$PHPV" >/dev/null; then
        d=$("php-config$PHPV" --extension-dir)
    else
        d=$("$(php_bin)" -n -r 'echo PHP_EXTENSION_DIR;')
    fi
    [[ "$d" == /* ]] || die "cannot tell PHP $PHPV's extension dir (got '$d')"
    echo "$d"
}

# The SAPIs to act on: those named in SAPIS (ALL: every SAPI of the live system) whose
# conf.d exists. Staging (DESTDIR) makes the staged conf.d dirs it needs.
sapis() {
    local s list=()
    if [[ "$SAPIS" == ALL ]]; then
        for s in "$ETC"/*/conf.d; do
            [[ -d "$s" ]] && list+=("$(basename "$(dirname "$s")")")
        done
    else
        read -r -a list <<<"$SAPIS"
    fi
    for s in "${list[@]}"; do
        if [[ -n "$DESTDIR" ]]; then
            install -d "$DESTDIR$ETC/$s/conf.d"
            echo "$s"
        elif [[ -d "$ETC/$s/conf.d" ]]; then
            echo "$s"
        else
            say "note: $ETC/$s/conf.d does not exist (php$PHPV-$s not installed?): not enabling for $s" >&2
        fi
    done
}

# The priority phpenmod reads from the ini's "; priority=NN" line (default 20).
priority() {
    local p
    p=$(sed -ne 's/^;[[:space:]]*priority[[:space:]]*=[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$/\1/p' "$1" | head -n 1)
    echo "${p:-20}"
}

# Where cargo puts the release build (CARGO_TARGET_DIR, if relative, is relative to the
# source tree, where the build runs).
built_so() {
    local root t=${CARGO_TARGET_DIR:-target}
    root=$(cd "$HERE/.." && pwd)
    if [[ "$t" != /* ]]; then t=$root/$t; fi
    realpath -m "$t/release/lib$MODULE.so"
}

need_root() {
    if [[ -z "$DESTDIR" && $EUID -ne 0 ]]; then
        die "must run as root to change the system's PHP (or set DESTDIR to stage the files)"
    fi
}

cmd_build() {
    local root so
    root=$(cd "$HERE/.." && pwd)
    [[ -f "$root/Cargo.toml" ]] || die "no Cargo.toml in $root: build runs from the source tree"
    so=$(built_so)
    # Non-login shells (CI, sudo) may not have rustup's ~/.cargo/bin on PATH.
    if ! command -v cargo >/dev/null; then
        local d
        for d in "${CARGO_HOME:-}/bin" "$HOME/.cargo/bin"; do
            if [[ -x "$d/cargo" ]]; then PATH="$d:$PATH"; break; fi
        done
    fi
    if ! command -v cargo >/dev/null; then
        # `make && sudo make install`: root may have no Rust; use what `make` built.
        [[ -f "$so" ]] || die "cargo not found and $so not built (install Rust with rustup, or run make first)"
        say "cargo not found: installing the existing build $so ($(date -r "$so" '+%F %T'))" >&2
        echo "$so"
        return
    fi
    # Compile against PHP 8.2's headers. ext-php-rs runs `php` and `php-config` from
    # PATH unless PHP/PHP_CONFIG say otherwise; they are only set when PATH's are not
    # 8.2's, because changing them makes cargo redo the whole build.
    local php_config php
    php_config=$(command -v "php-config$PHPV") || die "php-config$PHPV not found (apt-get install php$PHPV-dev)"
    php=$(command -v "php$PHPV") || die "php$PHPV not found (apt-get install php$PHPV-cli)"
    if [[ -z "${PHP_CONFIG:-}" && "$(realpath "$(command -v php-config || echo /nonexistent)" 2>/dev/null)" != "$(realpath "$php_config")" ]]; then
        export PHP_CONFIG=$php_config
    fi
    if [[ -z "${PHP:-}" && "$(realpath "$(command -v php || echo /nonexistent)" 2>/dev/null)" != "$(realpath "$php")" ]]; then
        export PHP=$php
    fi
    local locked=()
    if [[ "${AES_CARGO_LOCKED:-0}" == 1 ]]; then locked=(--locked); fi
    (cd "$root" && cargo build --release "${locked[@]}" >&2)
    [[ -f "$so" ]] || die "cargo build succeeded but $so is missing"
    echo "$so"
}

cmd_install() {
    need_root
    local so=${1:-}
    if [[ -z "$so" ]]; then
        so=$(built_so)
    fi
    [[ -f "$so" ]] || die "$so not found (run: packaging/install.sh build, or make)"
    local ini stub extdir s prio
    ini=$(shipped_ini)
    stub=$(shipped_stub)
    extdir=$(ext_dir)

    # The module: copied beside, then renamed over the old one, so a running php-fpm
    # (which has the old file mapped) is never handed a half-written file.
    install -d "$DESTDIR$extdir"
    install -m 0644 "$so" "$DESTDIR$extdir/.$MODULE.so.new"
    mv -f "$DESTDIR$extdir/.$MODULE.so.new" "$DESTDIR$extdir/$MODULE.so"
    say "installed $DESTDIR$extdir/$MODULE.so"

    # The ini: replace it only if it is absent or unchanged since the last install.
    install -d "$DESTDIR$ETC/mods-available" "$DESTDIR$SHARE"
    if [[ ! -e "$DESTDIR$AVAIL" ]] || cmp -s "$DESTDIR$AVAIL" "$ini" \
        || { [[ -f "$DESTDIR$PRISTINE" ]] && cmp -s "$DESTDIR$AVAIL" "$DESTDIR$PRISTINE"; }; then
        install -m 0644 "$ini" "$DESTDIR$AVAIL"
        rm -f "$DESTDIR$AVAIL.dist"
        say "installed $DESTDIR$AVAIL"
    else
        install -m 0644 "$ini" "$DESTDIR$AVAIL.dist"
        say "kept $DESTDIR$AVAIL: it has local changes; the new defaults are in $AVAIL.dist"
    fi
    install -m 0644 "$ini" "$DESTDIR$PRISTINE"
    if [[ -n "$stub" ]]; then
        install -m 0644 "$stub" "$DESTDIR$SHARE/$MODULE.stub.php"
    fi

    # Enable it per SAPI.
    prio=$(priority "$DESTDIR$AVAIL")
    local enabled=()
    while read -r s; do
        [[ -n "$s" ]] || continue
        local link=$DESTDIR$ETC/$s/conf.d/$prio-$MODULE.ini
        if [[ -n "$DESTDIR" ]]; then
            ln -sfn "../../mods-available/$MODULE.ini" "$link"
        else
            phpenmod -v "$PHPV" -s "$s" "$MODULE"
        fi
        # phpenmod exits 0 even when it declined (it only warns): check its work.
        [[ -L "$link" && -e "$link" ]] || die "$link was not created (see phpenmod's warning above)"
        enabled+=("$s")
    done < <(sapis)
    [[ ${#enabled[@]} -gt 0 ]] || die "enabled for no SAPI (SAPIS='$SAPIS')"
    say "enabled for: ${enabled[*]} (links $ETC/<sapi>/conf.d/$prio-$MODULE.ini)"
    if [[ -z "$DESTDIR" && " ${enabled[*]} " == *" fpm "* ]]; then
        say "restart php-fpm to load it there (e.g. systemctl restart php$PHPV-fpm)"
    fi
}

cmd_uninstall() {
    need_root
    local extdir d s link
    extdir=$(ext_dir)

    # Disable everywhere it is enabled (every SAPI, not only SAPIS: undo SAPIS=ALL too).
    if [[ -z "$DESTDIR" && -e "$AVAIL" ]]; then
        for d in "$ETC"/*/conf.d; do
            [[ -d "$d" ]] || continue
            s=$(basename "$(dirname "$d")")
            # -p purges phpenmod's record (/var/lib/php/modules/) as well. Per SAPI:
            # phpdismod only purges the record of the last SAPI it was given.
            phpdismod -p -v "$PHPV" -s "$s" "$MODULE"
            say "disabled for $s (phpdismod -p -v $PHPV -s $s $MODULE)"
        done
    fi
    # Links phpdismod did not find (an ini whose priority was edited, DESTDIR, ...).
    for link in "$DESTDIR$ETC"/*/conf.d/*-"$MODULE".ini; do
        [[ -L "$link" ]] || continue
        case "$(readlink "$link")" in
            "$AVAIL" | "../../mods-available/$MODULE.ini") rm -f "$link"; say "removed $link" ;;
            *) say "left $link: it does not point at $AVAIL" ;;
        esac
    done
    if [[ -z "$DESTDIR" ]]; then
        for s in cli fpm apache2 cgi embed phpdbg; do
            rm -f "/var/lib/php/modules/$PHPV/$s/"{enabled,disabled}_by_{admin,maint}"/$MODULE"
        done
    fi

    if [[ -e "$DESTDIR$extdir/$MODULE.so" ]]; then
        rm -f "$DESTDIR$extdir/$MODULE.so"
        say "removed $DESTDIR$extdir/$MODULE.so"
    fi

    local ini
    ini=$(shipped_ini)
    if [[ -e "$DESTDIR$AVAIL" ]]; then
        if [[ "${PURGE:-0}" == 1 ]] || cmp -s "$DESTDIR$AVAIL" "$ini" \
            || { [[ -f "$DESTDIR$PRISTINE" ]] && cmp -s "$DESTDIR$AVAIL" "$DESTDIR$PRISTINE"; }; then
            rm -f "$DESTDIR$AVAIL"
            say "removed $DESTDIR$AVAIL"
        else
            say "kept $DESTDIR$AVAIL (disabled): it has local changes; PURGE=1 removes it"
        fi
    fi
    rm -f "$DESTDIR$AVAIL.dist"
    rm -rf -- "$DESTDIR$SHARE"
    if [[ -z "$DESTDIR" ]] && pgrep -x "php-fpm$PHPV" >/dev/null 2>&1; then
        say "php-fpm$PHPV is running with the module still loaded: restart it"
    fi
}

# PHPCMD: the PHP command line to check SAPI with: the live system's, or for a staged
# tree one that scans only the staged conf.d, with the staged extension_dir.
PHPCMD=()
php_cmd() {
    local sapi=$1 bin
    case "$sapi" in
        cli) bin=$(php_bin) ;;
        fpm) bin=$(command -v "php-fpm$PHPV") || die "php-fpm$PHPV not found" ;;
        *) die "cannot check SAPI $sapi" ;;
    esac
    if [[ -n "$DESTDIR" ]]; then
        PHPCMD=(env "PHP_INI_SCAN_DIR=$DESTDIR$ETC/$sapi/conf.d" "$bin" -d "extension_dir=$DESTDIR$(ext_dir)")
    else
        PHPCMD=("$bin")
    fi
}

cmd_verify() {
    local want=${1:-} s out fails=0 extdir cmd=()
    [[ "$want" == installed || "$want" == absent ]] || die "usage: verify installed|absent"
    extdir=$(ext_dir)
    local checked=()
    for s in cli fpm; do
        case "$s" in
            cli) [[ -d "$DESTDIR$ETC/cli" ]] || continue ;;
            fpm) if [[ ! -d "$DESTDIR$ETC/fpm" ]] || ! command -v "php-fpm$PHPV" >/dev/null; then continue; fi ;;
        esac
        # installed: check the SAPIs it was enabled for; absent: every SAPI there is.
        if [[ "$want" == installed ]] && ! compgen -G "$DESTDIR$ETC/$s/conf.d/*-$MODULE.ini" >/dev/null; then
            if [[ " $SAPIS " == *" $s "* || "$SAPIS" == ALL ]]; then
                say "FAIL: $s: not enabled ($ETC/$s/conf.d has no $MODULE ini)"; fails=$((fails + 1))
            fi
            continue
        fi
        php_cmd "$s"; cmd=("${PHPCMD[@]}")
        out=$("${cmd[@]}" -d display_startup_errors=1 -d error_reporting=-1 -m 2>&1) || {
            say "FAIL: $s: ${cmd[*]} -m exited non-zero: $out"; fails=$((fails + 1)); continue; }
        if [[ "$want" == installed ]]; then
            if ! grep -qx "$MODULE" <<<"$out"; then
                say "FAIL: $s: ${cmd[*]} -m does not list $MODULE"; fails=$((fails + 1))
            elif grep -qiE 'warning|error' <<<"$out"; then
                say "FAIL: $s: start-up message: $(grep -iE 'warning|error' <<<"$out" | head -n 3)"; fails=$((fails + 1))
            else
                say "ok: $s: ${cmd[*]} -m lists $MODULE, no start-up warning"
            fi
        else
            if grep -qx "$MODULE" <<<"$out"; then
                say "FAIL: $s: ${cmd[*]} -m still lists $MODULE"; fails=$((fails + 1))
            else
                say "ok: $s: ${cmd[*]} -m does not list $MODULE"
            fi
        fi
        checked+=("$s")
    done
    [[ ${#checked[@]} -gt 0 ]] || { say "FAIL: no SAPI to check"; fails=$((fails + 1)); }

    if [[ "$want" == installed ]]; then
        # Loaded from the conf.d ini with the shipped defaults, and enforcing.
        php_cmd cli; cmd=("${PHPCMD[@]}")
        out=$("${cmd[@]}" --ri "$MODULE" 2>&1 || true)
        if grep -q '^App Engine socket rules => enforced$' <<<"$out"; then
            say "ok: cli: php --ri $MODULE: enforced"
        else
            say "FAIL: cli: php --ri $MODULE does not say 'enforced': $(head -n 5 <<<"$out")"; fails=$((fails + 1))
        fi
        out=$("${cmd[@]}" --ini 2>&1 || true)
        if grep -q -- "-$MODULE.ini" <<<"$out"; then
            say "ok: cli: php --ini lists $(grep -o -- "[^ ,]*-$MODULE.ini" <<<"$out" | head -n 1)"
        else
            say "FAIL: cli: php --ini does not list the $MODULE conf.d ini"; fails=$((fails + 1))
        fi
    else
        local f left=()
        for f in "$DESTDIR$extdir/$MODULE.so" "$DESTDIR$SHARE" "$DESTDIR$ETC"/*/conf.d/*-"$MODULE".ini \
            "$DESTDIR/var/lib/php/modules/$PHPV"/*/*_by_*/"$MODULE"; do
            if [[ -e "$f" || -L "$f" ]]; then left+=("$f"); fi
        done
        # An ini with local changes is kept on purpose (unless PURGE=1); the shipped one is not.
        if [[ -e "$DESTDIR$AVAIL" ]] && { [[ "${PURGE:-0}" == 1 ]] || cmp -s "$DESTDIR$AVAIL" "$(shipped_ini)"; }; then
            left+=("$DESTDIR$AVAIL")
        fi
        if [[ ${#left[@]} -gt 0 ]]; then
            say "FAIL: left behind: ${left[*]}"; fails=$((fails + 1))
        elif [[ -e "$DESTDIR$AVAIL" ]]; then
            say "ok: no file of $MODULE is left but $DESTDIR$AVAIL (kept, disabled: it has local changes)"
        else
            say "ok: no file of $MODULE is left"
        fi
    fi
    [[ $fails -eq 0 ]] || die "verify $want: $fails check(s) failed"
}

case "${1:-}" in
    build) shift; cmd_build "$@" ;;
    install) shift; cmd_install "$@" ;;
    uninstall) shift; cmd_uninstall "$@" ;;
    verify) shift; cmd_verify "$@" ;;
    extension-dir) ext_dir ;;
    *) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
