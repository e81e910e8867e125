# shellcheck shell=bash
# Sourced by every test runner: which PHP the tests use. Everything follows from
# one php-config, so the same runners test Debian's PHP 8.2 (the default), Debian
# 13's PHP 8.4, or a PHP built from source under its own prefix (the layout of the
# official php:* images, e.g. the ZTS build of scripts/matrix.sh).
#
#   PHP_CONFIG   the php-config of the PHP under test. Default: php-config8.2 if
#                installed (Debian 12, as before), else the php-config on PATH.
#
# Sets and exports:
#   PHP_CONFIG      absolute path of that php-config
#   PHP_BIN         its CLI (php-config --php-binary)
#   PHP_VERSION     e.g. 8.4.16;  PHP_MAJMIN  e.g. 8.4
#   PHP_ZTS         1 for a thread-safe (ZTS) build, else 0
#   PHP_FPM         its php-fpm (empty if it has none)
#   PHP_RUN_TESTS   its run-tests.php
#   PHP_EMBED_LIB   its embed SAPI library (empty if it has none)
#   PHP_INCLUDES    -I flags for C code built against it (array: PHP_INCLUDES_A)
#   PHP_LABEL       e.g. "PHP 8.4.16 ZTS" (summary lines)
#   PHP_OPCACHE_INI "zend_extension=opcache" where OPcache is a shared module to load;
#                   empty from PHP 8.5 on, where it is built in and always loaded
#                   (loading it again only warns)
#   PATH            with a directory first whose `php` and `php-config` are these,
#                   so tools that run plain `php` get the PHP under test too.
# ext-php-rs's build script reads PHP_CONFIG (and PHP, and PATH: a change to any
# of them makes cargo rebuild the crate), so cargo run after sourcing this builds
# against the PHP under test.

php_env_die() { echo "php-env.sh: $*" >&2; exit 1; }

if [[ -z "${PHP_CONFIG:-}" ]]; then
    PHP_CONFIG=$(command -v php-config8.2 || command -v php-config || true)
    [[ -n "$PHP_CONFIG" ]] || php_env_die "no php-config found (apt-get install php8.2-dev, or set PHP_CONFIG)"
fi
PHP_CONFIG=$(command -v "$PHP_CONFIG" || true)
[[ -x "$PHP_CONFIG" ]] || php_env_die "PHP_CONFIG=${PHP_CONFIG:-?} is not an executable php-config"

PHP_BIN=$("$PHP_CONFIG" --php-binary)
[[ -x "$PHP_BIN" ]] || php_env_die "$PHP_CONFIG names $PHP_BIN as its php, which does not exist"
PHP_VERSION=$("$PHP_CONFIG" --version)
PHP_MAJMIN=${PHP_VERSION%.*}
php_env_prefix=$("$PHP_CONFIG" --prefix)
php_env_api=$("$PHP_CONFIG" --phpapi)

if "$PHP_BIN" -n -r 'exit(PHP_ZTS ? 0 : 1);'; then PHP_ZTS=1; else PHP_ZTS=0; fi
PHP_LABEL="PHP $PHP_VERSION $([[ $PHP_ZTS == 1 ]] && echo ZTS || echo NTS)"
if "$PHP_BIN" -n -r 'exit(extension_loaded("Zend OPcache") ? 0 : 1);' 2>/dev/null; then
    PHP_OPCACHE_INI=
else
    PHP_OPCACHE_INI=zend_extension=opcache
fi

# php-fpm: Debian's is /usr/sbin/php-fpmX.Y; a source build's is PREFIX/sbin/php-fpm.
PHP_FPM=
for f in "$php_env_prefix/sbin/php-fpm$PHP_MAJMIN" "$php_env_prefix/sbin/php-fpm"; do
    if [[ -x "$f" ]]; then PHP_FPM=$f; break; fi
done
# run-tests.php: Debian's phpX.Y-dev puts it under /usr/lib/php/API/build/, make
# install-build under PREFIX/lib/php/build/.
PHP_RUN_TESTS=
for f in "$php_env_prefix/lib/php/$php_env_api/build/run-tests.php" "$php_env_prefix/lib/php/build/run-tests.php"; do
    if [[ -f "$f" ]]; then PHP_RUN_TESTS=$f; break; fi
done
# The embed SAPI: Debian's libphpX.Y-embed is /usr/lib/libphpX.Y.so, a source
# build's --enable-embed is PREFIX/lib/libphp.so.
PHP_EMBED_LIB=
for f in "$php_env_prefix/lib/libphp$PHP_MAJMIN.so" "$php_env_prefix/lib/libphp.so"; do
    if [[ -f "$f" ]]; then PHP_EMBED_LIB=$f; break; fi
done
read -r -a PHP_INCLUDES_A <<<"$("$PHP_CONFIG" --includes)"
PHP_INCLUDES="${PHP_INCLUDES_A[*]}"

# `php` and `php-config` on PATH must be this PHP's, for scripts and tests that
# call them by name. A fixed directory per PHP (nothing to clean up).
if [[ "$(realpath "$(command -v php 2>/dev/null || echo /nonexistent)" 2>/dev/null)" != "$(realpath "$PHP_BIN")" \
      || "$(realpath "$(command -v php-config 2>/dev/null || echo /nonexistent)" 2>/dev/null)" != "$(realpath "$PHP_CONFIG")" ]]; then
    php_env_bin=${TMPDIR:-/tmp}/aes-php-bin/$(printf '%s' "$PHP_CONFIG" | tr -c 'A-Za-z0-9.\n' '_')
    mkdir -p "$php_env_bin"
    ln -sfn "$PHP_BIN" "$php_env_bin/php"
    ln -sfn "$PHP_CONFIG" "$php_env_bin/php-config"
    if [[ -n "$PHP_FPM" ]]; then ln -sfn "$PHP_FPM" "$php_env_bin/php-fpm"; else rm -f "$php_env_bin/php-fpm"; fi
    PATH=$php_env_bin:$PATH
fi
export PHP_CONFIG PHP_BIN PHP_VERSION PHP_MAJMIN PHP_ZTS PHP_FPM PHP_RUN_TESTS PHP_EMBED_LIB \
    PHP_INCLUDES PHP_LABEL PHP_OPCACHE_INI PATH
unset php_env_prefix php_env_api php_env_bin
