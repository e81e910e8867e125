#!/usr/bin/env bash
# shellcheck disable=SC2015,SC2317
# (SC2015: `check && pass || fail`, pass cannot fail; SC2317: incg_as runs through "$RUN")
# usage: tests/backstop/run.sh            (as root)
#
# The kernel backstop (docs/kernel-backstop.md): the ruleset appengine_sockets_nft()
# generates, loaded with nft in a private network namespace (tests/netns/run.sh: every
# target is an address on its lo, a catcher listens on all of them), holds what no
# in-process guard can, for a test user running PHP with the extension loaded:
#   ffi     socket/connect/sendto as raw syscall(2)s through FFI (probe.php)
#   uring   a connect submitted through io_uring (probe.c with liburing, run by exec())
#   static  a statically linked program (probe.c, gcc -static, run by exec())
#   curl    exec('curl http://...'), the curl program
#   mail    mail() through a sendmail stand-in (sendmail.sh) that connects to the target
# Phases, each in a fresh namespace (loopback TCP stalls after a few dozen connections):
#   proof   no ruleset: every refused target is reached (the escape is real)
#   held    ruleset for the test user: every refused target fails (ECONNREFUSED for TCP,
#           EPERM for UDP) and the catcher sees nothing; allowed controls (a public
#           address, the whitelisted 8.8.8.8:53, the resolver) still work; php --ri
#           tells whether the loaded ruleset is the current policy's
#   other   the same ruleset, probes as another user: untouched
#   cgroup  a ruleset by cgroup v2 (socket cgroupv2): another user's probe inside the
#           cgroup is held (a setuid child stays in its cgroup)
#   bench   the ruleset for the built-in Google table plus 1,000 operator entries: nft -c
#           and a real load (time printed; under a second is the only timed check), and
#           the cost of a connect through it (ns per connect against no ruleset: printed,
#           not asserted)
# Prints every check and "N passed, M failed" last; exits 1 if any failed.
#   AES_EXT     module (default target/release/libappengine_sockets.so)
#   PHP_CONFIG  the PHP to test (scripts/php-env.sh; default Debian's 8.2)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

APP_UID=64001 OTHER_UID=64002

# --- inner half: one phase, inside a namespace made by tests/netns/run.sh ---
if [[ "${1:-}" == --phase ]]; then
    PHASE=$2 WORK=$3
    # shellcheck source=../../scripts/php-env.sh
    source "$ROOT/scripts/php-env.sh" >/dev/null
    EXT=$WORK/libappengine_sockets.so
    PHPX=("$PHP_BIN" -d "extension=$EXT" -d ffi.enable=1)
    # The test users exist only in this mount namespace: /etc/passwd and /etc/group are
    # private copies.
    cp /etc/passwd "$WORK/passwd.$PHASE"
    cp /etc/group "$WORK/group.$PHASE"
    printf 'aesapp:x:%d:%d::/nonexistent:/usr/sbin/nologin\naesother:x:%d:%d::/nonexistent:/usr/sbin/nologin\n' \
        $APP_UID $APP_UID $OTHER_UID $OTHER_UID >>"$WORK/passwd.$PHASE"
    printf 'aesapp:x:%d:\naesother:x:%d:\n' $APP_UID $OTHER_UID >>"$WORK/group.$PHASE"
    mount --bind "$WORK/passwd.$PHASE" /etc/passwd
    mount --bind "$WORK/group.$PHASE" /etc/group
    # The metadata server's address, on lo like every test host (the catcher answers it).
    ip addr add 169.254.169.254/32 dev lo

    as() { local uid=$1; shift; setpriv --reuid="$uid" --regid="$uid" --clear-groups -- "$@"; }
    RUN=as  # how probe runs its command as a user
    caught() { grep -c " $1 $2 " "$AES_NETNS_LOG"; }
    ruleset() { PHP="${PHPX[*]}" "$ROOT/scripts/nft-ruleset.sh" "$@"; }

    # probe UID WANT(reach|held) LABEL ADDR PORT -- COMMAND...: runs COMMAND as UID and
    # checks its outcome and what the catcher saw at ADDR PORT.
    probe() {
        local uid=$1 want=$2 label=$3 addr=$4 port=$5 before out n i
        shift 6
        before=$(caught "$addr" "$port")
        out=$("$RUN" "$uid" "$@" 2>&1 | tr '\n' ' ')
        if [[ $want == reach ]]; then
            for i in $(seq 20); do
                n=$(caught "$addr" "$port")
                [[ $n -gt $before ]] && break
                sleep 0.1
            done
            [[ "$out" =~ ^(connected|sent) && $n -gt $before ]] \
                && pass "$PHASE: $label reaches $addr:$port ($out)" \
                || fail "$PHASE: $label should reach $addr:$port: probe said \"$out\", catcher saw $((n - before))"
        else
            sleep 0.3
            n=$(caught "$addr" "$port")
            [[ "$out" =~ ^error\ (ECONNREFUSED|EPERM)|^error\ curl\ exit\ 7|^error\ mail && $n -eq $before ]] \
                && pass "$PHASE: $label held at $addr:$port ($out)" \
                || fail "$PHASE: $label should be held at $addr:$port: probe said \"$out\", catcher saw $((n - before))"
        fi
    }

    # The five escape kinds against refused targets: private, metadata, Google, IPv6
    # unique-local, port 25, UDP.
    refused_targets() {
        local uid=$1 want=$2
        local P=("${PHPX[@]}" "$HERE/probe.php")
        probe "$uid" "$want" "ffi connect (private)"     10.0.0.5 80        -- "${P[@]}" ffi tcp 10.0.0.5 80
        probe "$uid" "$want" "ffi connect (metadata)"    169.254.169.254 80 -- "${P[@]}" ffi tcp 169.254.169.254 80
        probe "$uid" "$want" "ffi connect (Google)"      8.8.4.4 80         -- "${P[@]}" ffi tcp 8.8.4.4 80
        probe "$uid" "$want" "ffi connect (IPv6 ULA)"    fd00::5 80         -- "${P[@]}" ffi tcp fd00::5 80
        probe "$uid" "$want" "ffi connect (port 25)"     11.0.0.1 25        -- "${P[@]}" ffi tcp 11.0.0.1 25
        probe "$uid" "$want" "ffi sendto (private, UDP)" 10.0.0.5 9999      -- "${P[@]}" ffi udp 10.0.0.5 9999
        probe "$uid" "$want" "io_uring connect"          10.0.0.5 80        -- "${P[@]}" exec "$WORK/probe_uring" uring 10.0.0.5 80
        probe "$uid" "$want" "io_uring connect"          169.254.169.254 80 -- "${P[@]}" exec "$WORK/probe_uring" uring 169.254.169.254 80
        probe "$uid" "$want" "static binary connect"     169.254.169.254 80 -- "${P[@]}" exec "$WORK/probe_static" tcp 169.254.169.254 80
        probe "$uid" "$want" "static binary connect"     fd00::5 80         -- "${P[@]}" exec "$WORK/probe_static" tcp fd00::5 80
        probe "$uid" "$want" "static binary sendto"      10.0.0.5 9999      -- "${P[@]}" exec "$WORK/probe_static" udp 10.0.0.5 9999
        probe "$uid" "$want" "exec curl"                 169.254.169.254 8081 -- "${P[@]}" curl http://169.254.169.254:8081/computeMetadata/v1/
        probe "$uid" "$want" "exec curl"                 10.0.0.5 8081      -- "${P[@]}" curl http://private.test:8081/
        probe "$uid" "$want" "mail() sendmail"           11.0.0.1 25        -- "${PHPX[@]}" -d "sendmail_path=$HERE/sendmail.sh 11.0.0.1 25" "$HERE/probe.php" mail
        probe "$uid" "$want" "mail() sendmail"           10.0.0.5 25        -- "${PHPX[@]}" -d "sendmail_path=$HERE/sendmail.sh 10.0.0.5 25" "$HERE/probe.php" mail
    }

    case $PHASE in
    proof)
        refused_targets $APP_UID reach
        ;;
    held | other)
        ruleset --load aesapp 2>&1 | sed 's/^/  /'
        [[ ${PIPESTATUS[0]} -eq 0 ]] && pass "$PHASE: the ruleset for aesapp loads" || fail "$PHASE: the ruleset for aesapp does not load"
        if [[ $PHASE == other ]]; then
            refused_targets $OTHER_UID reach
        else
            refused_targets $APP_UID held
            P=("${PHPX[@]}" "$HERE/probe.php")
            probe $APP_UID reach "ffi connect (public)"        11.0.0.1 80      -- "${P[@]}" ffi tcp 11.0.0.1 80
            probe $APP_UID reach "ffi connect (IPv6 public)"   2400:cb00::10 80 -- "${P[@]}" ffi tcp 2400:cb00::10 80
            probe $APP_UID reach "ffi connect (whitelisted)"   8.8.8.8 53       -- "${P[@]}" ffi tcp 8.8.8.8 53
            probe $APP_UID reach "static sendto (whitelisted)" 8.8.8.8 53       -- "${P[@]}" exec "$WORK/probe_static" udp 8.8.8.8 53
            probe $APP_UID reach "io_uring connect (public)"   11.0.0.1 80      -- "${P[@]}" exec "$WORK/probe_uring" uring 11.0.0.1 80
            probe $APP_UID reach "static sendto (public)"      11.0.0.1 9999    -- "${P[@]}" exec "$WORK/probe_static" udp 11.0.0.1 9999
            probe $APP_UID reach "exec curl (public name)"     11.0.0.1 8081    -- "${P[@]}" curl http://public.test:8081/
            probe $APP_UID reach "mail() sendmail (port 587)"  11.0.0.1 587     -- "${PHPX[@]}" -d "sendmail_path=$HERE/sendmail.sh 11.0.0.1 587" "$HERE/probe.php" mail
            # The system resolver (127.0.0.53 in this namespace) answers the user's lookups.
            out=$(as $APP_UID getent ahostsv4 mixed.test 2>&1 | awk '{print $1}' | sort -u | xargs)
            [[ "$out" == "10.0.0.5 11.0.0.1" ]] && pass "$PHASE: the resolver on loopback port 53 answers ($out)" \
                || fail "$PHASE: getent ahostsv4 mixed.test as the test user gave \"$out\""
            # php --ri: the loaded ruleset, for root (who can read it) and the test user.
            row() { "$@" --ri appengine_sockets | grep '^Kernel backstop'; }
            out=$(row "${PHPX[@]}")
            [[ "$out" == *"not loaded for uid 0"*"loaded: uid $APP_UID (current policy)"* ]] \
                && pass "$PHASE: php --ri as root: $out" || fail "$PHASE: php --ri as root: $out"
            out=$(row "${PHPX[@]}" -d appengine_sockets.deny=12.0.0.0/8)
            [[ "$out" == *"loaded: uid $APP_UID (another policy: regenerate)"* ]] \
                && pass "$PHASE: php --ri after a policy change: $out" || fail "$PHASE: php --ri after a policy change: $out"
            out=$(setpriv --reuid=$APP_UID --regid=$APP_UID --clear-groups --inh-caps=+net_admin --ambient-caps=+net_admin \
                  -- "${PHPX[@]}" --ri appengine_sockets | grep '^Kernel backstop')
            [[ "$out" == *"loaded for uid $APP_UID, generated from the current policy"* ]] \
                && pass "$PHASE: php --ri as the pool user (CAP_NET_ADMIN): $out" || fail "$PHASE: php --ri as the pool user: $out"
            out=$(as $APP_UID "${PHPX[@]}" --ri appengine_sockets | grep '^Kernel backstop')
            [[ "$out" == *"unknown: nft list ruleset is not readable here"* ]] \
                && pass "$PHASE: php --ri as the pool user (no capability): $out" || fail "$PHASE: php --ri as the pool user: $out"
        fi
        ;;
    cgroup)
        # cgroup2 mounted in this mount namespace only; the group is removed at the end.
        mount -t cgroup2 none /sys/fs/cgroup
        CG=aes-backstop-$$
        mkdir "/sys/fs/cgroup/$CG"
        ruleset --load aesapp "$CG" 2>&1 | sed 's/^/  /'
        [[ ${PIPESTATUS[0]} -eq 0 ]] && pass "$PHASE: the ruleset for aesapp and $CG loads" || fail "$PHASE: the ruleset for aesapp and $CG does not load"
        # Into the cgroup as root, then the user: as a setuid child stays in its cgroup.
        incg_as() { local uid=$1; shift; sh -c 'echo $$ >"/sys/fs/cgroup/$0/cgroup.procs" && exec "$@"' "$CG" \
                    setpriv --reuid="$uid" --regid="$uid" --clear-groups -- "$@"; }
        P=("${PHPX[@]}" "$HERE/probe.php")
        RUN=incg_as
        probe $OTHER_UID held "another user's static binary in the cgroup" 10.0.0.5 80 -- "${P[@]}" exec "$WORK/probe_static" tcp 10.0.0.5 80
        probe $OTHER_UID held "another user's FFI connect in the cgroup" 169.254.169.254 80 -- "${P[@]}" ffi tcp 169.254.169.254 80
        RUN=as
        probe $OTHER_UID reach "another user's static binary outside it" 10.0.0.5 80 -- "${P[@]}" exec "$WORK/probe_static" tcp 10.0.0.5 80
        rmdir "/sys/fs/cgroup/$CG" 2>/dev/null || { sleep 0.5; rmdir "/sys/fs/cgroup/$CG"; }
        ;;
    bench)
        # 1,000 operator entries: 600 deny (IPv4 /24s, IPv6 /48s, some with a port) and
        # 400 allow (private /24s with a port), all distinct.
        deny=$(for i in $(seq 0 399); do echo "12.$((i / 200)).$((i % 200)).0/24"; done
               for i in $(seq 0 99); do printf '[2a0%x:%x::/48]\n' $((i % 8 + 1)) "$i"; done
               for i in $(seq 0 99); do echo "13.0.$i.0/24:443"; done)
        allow=$(for i in $(seq 0 399); do echo "10.$((i / 100 + 50)).$((i % 100)).0/24:$((6000 + i % 50))"; done)
        n=$(printf '%s\n%s\n' "$deny" "$allow" | grep -c .)
        PHPX+=(-d "appengine_sockets.deny=$(echo "$deny" | paste -sd,)" -d "appengine_sockets.allow=$(echo "$allow" | paste -sd,)")
        ruleset aesapp >"$WORK/big.nft"
        rules=$(awk '/chain (judge|refuse|output) \{/{c=1; next} c && /^\t\}/{c=0} c && !/^\t\t#/ && NF' "$WORK/big.nft" | grep -vc 'type filter hook')
        elements=$(awk '/^\t\t\t[^\t].*,$/ {n++} END {print n + 0}' "$WORK/big.nft")
        echo "  ruleset: $n operator entries, $(wc -l <"$WORK/big.nft") lines, $rules rules, $elements set elements"
        [[ $n -eq 1000 ]] && pass "$PHASE: 1,000 operator entries generated" || fail "$PHASE: $n operator entries"
        ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>"$WORK/nft.err"; local rc=$?; t1=$(date +%s%N); echo "$rc $(((t1 - t0) / 1000000))"; }
        ip addr add 13.0.5.1/32 dev lo
        read -r rc t <<<"$(ms nft -c -f "$WORK/big.nft")"
        [[ $rc -eq 0 && $t -lt 1000 ]] && pass "$PHASE: nft -c -f: ${t} ms" || fail "$PHASE: nft -c -f: rc $rc, ${t} ms: $(head -3 "$WORK/nft.err")"
        # The connect cost: a closed port of a public address (RST, no TIME-WAIT), so every
        # connect is a new flow that runs the whole judge chain (public addresses are
        # judged last). Without any ruleset, then with the ruleset loaded for another uid
        # (conntrack on, nothing judged), then judged.
        loop() { as $APP_UID "$WORK/probe_static" loop 2000 11.0.0.1 1 | awk '{print $1}'; }
        min() { [[ $1 -eq 0 || $2 -lt $1 ]] && echo "$2" || echo "$1"; }
        none=$(loop); none=$(min "$none" "$(loop)"); none=$(min "$none" "$(loop)")
        read -r rc t <<<"$(ms nft -f "$WORK/big.nft")"
        [[ $rc -eq 0 && $t -lt 1000 ]] && pass "$PHASE: nft -f (real load): ${t} ms" || fail "$PHASE: nft -f: rc $rc, ${t} ms: $(head -3 "$WORK/nft.err")"
        # Alternating (the machine is shared): the ruleset judging the probe's uid, then
        # the same ruleset for another uid; the best of 5 rounds of each.
        sed "s/meta skuid $APP_UID /meta skuid $OTHER_UID /" "$WORK/big.nft" >"$WORK/big-other.nft"
        judged=0 unjudged=0
        for _ in 1 2 3 4 5; do
            nft -f "$WORK/big.nft"; judged=$(min "$judged" "$(loop)")
            nft -f "$WORK/big-other.nft"; unjudged=$(min "$unjudged" "$(loop)")
        done
        nft -f "$WORK/big.nft"
        echo "  connect to a closed public port (judged last), best of 2000-connect loops: no ruleset ${none} ns,"
        echo "  ruleset for another uid ${unjudged} ns (conntrack on, nothing judged), judged ${judged} ns"
        echo "  ratio judged/unjudged $(awk -v a="$judged" -v b="$unjudged" 'BEGIN{printf "%.2f", a/b}'), judged/no ruleset $(awk -v a="$judged" -v b="$none" 'BEGIN{printf "%.2f", a/b}')"
        out=$(as $APP_UID "$WORK/probe_static" tcp 13.0.5.1 443)
        [[ "$out" == "error ECONNREFUSED" ]] && pass "$PHASE: the big ruleset holds a deny entry with a port (13.0.5.1:443: $out)" \
            || fail "$PHASE: 13.0.5.1:443 through the big ruleset: $out"
        ;;
    esac
    echo "$passed passed, $failed failed"
    exit 0
fi

# --- outer half: prerequisites, probes, then each phase in its own namespace ---
# shellcheck source=../../scripts/php-env.sh
source "$ROOT/scripts/php-env.sh"
SRC=$(realpath -m "${AES_EXT:-$ROOT/target/release/libappengine_sockets.so}")
[[ -f "$SRC" ]] || { fail "module $SRC not found (cargo build --release, or set AES_EXT)"; finish; }
missing=()
for c in nft gcc curl setpriv; do command -v "$c" >/dev/null || missing+=("$c"); done
[[ -e /usr/include/liburing.h ]] || missing+=(liburing-dev)
"$PHP_BIN" -m | grep -x FFI >/dev/null || missing+=("PHP's FFI extension")
if [[ ${#missing[@]} -gt 0 ]]; then
    fail "missing: ${missing[*]} (scripts/install-deps.sh; for the 8.4 root file system, scripts/matrix-setup.sh)"
    finish
fi
if ! unshare --net nft list ruleset >/dev/null 2>&1; then
    fail "nft cannot list a private network namespace's ruleset (kernel without nf_tables?)"
    finish
fi

WORK=$(mktemp -d /tmp/aes-backstop.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
cp "$SRC" "$WORK/libappengine_sockets.so"
gcc -O2 -Wall -DWITH_URING -o "$WORK/probe_uring" "$HERE/probe.c" -luring >"$WORK/gcc.log" 2>&1 \
    && gcc -O2 -Wall -static -o "$WORK/probe_static" "$HERE/probe.c" >>"$WORK/gcc.log" 2>&1 \
    || { cat "$WORK/gcc.log"; fail "probes do not build"; finish; }
file "$WORK/probe_static" | grep 'statically linked' >/dev/null && pass "probe_static is statically linked" || fail "probe_static is not static"

for phase in proof held other cgroup bench; do
    echo "--- $phase"
    out=$("$ROOT/tests/netns/run.sh" bash "${BASH_SOURCE[0]}" --phase "$phase" "$WORK" 2>&1)
    echo "$out" | grep -v ' passed, .* failed$'
    if line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1) && [[ -n "$line" ]]; then
        read -r p _ f _ <<<"$line"
        passed=$((passed + p)) failed=$((failed + f))
    else
        fail "$phase: the phase did not finish"
    fi
done
finish
