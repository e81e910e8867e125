//! Which name is this address: the names a request's libraries resolved, and the verdict
//! for an address as the name that produced it.
//!
//! The guarded `getaddrinfo` records each name a library looked up with every address it
//! answered ([`resolved`]), for the request the calling thread belongs to. A library that
//! asks for each address family in a lookup of its own (libcurl from 8.20: one
//! `getaddrinfo` for `AF_INET6` and one for `AF_INET`, on two threads of its resolver
//! pool, connecting as soon as the first answers) has its two answers joined into one
//! ([`lookup_started`], [`lookup_ended`]), so the name is still judged as a whole. A connect does
//! not say which name it is for: [`destination_verdict`] takes it to follow the latest
//! lookup that produced its address and judges that name as the stream layer judges a
//! name (with all of its addresses); the Gmail whitelist applies only when every name that
//! produced the address is whitelisted for the port.

use std::net::IpAddr;

use appengine_sockets_policy::{Policy, ResolveError, Resolver, Rule, Transport, Verdict};

use crate::state;

use super::requests::{LIVE, LOCAL};

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What libraries' `getaddrinfo()` calls answered in one request (on its thread and the
/// threads its libraries started): each name with every address it resolved to, as
/// answered (an IPv4-mapped address is matched as the IPv4 address it carries, and named
/// as answered), the latest lookup last.
#[derive(Default)]
pub struct Names {
    entries: Vec<(String, Vec<IpAddr>)>,
    /// Which address families each entry's lookups asked for ([`V4`], [`V6`]; both for an
    /// `AF_UNSPEC` lookup), beside `entries`.
    families: Vec<u8>,
    /// Lookups of one address family running now on the request's threads: the name and
    /// the family, once per lookup.
    running: Vec<(String, u8)>,
    /// More lookups than kept: the oldest were dropped (the newest [`MAX_NAMES`] are still
    /// judged), and the Gmail whitelist no longer applies (a dropped name may have shared a
    /// whitelisted name's address).
    overflow: bool,
}

const MAX_NAMES: usize = 1024;

/// Whether `name` is an address as [`IpAddr`]'s parser reads it (the names [`resolved`]
/// does not record). A dotted quad is read here without the parser: exactly four decimal
/// octets of at most 255, no leading zero; only a name with a colon can be IPv6.
pub fn is_ip_literal(name: &[u8]) -> bool {
    if name.contains(&b':') {
        return std::str::from_utf8(name).is_ok_and(|n| n.parse::<IpAddr>().is_ok());
    }
    let mut octets = 0;
    for part in name.split(|&b| b == b'.') {
        octets += 1;
        let ok = octets <= 4
            && (1..=3).contains(&part.len())
            && part.iter().all(u8::is_ascii_digit)
            && (part.len() == 1 || part[0] != b'0')
            && part.iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0')) <= 255;
        if !ok {
            return false;
        }
    }
    octets == 4
}

/// The address families a lookup asked for: IPv4, IPv6, or both ([`ANY`]).
pub const V4: u8 = 1;
pub const V6: u8 = 2;
pub const ANY: u8 = V4 | V6;

/// The families a `getaddrinfo` hints' `ai_family` asks for.
pub fn families(ai_family: i32) -> u8 {
    match ai_family {
        libc::AF_INET => V4,
        libc::AF_INET6 => V6,
        _ => ANY,
    }
}

/// How long a lookup of one family waits for the same name's lookup of the other family
/// running beside it ([`lookup_ended`]): longer than glibc's resolver gives a lookup (5 s
/// per try, 2 tries, per nameserver); past it the waiting lookup fails (`EAI_AGAIN`).
pub const PAIR_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `f` on the names of the request the calling thread's calls belong to (`None`: no
/// request, or it ended and its names are gone with it).
fn with_names<T>(f: impl FnOnce(&mut Names) -> T) -> Option<T> {
    let owner = LOCAL.with(|l| l.owner.get());
    if owner.thread == 0 {
        return None;
    }
    let mut live = LIVE.lock();
    live.iter_mut().find(|l| l.owner == owner).map(|l| f(&mut l.names))
}

/// A library resolved `name` to `addresses` (any thread of a request: libcurl resolves in
/// its own), asking for both address families: recorded for the request the calling
/// thread's calls belong to.
pub fn resolved(name: &str, addresses: &[IpAddr]) {
    if name.parse::<IpAddr>().is_ok() || addresses.is_empty() {
        return;
    }
    with_names(|n| n.record(name, ANY, addresses));
}

/// A lookup of `name` for one address family (`families` is [`V4`] or [`V6`]) starts on
/// this thread: until it ends, the same name's lookup of the other family waits for it.
/// Returns whether it was noted (a judged thread, a name, one family).
pub fn lookup_started(name: &str, families: u8) -> bool {
    if families == ANY || name.parse::<IpAddr>().is_ok() {
        return false;
    }
    with_names(|n| n.running.push((name.to_owned(), families))).is_some()
}

/// The lookup [`lookup_started`] noted ended with `addresses` (none: it failed): recorded,
/// joined with the same name's answer for the other family when that came first; then,
/// while a lookup of the same name for the other family runs on another of the request's
/// threads, this one waits for it (at most [`PAIR_WAIT`]), so that the library, which may
/// connect as soon as one answer is in, connects only once the name's whole answer is
/// recorded (a failed lookup does not wait: the other half is the whole answer). Returns
/// false when the wait ran out (the lookup must then fail).
pub fn lookup_ended(name: &str, families: u8, addresses: &[IpAddr]) -> bool {
    let other = ANY & !families;
    let running = |n: &Names| n.running.iter().any(|(m, f)| *f == other && m.eq_ignore_ascii_case(name));
    let found = with_names(|n| {
        if let Some(i) = n.running.iter().position(|(m, f)| *f == families && m == name) {
            n.running.swap_remove(i);
        }
        if !addresses.is_empty() {
            n.record(name, families, addresses);
        }
        !addresses.is_empty() && running(n)
    });
    if found != Some(true) {
        return true;
    }
    let start = std::time::Instant::now();
    while start.elapsed() < PAIR_WAIT {
        std::thread::sleep(std::time::Duration::from_millis(1));
        if with_names(|n| running(n)) != Some(true) {
            return true;
        }
    }
    false
}

/// The verdict for a destination a library connects (or sends) to, and the name it is
/// shown as (`name:port` in the warning and the log) when a name decided.
///
/// A connect does not say which name it is for: it is taken to follow the latest lookup
/// in this request that produced its address, as a library connects right after
/// resolving. That lookup is judged as the stream layer judges a name: with the policy
/// core's [`check_connect`] over every address it answered, so a name with a public and a
/// refused address is refused whichever address a library connects to (`mixed.test`,
/// resolving to 11.0.0.1 and 10.0.0.5: "private address 10.0.0.5; mixed.test resolves to
/// 11.0.0.1, 10.0.0.5"). Each lookup stands alone, as each stream's does: a rebinding
/// name's earlier answer is not refused for its later one. (Every name that ever produced
/// the address would let one refused name, sharing a CDN's address with others, refuse
/// them all for the rest of the request: a long CLI run's, for hours.) An address no
/// lookup produced (a literal, CURLOPT_RESOLVE, DoH) is judged on its own, and so is one
/// of a lookup with a single address (its verdict as a name is the address's, and the
/// address is shown).
///
/// The Gmail whitelist applies when libraries resolved whitelisted names to this address
/// in the calling thread's request (on any of its threads) and *every* name that produced
/// this address in this request is whitelisted for the port (`evil-gmail.test`, resolving
/// to the same Google address as `smtp.gmail.com`, gets no whitelist, and after it neither
/// does that address for the rest of the request).
///
/// [`check_connect`]: appengine_sockets_policy::Policy::check_connect
#[cfg(test)]
pub(super) fn destination_verdict(ip: IpAddr, port: u16) -> (Verdict, Option<String>) {
    destination_verdict_and_names(ip, port, false).0
}

/// [`destination_verdict`], and (when `names` is set) the names a connect to `ip` is for
/// in the ACL ([`Names::producing`]).
pub(super) fn destination_verdict_and_names(ip: IpAddr, port: u16, names: bool) -> ((Verdict, Option<String>), Vec<String>) {
    let policy = state::get().policy();
    let owner = LOCAL.with(|l| l.owner.get());
    let live = LIVE.lock();
    match live.iter().find(|l| l.owner == owner) {
        Some(l) => (names_verdict(policy, &l.names, ip, port), if names { l.names.producing(ip) } else { Vec::new() }),
        // The request ended (a library's thread outlived it): its names are gone with it.
        None => (names_verdict(policy, &Names::default(), ip, port), Vec::new()),
    }
}

/// Every name whose lookup in the calling thread's request produced `ip`, the latest first
/// (none: an address no lookup produced), for the ACL.
pub fn names_for(ip: IpAddr) -> Vec<String> {
    let owner = LOCAL.with(|l| l.owner.get());
    let live = LIVE.lock();
    live.iter().find(|l| l.owner == owner).map(|l| l.names.producing(ip)).unwrap_or_default()
}

impl Names {
    /// Records a lookup of `name` for `families` that answered `addresses`: a lookup of
    /// one family joins the name's latest entry when that is a lookup of the other family
    /// alone (the two halves of one resolve, whichever came first; IPv6 addresses first,
    /// as glibc's sorting mostly has them); otherwise it is an
    /// entry of its own, newest last (a lookup made again moves to the end).
    fn record(&mut self, name: &str, families: u8, addresses: &[IpAddr]) {
        if families != ANY {
            let latest = self.entries.iter().rposition(|(m, _)| m.eq_ignore_ascii_case(name));
            if let Some(i) = latest.filter(|&i| self.families[i] == ANY & !families) {
                let (m, a) = self.entries.remove(i);
                self.families.remove(i);
                // IPv6 first, then IPv4, each as its lookup answered: the same text
                // whichever half came first.
                let all = || a.iter().chain(addresses).copied();
                let mut joined: Vec<IpAddr> = Vec::new();
                for x in all().filter(IpAddr::is_ipv6).chain(all().filter(IpAddr::is_ipv4)) {
                    if !joined.contains(&x) {
                        joined.push(x);
                    }
                }
                self.entries.push((m, joined));
                self.families.push(ANY);
                return;
            }
        }
        if let Some(i) = (0..self.entries.len())
            .find(|&i| self.families[i] == families && self.entries[i].1 == addresses && self.entries[i].0.eq_ignore_ascii_case(name))
        {
            let entry = self.entries.remove(i);
            self.families.remove(i);
            self.entries.push(entry);
            self.families.push(families);
            return;
        }
        if self.entries.len() >= MAX_NAMES {
            self.overflow = true;
            self.entries.remove(0);
            self.families.remove(0);
        }
        self.entries.push((name.to_owned(), addresses.to_vec()));
        self.families.push(families);
    }

    /// The names a connect to `ip` is for, as the ACL sees them: every name whose lookup in
    /// this request produced it, the latest first, each once (compared without regard to
    /// case). The ACL refuses the connect if it refuses any of them (docs/acl.md, "What
    /// is matched"): a connect does not say which lookup it follows, and judging only the
    /// latest would let a refused name through once an allowed name sharing its address
    /// (a CDN's, a virtual host's) was looked up after it.
    fn producing(&self, ip: IpAddr) -> Vec<String> {
        let key = canonical(ip);
        let mut names: Vec<String> = Vec::new();
        for (name, a) in self.entries.iter().rev() {
            if a.iter().any(|&x| canonical(x) == key) && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                names.push(name.clone());
            }
        }
        names
    }
}

/// What a library's lookup of a name answered, as a resolver for the policy core: the name
/// is judged on those addresses, never looked up again inside a library's call.
struct Recorded(Vec<IpAddr>);

impl Resolver for Recorded {
    fn resolve(&self, _host: &str) -> Result<Vec<IpAddr>, ResolveError> {
        Ok(self.0.clone())
    }
}

/// [`destination_verdict`] over the names `n` a request's libraries resolved.
fn names_verdict(policy: &Policy, n: &Names, ip: IpAddr, port: u16) -> (Verdict, Option<String>) {
    let plain = policy.check_address(None, ip, port);
    let key = canonical(ip);
    let produced = |a: &[IpAddr]| a.iter().any(|&x| canonical(x) == key);
    if let Some((name, addresses)) = n.entries.iter().rev().find(|(_, a)| produced(a)) {
        if addresses.len() > 1 {
            let decision = policy.check_connect(&Transport::Tcp, name, port, &Recorded(addresses.clone()));
            if !decision.verdict.allowed {
                return (decision.verdict, Some(name.clone()));
            }
        }
    }
    if plain.allowed || plain.rule != Rule::Google || n.overflow {
        return (plain, None);
    }
    let mut whitelisted: Option<(Verdict, String)> = None;
    for (name, _) in n.entries.iter().filter(|(_, a)| produced(a)) {
        let v = policy.check_address(Some(name), ip, port);
        if !v.allowed {
            return (plain, None);
        }
        whitelisted.get_or_insert((v, name.clone()));
    }
    match whitelisted {
        Some((v, name)) => (v, Some(name)),
        None => (plain, None),
    }
}

#[cfg(test)]
mod tests {
    use super::super::requests::{request_end, request_start};
    use super::*;

    // Each test runs on a thread of its own, with its own made-up thread id for requests.

    #[test]
    fn ip_literals_as_the_parser_reads_them() {
        for name in ["11.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "2400:cb00::10", "::ffff:1.2.3.4", "1.20.199.9"] {
            assert!(is_ip_literal(name.as_bytes()), "{name}");
        }
        for name in ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.1000",
                     "public.test", "1.2.3.a", "0x1.2.3.4", "1:2", "[::1]", "１.2.3.4"] {
            assert!(!is_ip_literal(name.as_bytes()), "{name}");
        }
        for name in ["1.2.3.4", "1.2.3", "01.2.3.4", "300.1.1.1", "a.b", "::1", "1::2::3", "12.34.56.78"] {
            assert_eq!(is_ip_literal(name.as_bytes()), name.parse::<IpAddr>().is_ok(), "{name}");
        }
    }

    #[test]
    fn whitelist_needs_every_name_whitelisted() {
        request_start(0x1001, 0);
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        resolved("smtp.gmail.com", &[google]);
        assert!(destination_verdict(google, 465).0.allowed);
        assert!(!destination_verdict(google, 443).0.allowed);
        resolved("evil-gmail.test", &[google]);
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        request_end();
    }


    fn recorded(entries: &[(&str, &[&str])]) -> Names {
        let mut n = Names::default();
        for (name, addresses) in entries {
            n.entries.push(((*name).to_owned(), addresses.iter().map(|a| a.parse().unwrap()).collect()));
            n.families.push(ANY);
        }
        n
    }

    #[test]
    fn a_name_is_judged_with_every_address_it_resolved_to() {
        let policy = state::get().policy();
        let (public, private): (IpAddr, IpAddr) = ("11.0.0.1".parse().unwrap(), "10.0.0.5".parse().unwrap());
        let n = recorded(&[("mixed.test", &["11.0.0.1", "10.0.0.5"])]);
        for ip in [public, private] {
            let (v, name) = names_verdict(policy, &n, ip, 80);
            assert_eq!((v.allowed, v.rule), (false, Rule::SpecialPurpose), "{ip}");
            assert_eq!(v.reason, "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5", "{ip}");
            assert_eq!(name.as_deref(), Some("mixed.test"), "{ip}");
        }
        // The stream path's verdict for the same name and addresses.
        let stream = policy.check_connect(&Transport::Tcp, "mixed.test", 80, &Recorded(vec![public, private]));
        assert_eq!(names_verdict(policy, &n, public, 80).0, stream.verdict);
        // An IPv4-mapped connect to a recorded address, on any port.
        assert!(!names_verdict(policy, &n, "::ffff:11.0.0.1".parse().unwrap(), 443).0.allowed);
        // Each lookup stands alone, as a stream's: a rebinding name's first answer is not
        // refused for its second.
        let n = recorded(&[("rebind.test", &["11.0.0.1"]), ("rebind.test", &["10.0.0.5"])]);
        assert!(names_verdict(policy, &n, public, 80).0.allowed);
        // An address no lookup produced, and a name with one address: judged on their own.
        let n = recorded(&[("mixed.test", &["11.0.0.2", "10.0.0.5"]), ("private.test", &["10.0.0.6"])]);
        assert_eq!(names_verdict(policy, &n, public, 80), (policy.check_address(None, public, 80), None));
        let private6: IpAddr = "10.0.0.6".parse().unwrap();
        assert_eq!(names_verdict(policy, &n, private6, 80), (policy.check_address(None, private6, 80), None));
    }

    #[test]
    fn the_latest_lookup_of_an_address_names_it() {
        let policy = state::get().policy();
        let public: IpAddr = "11.0.0.1".parse().unwrap();
        let n = recorded(&[("mixed.test", &["11.0.0.1", "10.0.0.5"]), ("public.test", &["11.0.0.1"])]);
        assert_eq!(names_verdict(policy, &n, public, 80), (policy.check_address(None, public, 80), None));
        assert_eq!(names_verdict(policy, &n, "10.0.0.5".parse().unwrap(), 80).1.as_deref(), Some("mixed.test"));
        let n = recorded(&[("public.test", &["11.0.0.1"]), ("mixed.test", &["11.0.0.1", "10.0.0.5"])]);
        assert_eq!(names_verdict(policy, &n, public, 80).1.as_deref(), Some("mixed.test"));
        // A lookup made again is the latest; past MAX_NAMES the oldest are dropped.
        request_start(0x1007, 0);
        resolved("mixed.test", &[public, "10.0.0.5".parse().unwrap()]);
        resolved("public.test", &[public]);
        assert!(destination_verdict(public, 80).0.allowed);
        resolved("mixed.test", &[public, "10.0.0.5".parse().unwrap()]);
        assert!(!destination_verdict(public, 80).0.allowed);
        for i in 0..MAX_NAMES {
            resolved(&format!("n{i}.test"), &["11.0.1.1".parse().unwrap()]);
        }
        {
            let owner = LOCAL.with(|l| l.owner.get());
            let live = LIVE.lock();
            let n = &live.iter().find(|l| l.owner == owner).unwrap().names;
            assert!(n.overflow && n.entries.len() == MAX_NAMES);
        }
        assert!(destination_verdict(public, 80).0.allowed, "mixed.test was dropped");
        resolved("mixed.test", &[public, "10.0.0.5".parse().unwrap()]);
        assert!(!destination_verdict(public, 80).0.allowed, "the newest lookups are kept");
        request_end();
    }

    #[test]
    fn every_name_that_produced_an_address_is_named_for_the_acl() {
        let (shared, other): (IpAddr, IpAddr) = ("11.0.0.3".parse().unwrap(), "11.0.0.1".parse().unwrap());
        let n = recorded(&[
            ("other.test", &["11.0.0.3"]),
            ("public.test", &["11.0.0.1"]),
            ("TLS.test", &["11.0.0.3"]),
            ("tls.test", &["11.0.0.3"]),
            ("other.test", &["11.0.0.3"]),
        ]);
        // The latest first, each name once (whatever its case), only those with the address.
        assert_eq!(n.producing(shared), ["other.test", "tls.test"]);
        assert_eq!(n.producing("::ffff:11.0.0.3".parse().unwrap()), ["other.test", "tls.test"]);
        assert_eq!(n.producing(other), ["public.test"]);
        assert!(n.producing("11.0.0.2".parse().unwrap()).is_empty());
    }

    #[test]
    fn a_names_lookups_per_family_are_judged_as_one() {
        use super::super::requests::{inherit, inheritance};
        let (v4, v6): (IpAddr, IpAddr) = ("11.0.0.1".parse().unwrap(), "fd00::5".parse().unwrap());
        request_start(0x1009, 0);
        // One after the other, either order: one entry with both answers.
        for (first, second) in [((V6, v6), (V4, v4)), ((V4, v4), (V6, v6))] {
            assert!(lookup_started("mixedfam.test", first.0));
            assert!(lookup_ended("mixedfam.test", first.0, &[first.1]));
            assert!(lookup_started("mixedfam.test", second.0));
            assert!(lookup_ended("mixedfam.test", second.0, &[second.1]));
            let (v, name) = destination_verdict(v4, 80);
            assert_eq!((v.allowed, name.as_deref()), (false, Some("mixedfam.test")));
            assert_eq!(v.reason, "private address fd00::5; mixedfam.test resolves to fd00::5, 11.0.0.1", "{first:?} first");
        }
        // A lookup asking for both families, or one family again, stands alone.
        resolved("mixedfam.test", &[v4]);
        assert!(destination_verdict(v4, 80).0.allowed);
        assert!(lookup_started("mixedfam.test", V4));
        assert!(lookup_ended("mixedfam.test", V4, &[v4]));
        assert!(lookup_started("mixedfam.test", V4));
        assert!(lookup_ended("mixedfam.test", V4, &[v4]));
        assert!(destination_verdict(v4, 80).0.allowed, "two IPv4 lookups are not one name's halves");
        assert!(!lookup_started("11.0.0.1", V4), "a literal is no name");
        // Side by side on two of the request's threads: the IPv4 half, answered first,
        // waits for the IPv6 half running beside it, so a connect after it sees both.
        assert!(lookup_started("slow6.test", V6));
        let from = inheritance(String::new).unwrap();
        let half = std::thread::spawn(move || {
            inherit(from);
            assert!(lookup_started("slow6.test", V4));
            let ok = lookup_ended("slow6.test", V4, &["11.0.0.2".parse().unwrap()]);
            (ok, destination_verdict("11.0.0.2".parse().unwrap(), 80).0.allowed)
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!half.is_finished(), "the IPv4 half waits for the IPv6 half");
        assert!(lookup_ended("slow6.test", V6, &["fd00::6".parse().unwrap()]));
        assert_eq!(half.join().unwrap(), (true, false), "the name is refused as a whole");
        // A failed half does not wait.
        assert!(lookup_started("gone.test", V6));
        assert!(lookup_started("gone.test", V4));
        assert!(lookup_ended("gone.test", V4, &[]));
        request_end();
    }

    #[test]
    fn whitelist_semantics_with_whole_names() {
        let policy = state::get().policy();
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        let n = recorded(&[("smtp.gmail.com", &["142.250.80.46", "142.250.80.47"])]);
        let (v, name) = names_verdict(policy, &n, google, 465);
        assert_eq!((v.allowed, v.rule, name.as_deref()), (true, Rule::Whitelist, Some("smtp.gmail.com")));
        // Not whitelisted on this port: refused as the name, as a stream is.
        let (v, name) = names_verdict(policy, &n, google, 443);
        assert_eq!((v.allowed, v.rule, name.as_deref()), (false, Rule::Google, Some("smtp.gmail.com")));
        // A whitelisted name with a private address is refused as a whole.
        let n = recorded(&[("smtp.gmail.com", &["142.250.80.46", "10.0.0.5"])]);
        let (v, _) = names_verdict(policy, &n, google, 465);
        assert_eq!(v.reason, "private address 10.0.0.5; smtp.gmail.com resolves to 142.250.80.46, 10.0.0.5");
        // After an overflow the whitelist does not apply.
        let mut n = recorded(&[("smtp.gmail.com", &["142.250.80.46"])]);
        n.overflow = true;
        assert_eq!(names_verdict(policy, &n, google, 465), (policy.check_address(None, google, 465), None));
    }
}
