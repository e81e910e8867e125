#!/usr/bin/env bash
# usage: tests/netns/run.sh COMMAND [ARGS...]
#
# Runs COMMAND inside a fresh private network + mount namespace whose only
# interface is `lo`, so no test can ever send a packet to a real network.
# "Public" test hosts are extra addresses on that lo (see ADDRS4/ADDRS6 and
# tests/netns/hosts). Inside, before COMMAND starts:
#   /etc/hosts       = tests/netns/hosts
#   /etc/resolv.conf = nameserver 127.0.0.53 (tests/netns/dns.py)
#   nsswitch hosts   = files dns (no mdns/resolved/etc. that could leave the namespace)
#   catcher.py       listens on every address (log: $AES_NETNS_LOG)
#   AES_FIXTURES     = absolute path of tests/netns/fixtures
# Exit code is COMMAND's; 2 if the namespace cannot be set up (needs root).
# AES_NETNS_KEEP=1 keeps the temp dir (catcher/dns logs) for debugging.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Allowed-looking public hosts, then refused targets (present so a leak would
# connect and show up in the catcher log instead of failing quietly), then
# Google DNS addresses (only ever inside this namespace).
ADDRS4=(11.0.0.1 11.0.0.2 11.0.0.3
        10.0.0.5 192.168.7.7 172.16.1.1 100.64.0.9 169.254.1.1
        8.8.8.8 8.8.4.4)
ADDRS6=(2400:cb00::10 2400:cb00::11
        fd00::5
        2001:4860:4860::8888)

die() { echo "tests/netns/run.sh: $*" >&2; exit 2; }

[[ $# -ge 1 ]] || die "usage: $0 COMMAND [ARGS...]"

# --- outer half: create the namespaces and re-run this script inside them ---
if [[ "${_AES_NETNS_INNER:-}" != 1 ]]; then
    # Probe first, so "cannot create the namespace" is told apart from COMMAND failing.
    unshare --net --mount --propagation private true 2>/dev/null \
        || die "cannot create a private network+mount namespace (run as root; unshare --net --mount)"
    exec unshare --net --mount --propagation private -- \
        env _AES_NETNS_INNER=1 bash "${BASH_SOURCE[0]}" "$@"
fi
unset _AES_NETNS_INNER  # a nested run.sh must make its own namespace

# --- inner half ---
# Any failure while setting up is the harness's fault, not COMMAND's: exit 2.
trap 'die "namespace setup failed at line $LINENO"' ERR

# Safety net: refuse to go on unless lo is the only interface (i.e. we really
# are in a fresh namespace, not the host's).
others=$(ip -o link show | awk -F': ' '$2 != "lo" {print $2}')
[[ -z "$others" ]] || die "refusing: interfaces other than lo present: $others"

ip link set lo up
for a in "${ADDRS4[@]}"; do ip addr add "$a/32" dev lo; done
for a in "${ADDRS6[@]}"; do ip addr add "$a/128" dev lo nodad; done

# Servers a test started in this namespace and did not stop (a database whose test
# died first) must not outlive it: end every process still in this network
# namespace (only COMMAND's descendants can be here), TERM first, then KILL.
# shellcheck disable=SC2317  # called from cleanup
in_namespace() {
    local me p ns
    me=$(readlink /proc/$$/ns/net)
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        [[ "$p" != "$$" && "$p" != "$BASHPID" ]] || continue
        ns=$(readlink "/proc/$p/ns/net" 2>/dev/null) || continue
        if [[ "$ns" == "$me" ]]; then echo "$p"; fi
    done
}
# shellcheck disable=SC2317
reap_namespace() {
    local pids i
    for i in 1 2 3 4 5 6 7 8 9 10 11; do
        mapfile -t pids < <(in_namespace)
        [[ ${#pids[@]} -gt 0 ]] || return 0
        if [[ $i -eq 1 ]]; then
            echo "tests/netns/run.sh: ending processes left in the namespace: $(ps -o comm= -p "$(IFS=,; echo "${pids[*]}")" | sort | uniq -c | xargs)" >&2
            kill -TERM "${pids[@]}" 2>/dev/null || true
        elif [[ $i -eq 11 ]]; then
            kill -KILL "${pids[@]}" 2>/dev/null || true
        fi
        sleep 0.2
    done
}

TMP=$(mktemp -d /tmp/aes-netns.XXXXXX)
PIDS=()
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    reap_namespace
    if [[ "${AES_NETNS_KEEP:-}" == 1 ]]; then
        echo "tests/netns/run.sh: kept $TMP" >&2
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# Private copies bind-mounted over the system files; the mount namespace is
# private, so the host never sees them.
printf 'nameserver 127.0.0.53\noptions timeout:1 attempts:1\n' >"$TMP/resolv.conf"
if grep -q '^hosts:' /etc/nsswitch.conf; then
    sed -E 's/^hosts:.*/hosts: files dns/' /etc/nsswitch.conf >"$TMP/nsswitch.conf"
else
    { cat /etc/nsswitch.conf; echo 'hosts: files dns'; } >"$TMP/nsswitch.conf"
fi
mount --bind "$HERE/hosts" /etc/hosts
mount --bind "$TMP/resolv.conf" /etc/resolv.conf
mount --bind "$TMP/nsswitch.conf" /etc/nsswitch.conf

export AES_NETNS_LOG="$TMP/catcher.log"
export AES_NETNS_DNS_LOG="$TMP/dns.log"
export AES_FIXTURES="$HERE/fixtures"
: >"$AES_NETNS_LOG"

python3 -u "$HERE/catcher.py" "$AES_NETNS_LOG" "$TMP/catcher.ready" "$AES_FIXTURES" 2>"$TMP/catcher.err" &
PIDS+=($!)
python3 -u "$HERE/dns.py" "$TMP/dns.ready" "$AES_NETNS_DNS_LOG" 2>"$TMP/dns.err" &
PIDS+=($!)

# Wait (bounded, ~5 s) until both servers have bound their sockets.
for _ in $(seq 50); do
    [[ -e "$TMP/catcher.ready" && -e "$TMP/dns.ready" ]] && break
    for p in "${PIDS[@]}"; do
        kill -0 "$p" 2>/dev/null || { cat "$TMP"/*.err >&2; die "a test server died during startup"; }
    done
    sleep 0.1
done
[[ -e "$TMP/catcher.ready" && -e "$TMP/dns.ready" ]] \
    || { cat "$TMP"/*.err >&2; die "test servers not ready after 5 s"; }

trap - ERR
set +e
# Run COMMAND in the background and wait, so a TERM/INT sent to us is passed
# on at once instead of after COMMAND ends (<&0: keep our stdin, not /dev/null).
"$@" <&0 &
cmd=$!
trap 'kill -TERM "$cmd" 2>/dev/null' TERM INT HUP
wait "$cmd"; rc=$?
while kill -0 "$cmd" 2>/dev/null; do wait "$cmd"; rc=$?; done
exit "$rc"
