//! The kernel backstop: the policy in force as an nftables ruleset.
//!
//! Some ways out are beyond any in-process guard: a raw `syscall(SYS_connect)` or io_uring
//! through FFI, statically linked programs, and child processes (`exec('curl ...')`,
//! `mail()`'s sendmail). The kernel's firewall can hold the address part of the rules for
//! everything a pool's user (or cgroup) runs, whatever the code does. [`Backstop`] turns a
//! [`Policy`] into that ruleset, with the extension's precedence:
//!
//! 1. the system resolvers on port 53 (the nameservers of `/etc/resolv.conf`, and
//!    loopback): the extension lets the C library's resolver reach them whatever their
//!    address (a nameserver is often on loopback, 127.0.0.53 or Docker's 127.0.0.11, or at
//!    a private or link-local address such as GCE's 169.254.169.254), so the kernel must
//!    too, or every name lookup of the pool and its children would fail;
//! 2. the operator's deny entries (refused);
//! 3. the operator's allow entries (accepted, port 25 and private addresses included);
//! 4. port 25 (refused);
//! 5. the special-purpose addresses of [`crate::special`] (refused), IPv6 forms that carry
//!    an IPv4 address judged by the address they carry;
//! 6. the whitelist's exact address:port pairs (Google Public DNS on port 53: accepted),
//!    and Google's addresses on the Gmail names' ports (accepted: a name is not visible to
//!    the kernel, so the extension alone holds the whitelist by name);
//! 7. Google's ranges (refused);
//! 8. everything else: accepted.
//!
//! Only new flows are judged (`ct state new`): TCP connects and the first datagram of a
//! UDP flow, of both families, in the `output` hook. A refused TCP connect is answered
//! with a reset (the caller sees `ECONNREFUSED` at once; a plain drop would leave the
//! connect retrying its SYN until it timed out), a refused datagram is dropped (the send
//! fails with `EPERM`).
//!
//! Every set is an interval set written one element per line in address order, so a
//! policy change regenerates a ruleset whose diff is the change (and the fingerprint line).
//!
//! What the kernel cannot hold, it does not pretend to: names (the Gmail whitelist by name,
//! a name with one refused address among several), listening and binding, and the socket
//! kinds that are not TCP or UDP. Teredo addresses (2001::/32) are refused whole, as the
//! client address inside them is not a contiguous field; the extension judges the address
//! they carry.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;
use thiserror::Error;

use crate::operator::Entry;
use crate::ranges::merge;
use crate::rules::{Policy, WHITELISTED_DNS, WHITELISTED_NAMES};
use crate::special::{refused_intervals4, regions6, Embedding, Region6};

/// The table's name: one table per matched user, so pools can be loaded side by side.
pub const TABLE_PREFIX: &str = "appengine_sockets_";

/// The text every generated selector rule's comment starts with (`php --ri` looks for it).
pub const COMMENT_PREFIX: &str = "appengine_sockets";

/// Whose sockets the ruleset judges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    /// The user's name, for comments (the rule matches the number).
    pub user: String,
    /// The user's uid (`meta skuid`).
    pub uid: u32,
    /// A cgroup v2 path relative to the cgroup2 mount (`socket cgroupv2`); every socket
    /// in it is judged too, whatever its owner (a setuid child included).
    pub cgroup: Option<String>,
}

/// A cgroup path the ruleset cannot carry.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("cgroup path \"{path}\" {problem}")]
pub struct CgroupError {
    /// The path as given.
    pub path: String,
    /// What is wrong with it.
    pub problem: &'static str,
}

/// A cgroup v2 path as `socket cgroupv2` takes it: relative to the cgroup2 mount, without
/// leading or trailing slashes (`/sys/fs/cgroup/` in front is taken off), with its depth.
pub fn cgroup_path(path: &str) -> Result<(String, usize), CgroupError> {
    let err = |problem| CgroupError {
        path: path.to_owned(),
        problem,
    };
    let rel = path.strip_prefix("/sys/fs/cgroup").unwrap_or(path).trim_matches('/');
    if rel.is_empty() {
        return Err(err("is the cgroup root: name the pool's own cgroup"));
    }
    if rel.chars().any(|c| c.is_control() || c == '"' || c == '\\' || c.is_whitespace()) {
        return Err(err("holds a quote, a backslash, white space or a control character"));
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
        return Err(err("has an empty, \".\" or \"..\" component"));
    }
    Ok((rel.to_owned(), parts.len()))
}

/// The nameservers of a resolv.conf text, sorted and without repeats (a link-local IPv6
/// nameserver's `%zone` is dropped: the rule matches the address).
pub fn resolv_conf_nameservers(text: &str) -> Vec<IpAddr> {
    let mut out: Vec<IpAddr> = text
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("nameserver")).then(|| w.next()).flatten()
        })
        .filter_map(|a| a.split('%').next()?.parse().ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

type Set4 = Vec<(u32, u32)>;
type Set6 = Vec<(u128, u128)>;
/// Port-qualified entries: (first, last, port), sorted by port then address.
type PortSet4 = Vec<(u32, u32, u16)>;
type PortSet6 = Vec<(u128, u128, u16)>;

/// The ports of the Gmail whitelist's names (465, 587, 993, 995).
fn gmail_ports() -> Vec<u16> {
    let mut p: Vec<u16> = WHITELISTED_NAMES.iter().flat_map(|(_, ports)| ports.iter().copied()).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// One family's sets, addresses as `u32` (IPv4) or `u128` (IPv6), in the judge chain's order.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Family<T> {
    resolvers: Vec<(T, T)>,
    deny: Vec<(T, T)>,
    deny_port: Vec<(T, T, u16)>,
    allow: Vec<(T, T)>,
    allow_port: Vec<(T, T, u16)>,
    special: Vec<(T, T)>,
    whitelist: Vec<(T, T, u16)>,
    google: Vec<(T, T)>,
}

impl<T: Ord + Copy + Into<u128>> Family<T> {
    /// The judge chain for one family, rule for rule (the first rule that matches
    /// decides): whether a new flow to `x`:`port` is refused.
    fn refuses(&self, x: T, port: u16) -> bool {
        let has = |set: &[(T, T)]| set.iter().any(|&(a, b)| a <= x && x <= b);
        let has_port = |set: &[(T, T, u16)]| set.iter().any(|&(a, b, p)| p == port && a <= x && x <= b);
        if port == 53 && has(&self.resolvers) {
            false
        } else if has(&self.deny) || has_port(&self.deny_port) {
            true
        } else if has(&self.allow) || has_port(&self.allow_port) {
            false
        } else if port == 25 || has(&self.special) {
            true
        } else if has_port(&self.whitelist) || gmail_ports().contains(&port) {
            false
        } else {
            has(&self.google)
        }
    }

    /// Every set's intervals, without their ports.
    fn intervals(&self) -> impl Iterator<Item = (T, T)> + '_ {
        [&self.resolvers, &self.deny, &self.allow, &self.special, &self.google]
            .into_iter()
            .flatten()
            .copied()
            .chain([&self.deny_port, &self.allow_port, &self.whitelist].into_iter().flatten().map(|&(a, b, _)| (a, b)))
    }

    /// The family's sets as nftables text: `n` is "4" or "6", `ty` the address type.
    fn render(&self, t: &mut String, n: &str, ty: &str, bits: u32, show: fn(u128) -> String) {
        let forms = if n == "6" { ", and the IPv6 forms that carry refused IPv4 addresses" } else { "" };
        let plain = |t: &mut String, name: &str, what: &str, s: &[(T, T)]| {
            let e = s.iter().map(|&(a, b)| interval(a.into(), b.into(), bits, show)).collect();
            set_text(t, &format!("{name}{n}"), what, ty, e);
        };
        let ported = |t: &mut String, name: &str, what: &str, s: &[(T, T, u16)]| {
            let e = s.iter().map(|&(a, b, p)| format!("{} . {p}", interval(a.into(), b.into(), bits, show))).collect();
            set_text(t, &format!("{name}{n}_port"), what, &format!("{ty} . inet_service"), e);
        };
        plain(t, "resolvers", "the system resolvers, port 53 (loopback and /etc/resolv.conf)", &self.resolvers);
        plain(t, "deny", "appengine_sockets.deny, every port", &self.deny);
        ported(t, "deny", "appengine_sockets.deny, one port", &self.deny_port);
        plain(t, "allow", "appengine_sockets.allow, every port", &self.allow);
        ported(t, "allow", "appengine_sockets.allow, one port", &self.allow_port);
        plain(t, "special", &format!("special-purpose addresses (IANA registries, multicast, broadcast, reserved){forms}"), &self.special);
        ported(t, "whitelist", "App Engine's whitelist by address: Google Public DNS on port 53", &self.whitelist);
        plain(t, "google", &format!("Google's ranges (goog.json minus cloud.json){forms}"), &self.google);
    }
}

/// The policy as sets of intervals, in both families: what the ruleset is rendered from,
/// and what the unit tests judge addresses with ([`Backstop::refuses`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backstop {
    v4: Family<u32>,
    v6: Family<u128>,
}

const MAPPED_FIRST: u128 = 0xffff << 32;
const MAPPED_LAST: u128 = (0xffff << 32) | 0xffff_ffff;

/// Where the IPv4 intervals `v4` appear inside the IPv6 forms that carry an IPv4 address
/// (mapped, compatible, NAT64, 6to4), within the stretches `regions` gives each form.
/// Teredo is left out: its IPv4 field is not contiguous, and the special set refuses it whole.
fn embedded(v4: &[(u32, u32)], regions: &[(u128, u128, Region6)]) -> Set6 {
    let mut out = Vec::new();
    for &(lo, hi, region) in regions {
        let Region6::Embedded(how) = region else { continue };
        for &(a, b) in v4 {
            let (a, b) = (u128::from(a), u128::from(b));
            let (first, last) = match how {
                Embedding::Mapped | Embedding::Compatible | Embedding::Nat64 => {
                    let base = lo & !0xffff_ffff;
                    (base | a, base | b)
                }
                Embedding::SixToFour => {
                    let base = lo & !((1u128 << 112) - 1);
                    (base | (a << 80), base | (b << 80) | ((1u128 << 80) - 1))
                }
                Embedding::Teredo => continue,
            };
            let (first, last) = (first.max(lo), last.min(hi));
            if first <= last {
                out.push((first, last));
            }
        }
    }
    out
}

/// The IPv4 addresses inside the IPv4-mapped stretch of `v6`: a socket of either family
/// sends those as IPv4, so that is where the kernel sees them.
fn mapped_down(v6: &[(u128, u128)]) -> Set4 {
    v6.iter()
        .filter_map(|&(a, b)| {
            let (a, b) = (a.max(MAPPED_FIRST), b.min(MAPPED_LAST));
            (a <= b).then_some((a as u32, b as u32))
        })
        .collect()
}

fn net4(n: &IpNet) -> Option<(u32, u32)> {
    match n {
        IpNet::V4(n) => Some((n.network().to_bits(), n.broadcast().to_bits())),
        IpNet::V6(_) => None,
    }
}

fn net6(n: &IpNet) -> Option<(u128, u128)> {
    match n {
        IpNet::V6(n) => Some((n.network().to_bits(), n.broadcast().to_bits())),
        IpNet::V4(_) => None,
    }
}

/// Sorted, merged intervals per port.
fn by_port<T: crate::ranges::Step>(mut v: Vec<(T, T, u16)>) -> Vec<(T, T, u16)> {
    v.sort_unstable_by_key(|&(a, _, p)| (p, a));
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let port = v[i].2;
        let j = i + v[i..].iter().take_while(|e| e.2 == port).count();
        out.extend(merge(v[i..j].iter().map(|&(a, b, _)| (a, b)).collect()).into_iter().map(|(a, b)| (a, b, port)));
        i = j;
    }
    out
}

/// An operator list split into the four sets the ruleset matches: portless and ported, in
/// each family. An IPv4 entry covers the IPv6 forms that carry its addresses (as the
/// extension judges them); with `mapped_to_v4`, an IPv6 entry over IPv4-mapped addresses
/// also covers the IPv4 addresses themselves, which is how they go on the wire (for deny
/// entries: stricter than the extension, which judges `10.0.0.5` and `::ffff:10.0.0.5`
/// apart, and never looser).
fn operator_sets(entries: &[Entry], regions: &[(u128, u128, Region6)], mapped_to_v4: bool) -> (Set4, Set6, PortSet4, PortSet6) {
    let (mut s4, mut s6, mut p4, mut p6) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in entries {
        let mut v4: Set4 = net4(&e.net).into_iter().collect();
        let mut v6: Set6 = net6(&e.net).into_iter().collect();
        v6.extend(embedded(&v4, regions));
        if mapped_to_v4 {
            v4.extend(mapped_down(&v6));
        }
        match e.port {
            None => {
                s4.extend(v4);
                s6.extend(v6);
            }
            Some(port) => {
                p4.extend(v4.into_iter().map(|(a, b)| (a, b, port)));
                p6.extend(v6.into_iter().map(|(a, b)| (a, b, port)));
            }
        }
    }
    (merge(s4), merge(s6), by_port(p4), by_port(p6))
}

impl Backstop {
    /// The sets for `policy`, with `nameservers` (from [`resolv_conf_nameservers`]) open
    /// on port 53.
    pub fn new(policy: &Policy, nameservers: &[IpAddr]) -> Self {
        let regions = regions6();
        let mut resolvers4: Set4 = vec![(Ipv4Addr::new(127, 0, 0, 0).to_bits(), Ipv4Addr::new(127, 255, 255, 255).to_bits())];
        let mut resolvers6: Set6 = vec![(Ipv6Addr::LOCALHOST.to_bits(), Ipv6Addr::LOCALHOST.to_bits())];
        for ns in nameservers {
            match ns {
                IpAddr::V4(a) => resolvers4.push((a.to_bits(), a.to_bits())),
                IpAddr::V6(a) => match a.to_ipv4_mapped() {
                    Some(v4) => resolvers4.push((v4.to_bits(), v4.to_bits())),
                    None => resolvers6.push((a.to_bits(), a.to_bits())),
                },
            }
        }
        let (deny4, deny6, deny4_port, deny6_port) = operator_sets(policy.deny_list(), &regions, true);
        let (allow4, allow6, allow4_port, allow6_port) = operator_sets(policy.allow_list(), &regions, false);
        let special4 = refused_intervals4();
        let mut special6: Set6 = regions
            .iter()
            .filter(|r| matches!(r.2, Region6::Refused | Region6::Embedded(Embedding::Teredo)))
            .map(|&(a, b, _)| (a, b))
            .collect();
        special6.extend(embedded(&special4, &regions));
        let (mut whitelist4, mut whitelist6) = (Vec::new(), Vec::new());
        // The whitelist holds for the forms that reach Google Public DNS itself (IPv4-mapped,
        // NAT64), as the extension's: not 6to4 or IPv4-compatible addresses.
        let reaching: Vec<_> = regions
            .iter()
            .copied()
            .filter(|r| matches!(r.2, Region6::Embedded(Embedding::Mapped | Embedding::Nat64)))
            .collect();
        for ip in WHITELISTED_DNS {
            match ip {
                IpAddr::V4(a) => {
                    let x = a.to_bits();
                    whitelist4.push((x, x, 53));
                    whitelist6.extend(embedded(&[(x, x)], &reaching).into_iter().map(|(a, b)| (a, b, 53)));
                }
                IpAddr::V6(a) => whitelist6.push((a.to_bits(), a.to_bits(), 53)),
            }
        }
        let google = policy.google();
        let google4: Set4 = google.v4().to_vec();
        let mut google6: Set6 = google.v6().to_vec();
        google6.extend(embedded(&google4, &regions));
        Backstop {
            v4: Family {
                resolvers: merge(resolvers4),
                deny: deny4,
                deny_port: deny4_port,
                allow: allow4,
                allow_port: allow4_port,
                special: special4,
                whitelist: by_port(whitelist4),
                google: google4,
            },
            v6: Family {
                resolvers: merge(resolvers6),
                deny: deny6,
                deny_port: deny6_port,
                allow: allow6,
                allow_port: allow6_port,
                special: merge(special6),
                whitelist: by_port(whitelist6),
                google: merge(google6),
            },
        }
    }

    /// Whether the ruleset refuses a new TCP connection or UDP flow to `ip`:`port` (an
    /// IPv4-mapped address is judged as the IPv4 packet it becomes). The model the
    /// rendered rules follow, rule for rule; the unit tests compare it with the policy.
    pub fn refuses(&self, ip: IpAddr, port: u16) -> bool {
        match ip {
            IpAddr::V4(a) => self.v4.refuses(a.to_bits(), port),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => self.v4.refuses(v4.to_bits(), port),
                None => self.v6.refuses(a.to_bits(), port),
            },
        }
    }

    /// The sets and chains that carry the policy (everything but the selector rules):
    /// the same for every user, and what the fingerprint is taken of.
    fn policy_text(&self) -> String {
        let mut t = String::new();
        self.v4.render(&mut t, "4", "ipv4_addr", 32, show4);
        self.v6.render(&mut t, "6", "ipv6_addr", 128, show6);
        let gmail = gmail_ports().iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        let _ = write!(
            t,
            "\tchain judge {{\n\
             \t\tip daddr @resolvers4 th dport 53 accept\n\
             \t\tip6 daddr @resolvers6 th dport 53 accept\n\
             \t\tip daddr @deny4 goto refuse\n\
             \t\tip daddr . th dport @deny4_port goto refuse\n\
             \t\tip6 daddr @deny6 goto refuse\n\
             \t\tip6 daddr . th dport @deny6_port goto refuse\n\
             \t\tip daddr @allow4 accept\n\
             \t\tip daddr . th dport @allow4_port accept\n\
             \t\tip6 daddr @allow6 accept\n\
             \t\tip6 daddr . th dport @allow6_port accept\n\
             \t\tth dport 25 goto refuse\n\
             \t\tip daddr @special4 goto refuse\n\
             \t\tip6 daddr @special6 goto refuse\n\
             \t\tip daddr . th dport @whitelist4_port accept\n\
             \t\tip6 daddr . th dport @whitelist6_port accept\n\
             \t\t# The Gmail whitelist is by name, which the kernel never sees: Google's\n\
             \t\t# addresses stay open on its ports, and the extension holds the names.\n\
             \t\tth dport {{ {gmail} }} accept\n\
             \t\tip daddr @google4 goto refuse\n\
             \t\tip6 daddr @google6 goto refuse\n\
             \t}}\n\
             \n\
             \t# A reset ends a refused connect at once (ECONNREFUSED); a dropped datagram's\n\
             \t# send fails with EPERM.\n\
             \tchain refuse {{\n\
             \t\tmeta l4proto tcp reject with tcp reset\n\
             \t\tdrop\n\
             \t}}\n"
        );
        t
    }

    /// A short fingerprint of the policy part of the ruleset (FNV-1a, 64 bits, in hex):
    /// the same policy always gives the same one, so `php --ri` can tell whether the
    /// loaded ruleset was generated from the policy in force.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", fnv1a(self.policy_text().as_bytes()))
    }

    /// The ruleset for `who`, ready for `nft -f`: it replaces an earlier one for the same
    /// user atomically (the table is declared, deleted and made again in one transaction).
    pub fn render(&self, who: &Selector) -> Result<String, CgroupError> {
        let table = format!("{TABLE_PREFIX}{}", who.uid);
        let policy = self.policy_text();
        let fp = format!("{:016x}", fnv1a(policy.as_bytes()));
        let mut t = String::new();
        let _ = write!(
            t,
            "#!/usr/sbin/nft -f\n\
             # appengine_sockets kernel backstop for user {user} (uid {uid}): the App Engine\n\
             # socket rules for new TCP connections and UDP flows, in the extension's order.\n\
             # Generated by appengine_sockets_nft(); regenerate after a policy change.\n\
             table inet {table}\n\
             delete table inet {table}\n\
             table inet {table} {{\n",
            user = who.user,
            uid = who.uid,
        );
        t.push_str(&policy);
        let _ = write!(
            t,
            "\n\tchain output {{\n\
             \t\ttype filter hook output priority filter; policy accept;\n\
             \t\tmeta skuid {uid} ct state new meta l4proto {{ tcp, udp }} goto judge comment \"{COMMENT_PREFIX} uid {uid} policy {fp}\"\n",
            uid = who.uid
        );
        if let Some(path) = &who.cgroup {
            let (rel, level) = cgroup_path(path)?;
            let _ = writeln!(
                t,
                "\t\tsocket cgroupv2 level {level} \"{rel}\" ct state new meta l4proto {{ tcp, udp }} goto judge comment \"{COMMENT_PREFIX} cgroup {rel} policy {fp}\""
            );
        }
        t.push_str("\t}\n}\n");
        Ok(t)
    }

    /// How many elements the sets hold (IPv4, IPv6), for reports.
    pub fn element_counts(&self) -> (usize, usize) {
        (self.v4.intervals().count(), self.v6.intervals().count())
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `first-last` as nftables writes it: a prefix when it is one, a single address, or a range.
fn interval<T>(first: u128, last: u128, bits: u32, show: T) -> String
where
    T: Fn(u128) -> String,
{
    if first == last {
        return show(first);
    }
    let size = last.wrapping_sub(first).wrapping_add(1);
    let whole = bits == 128 && first == 0 && last == u128::MAX;
    if whole {
        return format!("{}/0", show(0));
    }
    if size.is_power_of_two() && first & (size - 1) == 0 {
        return format!("{}/{}", show(first), bits - size.trailing_zeros());
    }
    format!("{}-{}", show(first), show(last))
}

fn show4(x: u128) -> String {
    Ipv4Addr::from_bits(x as u32).to_string()
}

fn show6(x: u128) -> String {
    Ipv6Addr::from_bits(x).to_string()
}

fn set_text(t: &mut String, name: &str, what: &str, ty: &str, elements: Vec<String>) {
    let _ = write!(t, "\t# {what}\n\tset {name} {{\n\t\ttype {ty}\n\t\tflags interval\n");
    if !elements.is_empty() {
        t.push_str("\t\telements = {\n");
        // A comma after every element, the last too: adding one changes one line.
        for e in elements {
            let _ = writeln!(t, "\t\t\t{e},");
        }
        t.push_str("\t\t}\n");
    }
    t.push_str("\t}\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::google::GoogleRanges;
    use crate::operator::parse_list;
    use crate::special::classify;

    const GOOG: &str = include_str!("../../data/google-ipranges/goog.json");
    const CLOUD: &str = include_str!("../../data/google-ipranges/cloud.json");

    fn policy(allow: &str, deny: &str) -> Policy {
        let g = GoogleRanges::from_json(GOOG, CLOUD).unwrap();
        Policy::new(g.table).with_operator_lists(
            parse_list("appengine_sockets.allow", allow).unwrap(),
            parse_list("appengine_sockets.deny", deny).unwrap(),
        )
    }

    fn who() -> Selector {
        Selector {
            user: "www-data".into(),
            uid: 33,
            cgroup: None,
        }
    }

    const NAMESERVERS: &[&str] = &["10.0.0.2", "169.254.169.254", "fd00::53"];

    fn ns() -> Vec<IpAddr> {
        NAMESERVERS.iter().map(|s| s.parse().unwrap()).collect()
    }

    /// Where the ruleset and the extension are meant to differ, and why; every other
    /// address and port gets the same verdict from both.
    fn expected_difference(b: &Backstop, ip: IpAddr, port: u16) -> bool {
        let wire = match ip {
            IpAddr::V6(a) => a.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        // The system resolvers: the extension lets the C library reach them, not the app.
        let resolver = port == 53
            && match wire {
                IpAddr::V4(a) => a.octets()[0] == 127 || b.v4.resolvers.iter().any(|&(x, _)| x == a.to_bits()),
                IpAddr::V6(a) => a == Ipv6Addr::LOCALHOST || b.v6.resolvers.iter().any(|&(x, _)| x == a.to_bits()),
            };
        // The Gmail names' ports on Google's addresses: by name in the extension only.
        let gmail = gmail_ports().contains(&port);
        // Teredo: refused whole by the ruleset, judged by the carried address by the extension.
        let teredo = matches!(ip, IpAddr::V6(a) if a.segments()[0] == 0x2001 && a.segments()[1] == 0);
        resolver || gmail || teredo
    }

    /// Addresses worth probing: every edge of every set and either side of it, plus
    /// pseudo-random ones, in both families.
    fn probes(b: &Backstop) -> Vec<IpAddr> {
        let mut v4: Vec<u32> = b.v4.intervals().flat_map(|(a, z)| [a.wrapping_sub(1), a, z, z.wrapping_add(1)]).collect();
        let mut v6: Vec<u128> = b.v6.intervals().flat_map(|(a, z)| [a.wrapping_sub(1), a, z, z.wrapping_add(1)]).collect();
        let mut next = crate::test_rng();
        for _ in 0..20_000 {
            v4.push(next() as u32);
            v6.push((u128::from(next()) << 64) | u128::from(next()));
            // Inside the forms that carry IPv4, with a random IPv4 address.
            let x = u128::from(next() as u32);
            v6.extend([0xffff << 32 | x, x, 0x64_ff9b << 96 | x, 0x2002 << 112 | x << 80]);
        }
        v4.into_iter()
            .map(|x| IpAddr::V4(Ipv4Addr::from_bits(x)))
            .chain(v6.into_iter().map(|x| IpAddr::V6(Ipv6Addr::from_bits(x))))
            .collect()
    }

    fn compare(p: &Policy) -> usize {
        let b = Backstop::new(p, &ns());
        let mut compared = 0;
        for ip in probes(&b) {
            for port in [25, 53, 80, 443, 465, 993, 6379, 9999] {
                let kernel = b.refuses(ip, port);
                let ext = !p.check_address(None, ip, port).allowed;
                if expected_difference(&b, ip, port) {
                    // Never looser than the extension, except where the kernel cannot see
                    // what the extension sees (names, the resolver's own traffic).
                    continue;
                }
                assert_eq!(kernel, ext, "{ip} port {port}: ruleset refuses={kernel}, extension refuses={ext}");
                compared += 1;
            }
        }
        compared
    }

    #[test]
    fn ruleset_judges_as_the_extension() {
        assert!(compare(&policy("", "")) > 500_000);
        // Operator lists in both families, with and without ports, overlapping the
        // built-in rules in every order of precedence.
        assert!(
            compare(&policy(
                "10.1.0.0/16, 10.2.0.0/16:6379, 192.0.2.0/24:25, [fd00:1::/32]:443, 8.8.8.0/24, 11.9.0.0/16:25",
                "10.1.2.0/24, 10.2.3.4:6379, 11.0.0.0/8:443, 8.8.8.8, [2400:cb00::/32]:80, 2a00:1450::/29"
            )) > 500_000
        );
    }

    #[test]
    fn teredo_is_refused_whole_and_never_looser() {
        let p = policy("", "");
        let b = Backstop::new(&p, &[]);
        for ip in ["2001:0:4136:e378:8000:63bf:f5ff:fffa", "2001:0:4136:e378:8000:63bf:f4ff:fffe", "2001::"] {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(b.refuses(ip, 80), "{ip}");
        }
        // Looser nowhere: everything the extension refuses in Teredo space is refused.
        let c = classify("2001:0:4136:e378:8000:63bf:f5ff:fffa".parse().unwrap());
        assert!(c.is_refused());
    }

    #[test]
    fn embedded_forms_carry_the_verdict_of_their_ipv4_address() {
        let p = policy("", "10.9.0.0/16");
        let b = Backstop::new(&p, &[]);
        for ip in ["::ffff:10.0.0.5", "64:ff9b::a00:5", "2002:a00:5::1", "::10.0.0.5", "64:ff9b::a09:1", "2002:a09:1::"] {
            assert!(b.refuses(ip.parse().unwrap(), 443), "{ip}");
        }
        for ip in ["::ffff:11.0.0.1", "64:ff9b::b00:1", "2002:b00:1::1"] {
            assert!(!b.refuses(ip.parse().unwrap(), 443), "{ip}");
        }
        // Google Public DNS: whitelisted on 53 in each form that reaches it, refused elsewhere.
        for ip in ["8.8.8.8", "::ffff:8.8.8.8", "64:ff9b::808:808", "2001:4860:4860::8888"] {
            assert!(!b.refuses(ip.parse().unwrap(), 53), "{ip}");
            assert!(b.refuses(ip.parse().unwrap(), 80), "{ip}");
        }
        // 6to4 and IPv4-compatible forms do not reach it: refused as Google addresses.
        for ip in ["2002:808:808::1", "::808:808"] {
            assert!(b.refuses(ip.parse().unwrap(), 53), "{ip}");
        }
    }

    #[test]
    fn resolvers_and_loopback_on_port_53_only() {
        let b = Backstop::new(&policy("", ""), &ns());
        for ip in ["127.0.0.53", "127.0.0.11", "::1", "10.0.0.2", "169.254.169.254", "fd00::53"] {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(!b.refuses(ip, 53), "{ip}");
            assert!(b.refuses(ip, 80), "{ip}");
        }
        assert!(b.refuses("10.0.0.3".parse().unwrap(), 53));
        assert!(b.refuses("169.254.169.254".parse().unwrap(), 80));
    }

    /// Every set a rule names is declared, and every declared set is used.
    #[test]
    fn rules_name_declared_sets() {
        let t = Backstop::new(&policy("", ""), &ns()).render(&who()).unwrap();
        let declared: Vec<&str> = t.lines().filter_map(|l| l.trim().strip_prefix("set ")?.strip_suffix(" {")).collect();
        let used: Vec<&str> = t.split('@').skip(1).filter_map(|r| r.split_whitespace().next()).collect();
        assert_eq!(declared.len(), 16, "{declared:?}");
        for u in &used {
            assert!(declared.contains(u), "rule names undeclared set {u}");
        }
        for d in &declared {
            assert!(used.contains(d), "set {d} is never used");
        }
    }

    #[test]
    fn nameservers_from_resolv_conf() {
        let text = "# comment\nnameserver 10.0.0.2\nsearch example\nnameserver fe80::1%eth0\n nameserver 10.0.0.2\nnameserver bogus\noptions ndots:1\n";
        assert_eq!(resolv_conf_nameservers(text), vec!["10.0.0.2".parse::<IpAddr>().unwrap(), "fe80::1".parse().unwrap()]);
        assert!(resolv_conf_nameservers("").is_empty());
    }

    #[test]
    fn cgroup_paths() {
        assert_eq!(cgroup_path("/system.slice/php8.2-fpm.service/").unwrap(), ("system.slice/php8.2-fpm.service".into(), 2));
        assert_eq!(cgroup_path("/sys/fs/cgroup/aes").unwrap(), ("aes".into(), 1));
        for bad in ["", "/", "a//b", "a/../b", "a b", "a\"b", "a\nb"] {
            assert!(cgroup_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ruleset_text() {
        let b = Backstop::new(&policy("10.2.0.0/16:6379", "[2400:cb00::/32]:80"), &ns());
        let mut w = who();
        w.cgroup = Some("/system.slice/php-fpm.service".into());
        let t = b.render(&w).unwrap();
        assert!(t.contains("table inet appengine_sockets_33\ndelete table inet appengine_sockets_33\n"));
        let fp = b.fingerprint();
        assert!(t.contains(&format!(
            "meta skuid 33 ct state new meta l4proto {{ tcp, udp }} goto judge comment \"appengine_sockets uid 33 policy {fp}\""
        )));
        assert!(t.contains("socket cgroupv2 level 2 \"system.slice/php-fpm.service\" ct state new"));
        assert!(t.contains("\t\t\t10.2.0.0/16 . 6379,\n"));
        assert!(t.contains("\t\t\t2400:cb00::/32 . 80,\n"));
        assert!(t.contains("\t\t\t8.8.8.8 . 53,\n"));
        assert!(t.contains("\t\t\t169.254.0.0/16,\n"));
        assert!(t.contains("\t\t\t127.0.0.0/8,\n"));
        assert!(t.contains("th dport { 465, 587, 993, 995 } accept"));
        // The fingerprint follows the policy, not the user.
        let other = Selector { user: "app2".into(), uid: 1001, cgroup: None };
        assert!(b.render(&other).unwrap().contains(&format!("policy {fp}")));
        assert_ne!(fp, Backstop::new(&policy("", ""), &ns()).fingerprint());
        assert_eq!(fp, Backstop::new(&policy("10.2.0.0/16:6379", "[2400:cb00::/32]:80"), &ns()).fingerprint());
    }

    /// The lines only one of two texts has, each with its side.
    fn diff(a: &str, b: &str) -> Vec<String> {
        let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        // Longest common subsequence: the texts are a few thousand lines.
        let (n, m) = (la.len(), lb.len());
        let mut l = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                l[i][j] = if la[i] == lb[j] { l[i + 1][j + 1] + 1 } else { l[i + 1][j].max(l[i][j + 1]) };
            }
        }
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while i < n || j < m {
            if i < n && j < m && la[i] == lb[j] {
                i += 1;
                j += 1;
            } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
                out.push(format!("+{}", lb[j].trim().trim_end_matches(',')));
                j += 1;
            } else {
                out.push(format!("-{}", la[i].trim().trim_end_matches(',')));
                i += 1;
            }
        }
        out
    }

    fn without_fingerprint(d: Vec<String>) -> Vec<String> {
        d.into_iter().filter(|l| !l.contains("goto judge comment")).collect()
    }

    #[test]
    fn a_policy_change_diffs_as_the_change() {
        let base = policy("10.2.0.0/16:6379", "11.0.0.0/24");
        let t0 = Backstop::new(&base, &ns()).render(&who()).unwrap();
        // Same policy: same text, byte for byte.
        assert_eq!(t0, Backstop::new(&policy("10.2.0.0/16:6379", "11.0.0.0/24"), &ns()).render(&who()).unwrap());
        // Lists given in another order: same text.
        assert_eq!(t0, Backstop::new(&policy("10.2.0.0/16:6379", "11.0.0.0/24"), &ns()).render(&who()).unwrap());
        // One deny entry added: its line in deny4, its IPv6 forms' lines in deny6
        // (compatible, mapped, NAT64, 6to4), and the fingerprint line.
        let t1 = Backstop::new(&policy("10.2.0.0/16:6379", "12.0.0.0/24, 11.0.0.0/24"), &ns()).render(&who()).unwrap();
        assert_eq!(
            without_fingerprint(diff(&t0, &t1)),
            vec!["+12.0.0.0/24", "+::c00:0/120", "+::ffff:12.0.0.0/120", "+64:ff9b::c00:0/120", "+2002:c00::/40"]
        );
        assert_eq!(diff(&t0, &t1).len(), 7, "the entry, its forms, the fingerprint line: {:?}", diff(&t0, &t1));
        // An allow entry's port changed: its line in allow4_port.
        let t2 = Backstop::new(&policy("10.2.0.0/16:6380", "11.0.0.0/24"), &ns()).render(&who()).unwrap();
        let d2 = without_fingerprint(diff(&t0, &t2));
        assert!(d2.contains(&"-10.2.0.0/16 . 6379".to_owned()) && d2.contains(&"+10.2.0.0/16 . 6380".to_owned()), "{d2:?}");
        assert_eq!(d2.len(), 10, "the entry and its four IPv6 forms, out and in: {d2:?}");
        // An IPv6 deny entry: one line in deny6.
        let t3 = Backstop::new(&policy("10.2.0.0/16:6379", "11.0.0.0/24, 2a01:db9::/32"), &ns()).render(&who()).unwrap();
        assert_eq!(without_fingerprint(diff(&t0, &t3)), vec!["+2a01:db9::/32"]);
        // A nameserver added to resolv.conf.
        let mut more = ns();
        more.push("10.0.0.9".parse().unwrap());
        let t4 = Backstop::new(&base, &more).render(&who()).unwrap();
        assert_eq!(without_fingerprint(diff(&t0, &t4)), vec!["+10.0.0.9"]);
        // The Google ranges file replaced by one with a range less (goog.json without one
        // prefix that no cloud.json prefix touches): that range's line goes, nothing else.
        let json: serde_json::Value = serde_json::from_str(GOOG).unwrap();
        let prefixes = json["prefixes"].as_array().unwrap();
        let cloud = GoogleRanges::from_json(GOOG, CLOUD).unwrap();
        let victim = prefixes
            .iter()
            .filter_map(|p| p["ipv4Prefix"].as_str())
            .map(|s| s.parse::<ipnet::Ipv4Net>().unwrap())
            .find(|n| {
                let (a, z) = (n.network().to_bits(), n.broadcast().to_bits());
                // A whole interval of the table on its own.
                cloud.table.v4().contains(&(a, z))
            })
            .expect("some goog.json prefix is an interval of its own");
        let mut smaller = json.clone();
        smaller["prefixes"] = serde_json::Value::Array(
            prefixes.iter().filter(|p| p["ipv4Prefix"].as_str() != Some(&victim.to_string())).cloned().collect(),
        );
        let g = GoogleRanges::from_json(&smaller.to_string(), CLOUD).unwrap();
        let p5 = Policy::new(g.table).with_operator_lists(base.allow_list().to_vec(), base.deny_list().to_vec());
        let t5 = Backstop::new(&p5, &ns()).render(&who()).unwrap();
        let d = without_fingerprint(diff(&t0, &t5));
        assert!(d.contains(&format!("-{victim}")), "{d:?}");
        // And its IPv6 forms (mapped, compatible, NAT64, 6to4): nothing else.
        assert!(d.len() <= 5 && d.iter().all(|l| l.starts_with('-')), "{d:?}");
    }

    #[test]
    fn operator_entries_in_any_order_give_one_text() {
        let a = Backstop::new(&policy("10.2.0.0/16:6379, 10.3.0.0/16", "11.0.0.0/24, 12.0.0.0/24"), &ns());
        let b = Backstop::new(&policy("10.3.0.0/16, 10.2.0.0/16:6379", "12.0.0.0/24, 11.0.0.0/24"), &ns());
        assert_eq!(a.render(&who()).unwrap(), b.render(&who()).unwrap());
    }
}
