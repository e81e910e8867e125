#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted $argv is PHP's
# usage: scripts/nft-ruleset.sh USER [CGROUP]        (prints the ruleset on stdout)
#        scripts/nft-ruleset.sh --load USER [CGROUP]  (checks it, then loads it with nft -f)
#
# The kernel backstop (docs/kernel-backstop.md): the App Engine socket policy in force, as
# the PHP that runs the pool reads it (php.ini and conf.d, so the operator's allow and deny
# lists and Google ranges files), printed by appengine_sockets_nft() as an nftables
# ruleset for USER's sockets (a name or a uid) and, if given, for every socket of the
# cgroup v2 CGROUP. For configuration management: rerun after any change of the policy,
# of /etc/resolv.conf, or of the cgroup.
#   PHP=/usr/bin/php8.4   the PHP whose configuration to use (default: php; options may follow)
#   PHPRC, PHP_INI_SCAN_DIR as PHP itself reads them (an fpm pool's ini: PHP_INI_SCAN_DIR)
set -euo pipefail

load=0
if [[ "${1:-}" == --load ]]; then load=1; shift; fi
if [[ $# -lt 1 || $# -gt 2 || "$1" == -h || "$1" == --help ]]; then
    sed -n '3,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
# PHP may carry options: PHP="php -d extension=/path/libappengine_sockets.so".
read -r -a php <<<"${PHP:-php}"

# The arguments reach PHP as argv, never as code.
generate() {
    "${php[@]}" -r '
        if (!function_exists("appengine_sockets_nft")) {
            fwrite(STDERR, "appengine_sockets is not loaded in this PHP (php --ri appengine_sockets)\n");
            exit(1);
        }
        echo appengine_sockets_nft($argv[1], $argv[2] ?? null);
    ' -- "$@"
}

if [[ $load == 0 ]]; then
    generate "$@"
    exit
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
generate "$@" >"$tmp"
nft -c -f "$tmp"
nft -f "$tmp"
echo "loaded: $(grep -c . "$tmp") lines for $1${2:+ and cgroup $2}" >&2
