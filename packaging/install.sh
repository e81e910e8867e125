#!/usr/bin/env bash
# usage: packaging/install.sh build
#        packaging/install.sh install [EXTENSION.so]
#        packaging/install.sh uninstall
#        packaging/install.sh verify installed|absent
#        packaging/install.sh extension-dir
#
# Installs the extension into a PHP. `make install` / `make uninstall` call this, and
# so do the Docker image's build steps (packaging/build-image-steps.sh), so both
# install exactly the same files. Two layouts:
#   Debian     Debian's phpX.Y packages (default: Debian 12's PHP 8.2; Debian 13's 8.4
#              too): the way Debian installs its own extensions, below.
#   prefix     a PHP built from source under its own prefix, as in the official php:*
#              images (/usr/local): one conf.d for every SAPI (php-config --ini-dir).
# Which PHP: PHP_CONFIG (its php-config; its layout is told from its ini path), else
# PHPV (X.Y, Debian's phpX.Y; default 8.2).
#
#   build      cargo build --release against that PHP's headers; prints the .so's path.
#   install    Debian: the .so into the extension dir (php-configX.Y --extension-dir, or
#              PHP_EXTENSION_DIR of phpX.Y where phpX.Y-dev is not installed),
#              appengine_sockets.ini into /etc/php/X.Y/mods-available/ (plus a pristine
#              copy and the stub in /usr/share/appengine_sockets/), then
#              `phpenmod -v X.Y -s SAPI appengine_sockets` for each SAPI.
#              prefix: the .so into php-config --extension-dir, appengine_sockets.ini
#              into php-config --ini-dir (pristine copy and stub in PREFIX/share/
#              appengine_sockets/); SAPIS does not apply (one conf.d).
#              Default .so: target/release/libappengine_sockets.so.
#   uninstall  reverses it: phpdismod (with -p: phpenmod's state is purged too),
#              removes the conf.d links, the .so and the ini files.
#   verify     `installed`: php -m and php-fpm -m list the module and it starts
#              without a warning, enforcing; `absent`: neither lists it, no file is left.
#
# Environment:
#   PHP_CONFIG the php-config of the PHP to build against and install into.
#   PHPV       Debian layout without PHP_CONFIG: the phpX.Y packages (default 8.2).
#   DESTDIR    install into (or uninstall from, verify) this staging root instead of the
#              live system. phpenmod cannot work there, so the conf.d links it would make
#              are made directly (relative, so the staged tree can be checked in place).
#   SAPIS      SAPIs to enable (default "cli fpm"; ALL: every SAPI with a conf.d dir).
#              One whose /etc/php/X.Y/SAPI/conf.d does not exist is skipped, with a note.
#   PURGE=1    uninstall: also remove a mods-available ini with local changes (by default
#              it is kept, disabled, and reused by the next install).
#   CARGO_TARGET_DIR, AES_CARGO_LOCKED=1 (build: cargo build --locked).
#
# An ini with local changes is never overwritten: install keeps it and writes the new
# one beside it as appengine_sockets.ini.dist (as dpkg does with a changed conffile).
set -euo pipefail

MODULE=appengine_sockets
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DESTDIR=${DESTDIR:-}
SAPIS=${SAPIS:-cli fpm}

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# The PHP: LAYOUT (debian|prefix), PHPV (X.Y), PHPCFG (php-config, if any), PHPBIN, FPMBIN.
PHPCFG=${PHP_CONFIG:-}
if [[ -n "$PHPCFG" ]]; then
    PHPCFG=$(command -v "$PHPCFG") || die "PHP_CONFIG=$PHP_CONFIG: no such php-config"
    PHPV=$("$PHPCFG" --version | cut -d. -f1,2)
    PHPBIN=$("$PHPCFG" --php-binary)
    if [[ "$("$PHPCFG" --ini-path)" == "/etc/php/$PHPV/"* ]]; then LAYOUT=debian; else LAYOUT=prefix; fi
else
    PHPV=${PHPV:-8.2}
    PHPBIN=php$PHPV
    LAYOUT=debian
    if command -v "php-config$PHPV" >/dev/null; then PHPCFG=$(command -v "php-config$PHPV"); fi
fi
if [[ $LAYOUT == debian ]]; then
    ETC=/etc/php/$PHPV
    AVAIL=$ETC/mods-available/$MODULE.ini
    SHARE=/usr/share/$MODULE
    FPMBIN=php-fpm$PHPV
else
    PREFIX=$("$PHPCFG" --prefix)
    CONFD=$("$PHPCFG" --ini-dir)
    [[ "$CONFD" == /* ]] || die "$PHPCFG has no ini scan dir (--with-config-file-scan-dir): nowhere to enable $MODULE"
    AVAIL=$CONFD/$MODULE.ini
    SHARE=$PREFIX/share/$MODULE
    FPMBIN=$PREFIX/sbin/php-fpm
fi
PRISTINE=$SHARE/$MODULE.ini

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
    command -v "$PHPBIN" >/dev/null || die "$PHPBIN not found (apt-get install php$PHPV-cli)"
    echo "$PHPBIN"
}

# The extension dir: php-config's (phpX.Y-dev) if present, else the one the PHP was
# compiled with (the runtime image has no phpX.Y-dev). Both give the same path.
ext_dir() {
    local d
    if [[ -n "$PHPCFG" ]]; then
        d=$("$PHPCFG" --extension-dir)
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
    # Compile against this PHP's headers. ext-php-rs runs `php` and `php-config` from
    # PATH unless PHP/PHP_CONFIG say otherwise; they are only set when PATH's are not
    # this PHP's, because changing them makes cargo redo the whole build.
    local php_config php
    php_config=$PHPCFG
    [[ -n "$php_config" ]] || die "php-config$PHPV not found (apt-get install php$PHPV-dev)"
    php=$(command -v "$PHPBIN") || die "$PHPBIN not found (apt-get install php$PHPV-cli)"
    if [[ -n "${PHP_CONFIG:-}" ]]; then
        # Chosen explicitly: build against exactly it.
        export PHP_CONFIG=$php_config PHP=$php
    fi
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
    install -d "$DESTDIR$(dirname "$AVAIL")" "$DESTDIR$SHARE"
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

    if [[ $LAYOUT == prefix ]]; then
        # One conf.d for every SAPI: the ini there is what enables it.
        say "enabled for every SAPI of $PREFIX ($CONFD/$MODULE.ini)"
        if [[ -z "$DESTDIR" && -x "$FPMBIN" ]]; then say "restart php-fpm to load it there"; fi
        return
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
    if [[ $LAYOUT == debian && -z "$DESTDIR" && -e "$AVAIL" ]]; then
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
    [[ $LAYOUT == debian ]] && for link in "$DESTDIR$ETC"/*/conf.d/*-"$MODULE".ini; do
        [[ -L "$link" ]] || continue
        case "$(readlink "$link")" in
            "$AVAIL" | "../../mods-available/$MODULE.ini") rm -f "$link"; say "removed $link" ;;
            *) say "left $link: it does not point at $AVAIL" ;;
        esac
    done
    if [[ $LAYOUT == debian && -z "$DESTDIR" ]]; then
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
        elif [[ $LAYOUT == prefix ]]; then
            # In conf.d it would still load the removed module: kept, renamed out of the scan.
            mv -f "$DESTDIR$AVAIL" "$DESTDIR$AVAIL.disabled"
            say "kept $DESTDIR$AVAIL as $AVAIL.disabled: it has local changes; PURGE=1 removes it"
        else
            say "kept $DESTDIR$AVAIL (disabled): it has local changes; PURGE=1 removes it"
        fi
    fi
    rm -f "$DESTDIR$AVAIL.dist"
    rm -rf -- "$DESTDIR$SHARE"
    if [[ -z "$DESTDIR" ]] && pgrep -x "$(basename "$FPMBIN")" >/dev/null 2>&1; then
        say "$(basename "$FPMBIN") is running with the module still loaded: restart it"
    fi
}

# PHPCMD: the PHP command line to check SAPI with: the live system's, or for a staged
# tree one that scans only the staged conf.d, with the staged extension_dir.
PHPCMD=()
php_cmd() {
    local sapi=$1 bin
    case "$sapi" in
        cli) bin=$(php_bin) ;;
        fpm) bin=$(command -v "$FPMBIN") || die "$FPMBIN not found" ;;
        *) die "cannot check SAPI $sapi" ;;
    esac
    if [[ -n "$DESTDIR" && $LAYOUT == prefix ]]; then
        PHPCMD=(env "PHP_INI_SCAN_DIR=$DESTDIR$CONFD" "$bin" -d "extension_dir=$DESTDIR$(ext_dir)")
    elif [[ -n "$DESTDIR" ]]; then
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
        if [[ $LAYOUT == prefix ]]; then
            # One conf.d: every SAPI the PHP has.
            if [[ $s == fpm && ! -x "$FPMBIN" ]]; then continue; fi
            if [[ "$want" == installed && ! -e "$DESTDIR$AVAIL" ]]; then
                say "FAIL: $s: not enabled ($CONFD has no $MODULE.ini)"; fails=$((fails + 1)); continue
            fi
        else
        case "$s" in
            cli) [[ -d "$DESTDIR$ETC/cli" ]] || continue ;;
            fpm) if [[ ! -d "$DESTDIR$ETC/fpm" ]] || ! command -v "$FPMBIN" >/dev/null; then continue; fi ;;
        esac
        fi
        # installed: check the SAPIs it was enabled for; absent: every SAPI there is.
        if [[ $LAYOUT == debian && "$want" == installed ]] && ! compgen -G "$DESTDIR$ETC/$s/conf.d/*-$MODULE.ini" >/dev/null; then
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
        if grep -q -- "[-/]$MODULE.ini" <<<"$out"; then
            say "ok: cli: php --ini lists $(grep -o -- "[^ ,]*[-/]$MODULE.ini" <<<"$out" | head -n 1)"
        else
            say "FAIL: cli: php --ini does not list the $MODULE conf.d ini"; fails=$((fails + 1))
        fi
    else
        local f left=()
        local maybe=()
        if [[ $LAYOUT == debian ]]; then
            maybe=("$DESTDIR$ETC"/*/conf.d/*-"$MODULE".ini "$DESTDIR/var/lib/php/modules/$PHPV"/*/*_by_*/"$MODULE")
        fi
        for f in "$DESTDIR$extdir/$MODULE.so" "$DESTDIR$SHARE" "${maybe[@]}"; do
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
