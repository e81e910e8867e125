#!/usr/bin/env bash
# usage: tests/fpm/acl.sh        (as root, from any directory; ~40 s)
#
# appengine_sockets.acl under php-fpm, with three apps: pools billing, blog and audit
# (php_admin_value app_id) and one shared pool whose requests carry their app id in
# PHP_ADMIN_VALUE. Checks:
#   * each app gets its own rule (enforce, open, report) in its pool and in the shared
#     pool; the global deny list holds for all; an unknown app (no default) is refused;
#   * the ACL file edited during a short load run (20 requests at a time, each connecting
#     twice with a pause between): every request's two decisions agree (the ACL in force
#     when it started judges all of it), every request answers, both versions were
#     seen; and how long after an edit every worker follows it;
#   * a broken edit keeps the last good ACL and is said at most once per worker on PHP's
#     error log with its line; a deleted file too; a good file afterwards is taken again
#     and the error is cleared (phpinfo's ACL rows).
# php-fpm runs inside tests/netns/run.sh's private namespace. AES_EXT, PHP_CONFIG as in
# tests/fpm/run.sh. Last line: "N passed, M failed"; exit status 1 if any check failed.
set -euo pipefail

# shellcheck source=prelude.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" "$@"
TMP=$(mktemp -d /tmp/aes-fpm-acl.XXXXXX)
PORT_BILLING=9081 PORT_BLOG=9082 PORT_AUDIT=9083 PORT_SHARED=9084
WORKERS=2
fpm_pid=""
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    if [[ -n "$fpm_pid" ]]; then
        kill "$fpm_pid" 2>/dev/null || true
        wait "$fpm_pid" 2>/dev/null || true
    fi
    if [[ "${AES_FPM_KEEP:-}" == 1 ]]; then echo "tests/fpm/acl.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

ACL=$TMP/acl.yaml
# acl_file ALLOW: billing may reach public.test, and dnspublic.test only when ALLOW is 1
# (the two versions the load run alternates between). Written aside and renamed into
# place, as deployment tools write it.
acl_file() {
    {
        printf 'version: v1\nservices:\n'
        printf '  - name: billing\n    project: payments\n    action: enforce\n    allowed_domains:\n      - public.test\n'
        [[ "$1" != 1 ]] || printf '      - dnspublic.test\n'
        printf '  - name: blog\n    project: web\n    action: open\n'
        printf '  - name: audit\n    project: security\n    action: report\n'
        printf 'global_deny_list:\n  - tls.test\n'
    } >"$ACL.new"
    mv "$ACL.new" "$ACL"
}
acl_file 0

printf '%s\n' "extension=$AES_EXT" 'error_reporting=E_ALL' 'display_errors=0' 'log_errors=1' \
    "error_log=$TMP/php-errors.log" "appengine_sockets.acl=$ACL" >"$TMP/php.ini"

pool() {  # pool NAME PORT [lines...]
    printf '[%s]\nlisten = 127.0.0.1:%s\npm = static\npm.max_children = %s\n' "$1" "$2" "$WORKERS"
    shift 2
    printf '%s\n' "$@"
}
{
    printf '[global]\npid = %s\nerror_log = %s\ndaemonize = no\n' "$TMP/fpm.pid" "$TMP/fpm.log"
    pool billing "$PORT_BILLING" 'php_admin_value[appengine_sockets.app_id] = billing'
    pool blog "$PORT_BLOG" 'php_admin_value[appengine_sockets.app_id] = blog'
    pool audit "$PORT_AUDIT" 'php_admin_value[appengine_sockets.app_id] = audit'
    pool shared "$PORT_SHARED"
} >"$TMP/fpm.conf"

"$FPM" -n -c "$TMP/php.ini" -y "$TMP/fpm.conf" -F "${as_root[@]}" >"$TMP/fpm.out" 2>&1 &
fpm_pid=$!

check() {  # check NAME CONDITION-STATUS DETAIL
    if [[ "$2" == 0 ]]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1: $3"; fi
}
# req PORT SCRIPT QUERY [ADMIN_VALUE]: one FastCGI request; the body without headers.
req() {
    local env=(SCRIPT_FILENAME="$DOCROOT/$2" REQUEST_METHOD=GET QUERY_STRING="$3"
               SCRIPT_NAME="/$2" REQUEST_URI="/$2?$3" SERVER_PROTOCOL=HTTP/1.1)
    [[ $# -lt 4 || -z "$4" ]] || env+=(PHP_ADMIN_VALUE="$4")
    env -i "${env[@]}" timeout 10 cgi-fcgi -bind -connect "127.0.0.1:$1" </dev/null 2>&1 \
        | tr -d '\r' | sed '1,/^$/d' || true
}
# outcome PORT HOST [APP]: the first connect's outcome ("connected" or "refused:ERRNO").
outcome() {
    local admin=""
    [[ $# -lt 3 ]] || admin="appengine_sockets.app_id=$3"
    req "$1" acl.php "host=$2" "$admin" | sed -n 's/.* first=\([^ ]*\).*/\1/p'
}

for _ in $(seq 50); do
    up=0
    for p in "$PORT_BILLING" "$PORT_BLOG" "$PORT_AUDIT" "$PORT_SHARED"; do
        [[ "$(req "$p" acl.php 'host=public.test')" == app=* ]] && up=$((up + 1))
    done
    [[ $up -eq 4 ]] && break
    sleep 0.1
done

echo "# three apps: their own pools, and one shared pool (PHP_ADMIN_VALUE)"
for where in "pool $PORT_BILLING $PORT_BLOG $PORT_AUDIT" "shared $PORT_SHARED $PORT_SHARED $PORT_SHARED"; do
    read -r label pb pg pa <<<"$where"
    a=()
    for app in billing blog audit; do
        if [[ $label == shared ]]; then a+=("$app"); else a+=(""); fi
    done
    expect "$label: billing public.test (allowed_domains)" connected "$(outcome "$pb" public.test ${a[0]})"
    expect "$label: billing dnspublic.test (enforce)" refused:13 "$(outcome "$pb" dnspublic.test ${a[0]})"
    expect "$label: billing 11.0.0.1 (a literal)" refused:13 "$(outcome "$pb" 11.0.0.1 ${a[0]})"
    expect "$label: blog dnspublic.test (open)" connected "$(outcome "$pg" dnspublic.test ${a[1]})"
    expect "$label: blog tls.test (global deny list)" refused:13 "$(outcome "$pg" tls.test ${a[1]})"
    expect "$label: audit dnspublic.test (report: connects)" connected "$(outcome "$pa" dnspublic.test ${a[2]})"
    expect "$label: audit 11.0.0.2 (a literal, report: connects)" connected "$(outcome "$pa" 11.0.0.2 ${a[2]})"
    expect "$label: audit tls.test (global deny list)" refused:13 "$(outcome "$pa" tls.test ${a[2]})"
done
expect "shared: unknown app (no default rule): refused" refused:13 "$(outcome "$PORT_SHARED" public.test nobody)"
expect "a request cannot choose another ACL file (PHP_ADMIN_VALUE)" refused:13 \
    "$(req "$PORT_BLOG" acl.php host=public.test "appengine_sockets.acl=/dev/null" | sed -n 's/.* first=\([^ ]*\).*/\1/p')"

echo "# the file edited during a load run"
# Each request connects to dnspublic.test twice, 300 ms apart, as billing; the file flips
# between allowing and refusing it every 0.7 s while 20 requests at a time run.
load_out=$TMP/load.out
: >"$load_out"
load() {
    local i
    for i in $(seq "$1"); do
        req "$PORT_SHARED" acl.php 'host=dnspublic.test&port=80&pause=300' "appengine_sockets.app_id=billing" >>"$load_out" &
        if (( i % 20 == 0 )); then wait; fi
    done
    wait
}
start=$SECONDS
load 200 &
load_pid=$!
flips=0
while kill -0 "$load_pid" 2>/dev/null; do
    sleep 0.7
    acl_file $(( (flips + 1) % 2 ))
    flips=$((flips + 1))
done
wait "$load_pid" || true
expect "every request of the load run answered" 200 "$(grep -c '^app=billing ' "$load_out" || true)"
expect "within each request, both decisions agree (the ACL in force when it started)" 0 \
    "$(awk '/^app=billing / { split($3, a, "="); split($4, b, "="); if (a[2] != b[2]) n++ } END { print n + 0 }' "$load_out")"
connected=$(grep -c 'first=connected' "$load_out" || true)
echo "     load run: 200 requests in $((SECONDS - start)) s, $flips edits; $connected connected, $((200 - connected)) refused"
(( flips >= 2 && connected > 0 && connected < 200 )) && st=0 || st=1
check "the edits took effect during the run (both outcomes seen)" $st "$flips edits, $connected of 200 connected"

# How long after an edit until every worker of a pool follows it (each checks the file
# at most once a second, when a request starts).
measure() {  # measure WANT: ms until billing's dnspublic.test outcome is WANT on 2 x WORKERS requests in a row
    local t0 i j ok
    t0=$(date +%s%N)
    for i in $(seq 80); do
        ok=1
        for j in $(seq $((WORKERS * 2))); do
            [[ "$(outcome "$PORT_BILLING" dnspublic.test)" == "$1" ]] || { ok=0; break; }
        done
        if [[ $ok == 1 ]]; then echo $(( ($(date +%s%N) - t0) / 1000000 )); return; fi
        sleep 0.05
    done
    echo timeout
}
acl_file 0
sleep 1.2
acl_file 1
ms=$(measure connected)
echo "     reload: every billing worker followed an edit after $ms ms"
[[ "$ms" != timeout ]] && (( ms <= 2500 )) && st=0 || st=1
check "an edit is followed by every worker within 2.5 s" $st "$ms ms"

echo "# a broken edit, then a deleted file: the last good ACL stays"
printf 'version: v1\nservices:\n  - name: billing\n    action: enforce\n    allowed_domains: ["*bad.test"]\n' >"$ACL.new"
mv "$ACL.new" "$ACL"
sleep 1.2
for i in $(seq 6); do
    expect "broken edit, request $i: billing dnspublic.test still allowed (last good)" connected "$(outcome "$PORT_BILLING" dnspublic.test)"
done
sleep 1.2
for i in $(seq 6); do outcome "$PORT_BILLING" dnspublic.test >/dev/null; done
said=$(grep -c 'line 5: services\[billing\].allowed_domains: "\*bad.test": domain glob must represent a full prefix (sub)domain; keeping the last good ACL' "$TMP/php-errors.log" || true)
echo "     broken edit: said $said times on PHP's error log (billing's $WORKERS workers checked it, 12 requests over 2.4 s)"
(( said >= 1 && said <= WORKERS )) && st=0 || st=1
check "said with its line, at most once per worker" $st "$said times"
acl_info() { req "$PORT_BILLING" acl_info.php '' | sed -n "s/^$1=//p"; }
expect "phpinfo: the last error is the broken edit's" yes "$(acl_info ACL_last_error | grep -q 'line_5:' && echo yes || echo no)"
rm -f "$ACL"
sleep 1.2
for i in $(seq 4); do
    expect "deleted file, request $i: still the last good ACL" connected "$(outcome "$PORT_BILLING" dnspublic.test)"
done
expect "deleted file: said on PHP's error log" yes "$(grep -q 'cannot read .*acl.yaml: No such file or directory.*keeping the last good ACL' "$TMP/php-errors.log" && echo yes || echo no)"
acl_file 0
ms=$(measure refused:13)
echo "     a good file again: every billing worker followed it after $ms ms"
[[ "$ms" != timeout ]] && st=0 || st=1
check "a good file after errors is taken again" $st "$ms"
for i in $(seq $((WORKERS * 2))); do acl_info ACL_last_error >>"$TMP/last-errors"; done
expect "phpinfo: no last error after a good file, in every worker" "(none)" "$(sort -u "$TMP/last-errors")"
expect "phpinfo: reloads counted" yes "$(acl_info ACL_reloads_in_this_process | grep -Eq '^[1-9][0-9]*_applied,_[1-9][0-9]*_rejected$' && echo yes || echo no)"
expect "nothing from the extension on the master's log" "" "$(grep -h 'appengine_sockets' "$TMP/fpm.out" | grep -v 'keeping the last good ACL' || true)"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
