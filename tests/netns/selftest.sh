#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted $vars are PHP's, not ours
# usage: tests/netns/selftest.sh        (as root, from any directory)
#
# Proves the test namespace itself works, with plain PHP and WITHOUT the
# extension (php -n): names resolve as tests/netns/hosts and dns.py say, the
# catcher answers and logs over TCP/UDP/TLS on v4 and v6, TLS verification
# against fixtures/ca.crt behaves, and there is no route out of the namespace.
# If this fails, phpt failures mean nothing. Last line: "N passed, M failed".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Re-run inside the namespace unless run.sh already put us there.
# Only trust AES_NETNS_LOG if lo really is the only interface: a stray variable
# must never make these checks run against a real network.
if [[ -z "${AES_NETNS_LOG:-}" || "$(ip -o link show | awk -F': ' '{print $2}')" != lo ]]; then
    exec "$HERE/run.sh" bash "${BASH_SOURCE[0]}" "$@"
fi

# The PHP under test (scripts/php-env.sh): `php` below is its CLI.
# shellcheck source=../../scripts/php-env.sh
source "$HERE/../../scripts/php-env.sh"

pass=0 fail=0
# expect NAME EXPECTED ACTUAL: compare one result and tally it.
expect() {
    if [[ "$3" == "$2" ]]; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); printf 'FAIL %s\n     expected: %q\n     got:      %q\n' "$1" "$2" "$3"
    fi
}
# php -n: no ini, so no extension of ours can sneak in; openssl is built in.
phpr() { php -n -r "$1" 2>&1 || true; }

# PHP snippets: read the banner, optionally after a TLS handshake.
TCP='$f = @fsockopen($argv[1], (int)$argv[2], $en, $es, 3); if (!$f) { echo "FAILED: $es"; exit; } fwrite($f, "ping\n"); echo trim(fgets($f)), "|", trim(fgets($f));'
UDP='$f = stream_socket_client("udp://$argv[1]", $en, $es, 3); fwrite($f, "x"); stream_set_timeout($f, 3); echo trim(fread($f, 100));'
TLS='$o = ["cafile" => getenv("AES_FIXTURES")."/ca.crt", "verify_peer" => true, "verify_peer_name" => true];
     if (isset($argv[2])) $o["peer_name"] = $argv[2];
     $f = @stream_socket_client("ssl://$argv[1]", $en, $es, 3, STREAM_CLIENT_CONNECT, stream_context_create(["ssl" => $o]));
     echo $f ? trim(fgets($f)) : "FAILED";'
tcp() { php -n -r "$TCP" -- "$@" 2>&1 || true; }
udp() { php -n -r "$UDP" -- "$@" 2>&1 || true; }
tls() { php -n -r "$TLS" -- "$@" 2>&1 || true; }

echo "# isolation"
expect "only lo exists"            "lo" "$(ip -o link show | awk -F': ' '{print $2}')"
expect "no IPv4 default route"     ""   "$(ip -4 route show default)"
expect "no IPv6 default route"     ""   "$(ip -6 route show default)"
expect "outside address unreachable" "FAILED: Network is unreachable" "$(tcp 9.9.9.9 80)"

echo "# hosts file + catcher over TCP (banner, then echo)"
expect "public.test:80"            "HELLO 11.0.0.1 80|ping"      "$(tcp public.test 80)"
expect "public2.test:8080"         "HELLO 11.0.0.2 8080|ping"    "$(tcp public2.test 8080)"
expect "v6.test:80"                "HELLO 2400:cb00::10 80|ping" "$(tcp v6.test 80)"
expect "private.test:80 reachable without the extension" "HELLO 10.0.0.5 80|ping" "$(tcp private.test 80)"
expect "smtp.gmail.com:465"        "HELLO 8.8.4.4 465|ping"      "$(tcp smtp.gmail.com 465)"
expect "dual.test has both"        "11.0.0.1,10.0.0.5" "$(phpr 'echo implode(",", gethostbynamel("dual.test"));')"

echo "# dns.py"
expect "reset.control acks"        "127.0.0.1" "$(phpr 'echo gethostbyname("reset.control");')"
expect "rebind.test: public, then private" "11.0.0.1 10.0.0.5 10.0.0.5" \
    "$(phpr 'foreach ([1,2,3] as $_) $r[] = implode(",", gethostbynamel("rebind.test")); echo implode(" ", $r);')"
expect "rebind2.test has its own counter" "11.0.0.1" "$(phpr 'echo gethostbyname("rebind2.test");')"
expect "reset.control resets counters" "11.0.0.1" \
    "$(phpr 'gethostbyname("reset.control"); echo gethostbyname("rebind.test");')"
expect "rebind.test AAAA is empty" "0" "$(phpr 'echo count(dns_get_record("rebind3.test", DNS_AAAA));')"
expect "mixed.test gethostbynamel" "10.0.0.5,11.0.0.1" \
    "$(phpr '$a = gethostbynamel("mixed.test"); sort($a); echo implode(",", $a);')"
expect "mixed.test dns_get_record" "10.0.0.5,11.0.0.1" \
    "$(phpr '$a = array_column(dns_get_record("mixed.test", DNS_A), "ip"); sort($a); echo implode(",", $a);')"
expect "dnspublic.test"            "11.0.0.2" "$(phpr 'echo gethostbyname("dnspublic.test");')"
expect "dnsv6.test AAAA"           "2400:cb00::11" "$(phpr 'echo dns_get_record("dnsv6.test", DNS_AAAA)[0]["ipv6"];')"
expect "dnsv6.test:80 connects"    "HELLO 2400:cb00::11 80|ping" "$(tcp dnsv6.test 80)"
# dns_get_record prints this one as "::ffff:a00:5"; inet_ntop normalizes it.
expect "mapped.test AAAA"          "::ffff:10.0.0.5" \
    "$(phpr 'echo inet_ntop(inet_pton(dns_get_record("mapped.test", DNS_AAAA)[0]["ipv6"]));')"
expect "unknown name is NXDOMAIN"  "bool(false)" "$(phpr 'var_dump(gethostbynamel("nope.test"));')"

echo "# UDP"
expect "udp 11.0.0.1:9999"         "HELLO 11.0.0.1 9999" "$(udp 11.0.0.1:9999)"
expect "udp [2400:cb00::10]:9999"  "HELLO 2400:cb00::10 9999" "$(udp '[2400:cb00::10]:9999')"
expect "udp 8.8.8.8:53 hits catcher, not dns.py" "HELLO 8.8.8.8 53" "$(udp 8.8.8.8:53)"

echo "# TLS (fixtures/ca.crt)"
expect "ssl://tls.test:443 verifies"   "HELLO 11.0.0.3 443"  "$(tls tls.test:443)"
expect "ssl://tls.test:8443 verifies"  "HELLO 11.0.0.3 8443" "$(tls tls.test:8443)"
expect "peer_name other.test fails"    "FAILED" "$(tls tls.test:443 other.test)"
expect "ssl://other.test:443 fails"    "FAILED" "$(tls other.test:443)"

echo "# application responders for C libraries' own sockets (ext/curl, without the extension)"
# Counted separately from the log checks below: everything these make is logged after a mark.
mark=$(wc -l <"$AES_NETNS_LOG")
CURL='$ch = curl_init($argv[1]); $o = json_decode($argv[2] ?? "{}", true);
      curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 3]);
      foreach ($o as $k => $v) curl_setopt($ch, constant($k), $v);
      $r = curl_exec($ch); echo $r === false ? "FAILED: " . curl_error($ch) : trim($r);'
curlr() { php -n -d extension=curl -r "$CURL" -- "$@" 2>&1 || true; }
ca=$AES_FIXTURES/ca.crt
expect "redirect &code=301"        "HTTP 11.0.0.2 8081 GET /after" \
    "$(curlr 'http://11.0.0.1:8081/redirect?to=http%3A%2F%2F11.0.0.2%3A8081%2Fafter&code=301' '{"CURLOPT_FOLLOWLOCATION":true}')"
expect "http proxy 3128"           "HTTP 11.0.0.2 8081 GET /p" "$(curlr http://11.0.0.2:8081/p '{"CURLOPT_PROXY":"http://11.0.0.1:3128"}')"
expect "proxy CONNECT to https"    "HTTP 11.0.0.3 8444 GET /c" \
    "$(curlr https://tls.test:8444/c "{\"CURLOPT_PROXY\":\"http://11.0.0.1:3128\",\"CURLOPT_CAINFO\":\"$ca\"}")"
expect "socks5h 1080"              "HTTP 11.0.0.2 8081 GET /s" "$(curlr http://public2.test:8081/s '{"CURLOPT_PROXY":"socks5h://11.0.0.1:1080"}')"
expect "socks4 1080"               "HTTP 11.0.0.2 8081 GET /4" "$(curlr http://public2.test:8081/4 '{"CURLOPT_PROXY":"socks4://11.0.0.1:1080"}')"
expect "DoH 8053 answers /doh/IP"  "HTTP 11.0.0.2 8081 GET /d" \
    "$(curlr http://anything.test:8081/d "{\"CURLOPT_DOH_URL\":\"https://tls.test:8053/doh/11.0.0.2\",\"CURLOPT_CAINFO\":\"$ca\"}")"
expect "tftp UDP 69"               "TFTP 2400:cb00::10 69 f.txt" "$(curlr 'tftp://[2400:cb00::10]/f.txt')"
new=$(tail -n +$((mark + 1)) "$AES_NETNS_LOG" | awk '{print $1, $2, $3}' | sort | uniq -c | xargs)
expect "what they logged" "2 doh 11.0.0.3 8053 1 http 11.0.0.1 8081 5 http 11.0.0.2 8081 1 https 11.0.0.3 8444 2 proxy 11.0.0.1 3128 2 socks 11.0.0.1 1080 1 tftp 2400:cb00::10 69" "$new"
head -n "$mark" "$AES_NETNS_LOG" >"$AES_NETNS_LOG.tmp" && cat "$AES_NETNS_LOG.tmp" >"$AES_NETNS_LOG" && rm -f "$AES_NETNS_LOG.tmp"

echo "# catcher log ($AES_NETNS_LOG)"
for line in "tcp 11.0.0.1 80" "tcp 11.0.0.2 8080" "tcp 2400:cb00::10 80" "tcp 10.0.0.5 80" \
            "tcp 8.8.4.4 465" "tcp 2400:cb00::11 80" "udp 11.0.0.1 9999" "udp 2400:cb00::10 9999" \
            "udp 8.8.8.8 53" "tls 11.0.0.3 8443"; do
    expect "logged: $line" 1 "$(grep -c "^$line " "$AES_NETNS_LOG" || true)"
done
# Three connections to 11.0.0.3:443 (two then fail verification on the client side).
expect "logged: tls 11.0.0.3 443 x3" 3 "$(grep -c '^tls 11.0.0.3 443 ' "$AES_NETNS_LOG" || true)"
expect "nothing else logged" 13 "$(wc -l <"$AES_NETNS_LOG")"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
