//! Special-purpose addresses: what App Engine calls private, broadcast, multicast and
//! reserved ranges, made precise by the IANA special-purpose address registries.
//!
//! Every registry row that is not globally reachable is refused; a more specific row wins
//! over the row that contains it (192.0.0.9/32 is globally reachable inside the
//! non-reachable 192.0.0.0/24). Multicast, broadcast, deprecated site-local IPv6 and the
//! IPv6 space outside global unicast (2000::/3) are refused too.
//!
//! IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64
//! 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) are unwrapped and the IPv4 address inside
//! is judged instead, so `::ffff:10.0.0.5`, `64:ff9b::a00:5` and `2002:a00:5::1` all get the
//! verdict of 10.0.0.5. The local-use NAT64 prefix 64:ff9b:1::/48 has no fixed place for the
//! IPv4 address and is not globally reachable, so it is refused outright.
//!
//! `data/iana-special-purpose.tsv` is the dated copy of the registries this table follows;
//! a unit test checks every row of it against [`classify`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::class::Class;

/// How an IPv6 address carries an IPv4 one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embedding {
    /// `::ffff:a.b.c.d` (RFC 4291).
    Mapped,
    /// `::a.b.c.d`, deprecated (RFC 4291).
    Compatible,
    /// `64:ff9b::a.b.c.d` (RFC 6052).
    Nat64,
    /// `2002:AABB:CCDD::/48` (RFC 3056).
    SixToFour,
    /// `2001:0::/32`, client address XOR-ed in the last 32 bits (RFC 4380).
    Teredo,
}

impl Embedding {
    /// The form's name, for reasons.
    pub fn name(self) -> &'static str {
        match self {
            Embedding::Mapped => "IPv4-mapped",
            Embedding::Compatible => "IPv4-compatible",
            Embedding::Nat64 => "NAT64",
            Embedding::SixToFour => "6to4",
            Embedding::Teredo => "Teredo",
        }
    }

    fn unwrap(self, a: Ipv6Addr) -> Ipv4Addr {
        let bits = a.to_bits();
        match self {
            Embedding::Mapped | Embedding::Compatible | Embedding::Nat64 => Ipv4Addr::from_bits(bits as u32),
            Embedding::SixToFour => Ipv4Addr::from_bits((bits >> 80) as u32),
            Embedding::Teredo => Ipv4Addr::from_bits(!(bits as u32)),
        }
    }
}

/// One row of the special-purpose table.
#[derive(Debug, PartialEq, Eq)]
pub struct Special {
    /// The prefix as the registry writes it.
    pub prefix: &'static str,
    /// The kind of address, as the refusal reason says it ("private", "loopback", ...).
    pub kind: &'static str,
    /// The registry's name for the block.
    pub name: &'static str,
    /// The metrics class of a refusal by this row ([`Class::of_kind`] of its kind).
    pub class: Class,
    /// Whether the registry says it is globally reachable (then it is not refused).
    pub globally_reachable: bool,
    /// Set on the rows whose addresses carry an IPv4 address that is judged instead.
    pub embedding: Option<Embedding>,
}

/// What [`classify`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Classified {
    /// The address the rules judge: the address itself, or the IPv4 address it carries.
    pub effective: IpAddr,
    /// How the IPv4 address was carried, if it was.
    pub embedding: Option<Embedding>,
    /// The special-purpose row that refuses the address, if any.
    pub special: Option<&'static Special>,
}

impl Classified {
    /// Whether the special-purpose rule refuses it.
    pub fn is_refused(&self) -> bool {
        self.special.is_some()
    }
}

impl fmt::Display for Special {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.prefix)
    }
}

struct Row4 {
    net: u32,
    len: u32,
    row: Special,
}

struct Row6 {
    net: u128,
    len: u32,
    row: Special,
}

const fn r4(a: [u8; 4], len: u32, prefix: &'static str, kind: &'static str, name: &'static str, gr: bool) -> Row4 {
    Row4 {
        net: Ipv4Addr::new(a[0], a[1], a[2], a[3]).to_bits(),
        len,
        row: Special {
            prefix,
            kind,
            name,
            class: Class::of_kind(kind),
            globally_reachable: gr,
            embedding: None,
        },
    }
}

const fn r6(s: [u16; 8], len: u32, prefix: &'static str, kind: &'static str, name: &'static str, gr: bool) -> Row6 {
    Row6 {
        net: Ipv6Addr::new(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]).to_bits(),
        len,
        row: Special {
            prefix,
            kind,
            name,
            class: Class::of_kind(kind),
            globally_reachable: gr,
            embedding: None,
        },
    }
}

const fn e6(s: [u16; 8], len: u32, prefix: &'static str, name: &'static str, how: Embedding) -> Row6 {
    let mut row = r6(s, len, prefix, "IPv4-carrying", name, false);
    row.row.embedding = Some(how);
    row
}

/// The IPv4 table: the IANA IPv4 Special-Purpose Address Registry plus multicast.
const V4: &[Row4] = &[
    r4([0, 0, 0, 0], 8, "0.0.0.0/8", "this-network", "\"This network\"", false),
    r4([0, 0, 0, 0], 32, "0.0.0.0/32", "unspecified", "\"This host on this network\"", false),
    r4([10, 0, 0, 0], 8, "10.0.0.0/8", "private", "Private-Use", false),
    r4([100, 64, 0, 0], 10, "100.64.0.0/10", "shared (carrier-grade NAT)", "Shared Address Space", false),
    r4([127, 0, 0, 0], 8, "127.0.0.0/8", "loopback", "Loopback", false),
    r4([169, 254, 0, 0], 16, "169.254.0.0/16", "link-local", "Link Local", false),
    r4([172, 16, 0, 0], 12, "172.16.0.0/12", "private", "Private-Use", false),
    r4([192, 0, 0, 0], 24, "192.0.0.0/24", "reserved", "IETF Protocol Assignments", false),
    r4([192, 0, 0, 0], 29, "192.0.0.0/29", "reserved", "IPv4 Service Continuity Prefix", false),
    r4([192, 0, 0, 8], 32, "192.0.0.8/32", "reserved", "IPv4 dummy address", false),
    r4([192, 0, 0, 9], 32, "192.0.0.9/32", "anycast", "Port Control Protocol Anycast", true),
    r4([192, 0, 0, 10], 32, "192.0.0.10/32", "anycast", "Traversal Using Relays around NAT Anycast", true),
    r4([192, 0, 0, 170], 32, "192.0.0.170/32", "reserved", "NAT64/DNS64 Discovery", false),
    r4([192, 0, 0, 171], 32, "192.0.0.171/32", "reserved", "NAT64/DNS64 Discovery", false),
    r4([192, 0, 2, 0], 24, "192.0.2.0/24", "documentation", "Documentation (TEST-NET-1)", false),
    r4([192, 31, 196, 0], 24, "192.31.196.0/24", "anycast", "AS112-v4", true),
    r4([192, 52, 193, 0], 24, "192.52.193.0/24", "anycast", "AMT", true),
    r4([192, 88, 99, 0], 24, "192.88.99.0/24", "reserved", "Deprecated (6to4 Relay Anycast)", false),
    r4([192, 88, 99, 2], 32, "192.88.99.2/32", "reserved", "6a44-relay anycast address", false),
    r4([192, 168, 0, 0], 16, "192.168.0.0/16", "private", "Private-Use", false),
    r4([192, 175, 48, 0], 24, "192.175.48.0/24", "anycast", "Direct Delegation AS112 Service", true),
    r4([198, 18, 0, 0], 15, "198.18.0.0/15", "benchmarking", "Benchmarking", false),
    r4([198, 51, 100, 0], 24, "198.51.100.0/24", "documentation", "Documentation (TEST-NET-2)", false),
    r4([203, 0, 113, 0], 24, "203.0.113.0/24", "documentation", "Documentation (TEST-NET-3)", false),
    r4([224, 0, 0, 0], 4, "224.0.0.0/4", "multicast", "Multicast", false),
    r4([240, 0, 0, 0], 4, "240.0.0.0/4", "reserved", "Reserved", false),
    r4([255, 255, 255, 255], 32, "255.255.255.255/32", "broadcast", "Limited Broadcast", false),
];

/// The IPv6 table: the IANA IPv6 Special-Purpose Address Registry plus multicast,
/// site-local and IPv4-compatible addresses.
const V6: &[Row6] = &[
    r6([0, 0, 0, 0, 0, 0, 0, 1], 128, "::1/128", "loopback", "Loopback Address", false),
    r6([0, 0, 0, 0, 0, 0, 0, 0], 128, "::/128", "unspecified", "Unspecified Address", false),
    e6([0, 0, 0, 0, 0, 0, 0, 0], 96, "::/96", "IPv4-compatible Address", Embedding::Compatible),
    e6([0, 0, 0, 0, 0, 0xffff, 0, 0], 96, "::ffff:0:0/96", "IPv4-mapped Address", Embedding::Mapped),
    e6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, "64:ff9b::/96", "IPv4-IPv6 Translat.", Embedding::Nat64),
    r6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "64:ff9b:1::/48", "local-use NAT64", "IPv4-IPv6 Translat.", false),
    r6([0x100, 0, 0, 0, 0, 0, 0, 0], 64, "100::/64", "discard-only", "Discard-Only Address Block", false),
    r6([0x100, 0, 0, 1, 0, 0, 0, 0], 64, "100:0:0:1::/64", "reserved", "Dummy IPv6 Prefix", false),
    r6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, "2001::/23", "reserved", "IETF Protocol Assignments", false),
    e6([0x2001, 0, 0, 0, 0, 0, 0, 0], 32, "2001::/32", "TEREDO", Embedding::Teredo),
    r6([0x2001, 1, 0, 0, 0, 0, 0, 1], 128, "2001:1::1/128", "anycast", "Port Control Protocol Anycast", true),
    r6([0x2001, 1, 0, 0, 0, 0, 0, 2], 128, "2001:1::2/128", "anycast", "Traversal Using Relays around NAT Anycast", true),
    r6([0x2001, 1, 0, 0, 0, 0, 0, 3], 128, "2001:1::3/128", "anycast", "DNS-SD Service Registration Protocol Anycast", true),
    r6([0x2001, 2, 0, 0, 0, 0, 0, 0], 48, "2001:2::/48", "benchmarking", "Benchmarking", false),
    r6([0x2001, 3, 0, 0, 0, 0, 0, 0], 32, "2001:3::/32", "anycast", "AMT", true),
    r6([0x2001, 4, 0x112, 0, 0, 0, 0, 0], 48, "2001:4:112::/48", "anycast", "AS112-v6", true),
    r6([0x2001, 0x10, 0, 0, 0, 0, 0, 0], 28, "2001:10::/28", "reserved", "Deprecated (previously ORCHID)", false),
    r6([0x2001, 0x20, 0, 0, 0, 0, 0, 0], 28, "2001:20::/28", "overlay", "ORCHIDv2", true),
    r6([0x2001, 0x30, 0, 0, 0, 0, 0, 0], 28, "2001:30::/28", "overlay", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", true),
    r6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, "2001:db8::/32", "documentation", "Documentation", false),
    e6([0x2002, 0, 0, 0, 0, 0, 0, 0], 16, "2002::/16", "6to4", Embedding::SixToFour),
    r6([0x2620, 0x4f, 0x8000, 0, 0, 0, 0, 0], 48, "2620:4f:8000::/48", "anycast", "Direct Delegation AS112 Service", true),
    r6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, "3fff::/20", "documentation", "Documentation", false),
    r6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, "5f00::/16", "reserved", "Segment Routing (SRv6) SIDs", false),
    r6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "fc00::/7", "private", "Unique-Local", false),
    r6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "fe80::/10", "link-local", "Link-Local Unicast", false),
    r6([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, "fec0::/10", "site-local", "Site-Local (deprecated)", false),
    r6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "ff00::/8", "multicast", "Multicast", false),
];

/// Every IPv6 address outside global unicast space that no row above names.
static OUTSIDE_GLOBAL_UNICAST: Special = Special {
    prefix: "outside 2000::/3",
    kind: "reserved",
    name: "Reserved by IETF (outside global unicast 2000::/3)",
    class: Class::Reserved,
    globally_reachable: false,
    embedding: None,
};

/// The special-purpose rows flattened, at compile time, into disjoint intervals that cover
/// the whole address space: `starts[i]` is the first address of interval `i` (sorted,
/// `starts[0] == 0`), `rows[i]` the index of the most specific row covering every address
/// of that interval, or [`NO_ROW`]. Interval boundaries are every row's first address and
/// the address after its last, so each interval lies inside or outside each row as a
/// whole, and one binary search gives what a scan of every row gives, without the scan.
///
/// `buckets[b]` narrows the search by the address's top byte `b`: the first and the last
/// interval holding an address that starts with `b`. Most top bytes lie in one interval
/// (all of 11/8, 2400::/8, ...), and then the answer is a single table read.
struct Flat<T, const N: usize> {
    starts: [T; N],
    rows: [u8; N],
    /// How many of `starts` are real (the rest is padding); lookups go by `buckets`.
    #[allow(dead_code)]
    len: usize,
    buckets: [(u8, u8); 256],
}

const NO_ROW: u8 = u8::MAX;

/// Builds `flatten4` / `flatten6` (const fns cannot be generic over integer arithmetic).
macro_rules! flatten {
    ($name:ident, $t:ty, $bits:expr, $table:expr, $n:ident) => {
        const $n: usize = 2 * $table.len() + 1;

        const fn $name() -> Flat<$t, $n> {
            const fn host_mask(len: u32) -> $t {
                if len == 0 {
                    <$t>::MAX
                } else {
                    ((1 as $t) << ($bits - len)).wrapping_sub(1)
                }
            }
            // The same membership test the rows have always been matched with.
            const fn covers(net: $t, len: u32, ip: $t) -> bool {
                len == 0 || (ip ^ net) >> ($bits - len) == 0
            }
            let table = $table;
            assert!($n < NO_ROW as usize, "interval index must fit in u8");
            // Boundaries: 0, each row's first address, and the address after its last.
            let mut starts: [$t; $n] = [0; $n];
            let mut n = 1;
            let mut i = 0;
            while i < table.len() {
                let mask = host_mask(table[i].len);
                let first = table[i].net & !mask;
                let last = table[i].net | mask;
                starts[n] = first;
                n += 1;
                if last != <$t>::MAX {
                    starts[n] = last + 1;
                    n += 1;
                }
                i += 1;
            }
            // Sort (insertion sort: a few dozen entries, at compile time) and deduplicate.
            let mut i = 1;
            while i < n {
                let mut j = i;
                while j > 0 && starts[j - 1] > starts[j] {
                    let t = starts[j - 1];
                    starts[j - 1] = starts[j];
                    starts[j] = t;
                    j -= 1;
                }
                i += 1;
            }
            let mut len = 1;
            let mut i = 1;
            while i < n {
                if starts[i] != starts[len - 1] {
                    starts[len] = starts[i];
                    len += 1;
                }
                i += 1;
            }
            // The most specific row for each interval; on equal lengths the later row wins,
            // as `Iterator::max_by_key` picks the last of equal maxima.
            let mut rows = [NO_ROW; $n];
            let mut k = 0;
            while k < len {
                let mut best = NO_ROW;
                let mut j = 0;
                while j < table.len() {
                    if covers(table[j].net, table[j].len, starts[k])
                        && (best == NO_ROW || table[j].len >= table[best as usize].len)
                    {
                        best = j as u8;
                    }
                    j += 1;
                }
                rows[k] = best;
                k += 1;
            }
            // Unused tail: never searched (lookups stop at `len`).
            let mut k = len;
            while k < $n {
                starts[k] = <$t>::MAX;
                k += 1;
            }
            // For each top byte: the intervals holding its first and its last address.
            const fn holding(starts: &[$t; $n], len: usize, x: $t) -> u8 {
                let mut k = len - 1;
                while starts[k] > x {
                    k -= 1;
                }
                k as u8
            }
            let mut buckets = [(0u8, 0u8); 256];
            let mut b = 0;
            while b < 256 {
                let first = (b as $t) << ($bits - 8);
                let last = first | (<$t>::MAX >> 8);
                buckets[b] = (holding(&starts, len, first), holding(&starts, len, last));
                b += 1;
            }
            Flat { starts, rows, len, buckets }
        }
    };
}

flatten!(flatten4, u32, 32, V4, N4);
flatten!(flatten6, u128, 128, V6, N6);

static FLAT4: Flat<u32, N4> = flatten4();
static FLAT6: Flat<u128, N6> = flatten6();

#[inline]
fn find<T: Copy + Ord, const N: usize>(flat: &Flat<T, N>, ip: T, top: u8) -> u8 {
    let (first, last) = flat.buckets[usize::from(top)];
    let (first, last) = (usize::from(first), usize::from(last));
    if first == last {
        return flat.rows[first];
    }
    // The interval holding ip is the last of first..=last that starts at or before it;
    // starts[first] <= ip, so only the ones after it need comparing.
    let i = first + flat.starts[first + 1..=last].partition_point(|&s| s <= ip);
    flat.rows[i]
}

fn most_specific4(ip: u32) -> Option<&'static Special> {
    match find(&FLAT4, ip, (ip >> 24) as u8) {
        NO_ROW => None,
        r => Some(&V4[r as usize].row),
    }
}

fn most_specific6(ip: u128) -> Option<&'static Special> {
    match find(&FLAT6, ip, (ip >> 120) as u8) {
        NO_ROW => None,
        r => Some(&V6[r as usize].row),
    }
}

/// What the rules do with an IPv6 interval: the table as the nftables generator
/// ([`crate::nft`]) needs it, every address in one of three states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region6 {
    /// Refused, whatever the port (a non-global row, or outside 2000::/3).
    Refused,
    /// Carries an IPv4 address that is judged instead.
    Embedded(Embedding),
    /// Judged by the rules after this one (global unicast, or a globally reachable row).
    Open,
}

/// The IPv4 addresses the special-purpose rule refuses, as sorted, disjoint, inclusive
/// intervals (adjacent ones merged): exactly the addresses [`classify`] refuses.
pub fn refused_intervals4() -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for k in 0..FLAT4.len {
        let first = FLAT4.starts[k];
        let last = if k + 1 < FLAT4.len { FLAT4.starts[k + 1] - 1 } else { u32::MAX };
        let row = FLAT4.rows[k];
        if row == NO_ROW || V4[row as usize].row.globally_reachable {
            continue;
        }
        match out.last_mut() {
            Some(prev) if prev.1.checked_add(1) == Some(first) => prev.1 = last,
            _ => out.push((first, last)),
        }
    }
    out
}

/// The whole IPv6 space as sorted, disjoint, inclusive intervals, each with what
/// [`classify`] does with its addresses (neighbours in the same state merged).
pub fn regions6() -> Vec<(u128, u128, Region6)> {
    const GLOBAL_FIRST: u128 = 0x2000 << 112;
    const GLOBAL_LAST: u128 = (0x4000 << 112) - 1;
    let mut out: Vec<(u128, u128, Region6)> = Vec::new();
    let mut push = |first: u128, last: u128, region: Region6| match out.last_mut() {
        Some(prev) if prev.2 == region && prev.1.checked_add(1) == Some(first) => prev.1 = last,
        _ => out.push((first, last, region)),
    };
    for k in 0..FLAT6.len {
        let first = FLAT6.starts[k];
        let last = if k + 1 < FLAT6.len { FLAT6.starts[k + 1] - 1 } else { u128::MAX };
        match FLAT6.rows[k] {
            NO_ROW => {
                // No row: global unicast is open, the rest reserved (split at its edges).
                let (a, b) = (first.max(GLOBAL_FIRST), last.min(GLOBAL_LAST));
                if a > b {
                    push(first, last, Region6::Refused);
                    continue;
                }
                if first < a {
                    push(first, a - 1, Region6::Refused);
                }
                push(a, b, Region6::Open);
                if b < last {
                    push(b + 1, last, Region6::Refused);
                }
            }
            r => {
                let row = &V6[r as usize].row;
                let region = match (row.embedding, row.globally_reachable) {
                    (Some(how), _) => Region6::Embedded(how),
                    (None, false) => Region6::Refused,
                    (None, true) => Region6::Open,
                };
                push(first, last, region);
            }
        }
    }
    out
}

fn classify4(a: Ipv4Addr, embedding: Option<Embedding>) -> Classified {
    let special = most_specific4(a.to_bits()).filter(|r| !r.globally_reachable);
    Classified {
        effective: IpAddr::V4(a),
        embedding,
        special,
    }
}

/// Classify one address: the address the rules judge, and the special-purpose row that
/// refuses it, if any.
pub fn classify(ip: IpAddr) -> Classified {
    match ip {
        IpAddr::V4(a) => classify4(a, None),
        IpAddr::V6(a) => {
            let bits = a.to_bits();
            match most_specific6(bits) {
                Some(Special {
                    embedding: Some(how), ..
                }) => classify4(how.unwrap(a), Some(*how)),
                Some(row) if !row.globally_reachable => Classified {
                    effective: ip,
                    embedding: None,
                    special: Some(row),
                },
                Some(_) => Classified {
                    effective: ip,
                    embedding: None,
                    special: None,
                },
                None if bits >> 125 != 0b001 => Classified {
                    effective: ip,
                    embedding: None,
                    special: Some(&OUTSIDE_GLOBAL_UNICAST),
                },
                None => Classified {
                    effective: ip,
                    embedding: None,
                    special: None,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str = include_str!("../../data/iana-special-purpose.tsv");

    fn c(s: &str) -> Classified {
        classify(s.parse().unwrap())
    }

    /// Every row of the dated registry file: its first and last address get the treatment
    /// the file records, and the file and the table list the same prefixes.
    #[test]
    fn every_registry_row() {
        let mut rows = 0;
        for line in REGISTRY.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 4, "malformed row: {line}");
            let (prefix, treatment) = (cols[0], cols[3]);
            let net: ipnet::IpNet = prefix.parse().unwrap_or_else(|_| panic!("bad prefix {prefix}"));
            rows += 1;
            let in_table = V4.iter().any(|r| r.row.prefix == prefix) || V6.iter().any(|r| r.row.prefix == prefix);
            assert!(in_table, "{prefix} is in the registry file but not in the table");
            for ip in [net.network(), net.broadcast()] {
                let got = classify(ip);
                match treatment {
                    "refuse" => assert!(got.is_refused(), "{prefix}: {ip} should be refused: {got:?}"),
                    "allow" => assert!(!got.is_refused(), "{prefix}: {ip} should be allowed: {got:?}"),
                    "unwrap" => assert!(got.embedding.is_some(), "{prefix}: {ip} should be unwrapped: {got:?}"),
                    // A row containing more specific rows: its edges follow whichever row
                    // is most specific there; checked by the explicit tests below.
                    "contains-exceptions" => {}
                    other => panic!("unknown treatment {other} for {prefix}"),
                }
            }
        }
        assert_eq!(rows, V4.len() + V6.len(), "table rows missing from the registry file");
    }

    /// The linear scan the flattened tables replace: the reference they must agree with.
    fn scan4(ip: u32) -> Option<&'static Special> {
        V4.iter()
            .filter(|r| r.len == 0 || (ip ^ r.net) >> (32 - r.len) == 0)
            .max_by_key(|r| r.len)
            .map(|r| &r.row)
    }

    fn scan6(ip: u128) -> Option<&'static Special> {
        V6.iter()
            .filter(|r| r.len == 0 || (ip ^ r.net) >> (128 - r.len) == 0)
            .max_by_key(|r| r.len)
            .map(|r| &r.row)
    }

    /// The flattened tables give the row the linear scan gives: at every row's edges and
    /// one address either side, at every interval start, at the edges of every top byte,
    /// and at a million pseudo-random addresses of each family (plus random addresses
    /// inside each row).
    #[test]
    fn flattened_tables_match_the_linear_scan() {
        let mut probes4: Vec<u32> = vec![0, 1, u32::MAX, u32::MAX - 1];
        for r in V4 {
            let mask = if r.len == 0 { u32::MAX } else { (1u32 << (32 - r.len)).wrapping_sub(1) };
            for edge in [r.net & !mask, r.net | mask] {
                probes4.extend([edge.wrapping_sub(1), edge, edge.wrapping_add(1)]);
            }
        }
        probes4.extend(&FLAT4.starts[..FLAT4.len]);
        let mut probes6: Vec<u128> = vec![0, 1, u128::MAX, u128::MAX - 1];
        for r in V6 {
            let mask = if r.len == 0 { u128::MAX } else { (1u128 << (128 - r.len)).wrapping_sub(1) };
            for edge in [r.net & !mask, r.net | mask] {
                probes6.extend([edge.wrapping_sub(1), edge, edge.wrapping_add(1)]);
            }
        }
        probes6.extend(&FLAT6.starts[..FLAT6.len]);
        // Every top byte's first and last address (the edges of the buckets).
        for b in 0..=255u8 {
            let (f4, f6) = (u32::from(b) << 24, u128::from(b) << 120);
            probes4.extend([f4, f4 | (u32::MAX >> 8)]);
            probes6.extend([f6, f6 | (u128::MAX >> 8)]);
        }
        let mut next = crate::test_rng();
        for _ in 0..1_000_000 {
            probes4.push(next() as u32);
            probes6.push((u128::from(next()) << 64) | u128::from(next()));
        }
        for r in V4 {
            let mask = if r.len == 0 { u32::MAX } else { (1u32 << (32 - r.len)).wrapping_sub(1) };
            for _ in 0..1000 {
                probes4.push(r.net | (next() as u32 & mask));
            }
        }
        for r in V6 {
            let mask = if r.len == 0 { u128::MAX } else { (1u128 << (128 - r.len)).wrapping_sub(1) };
            for _ in 0..1000 {
                probes6.push(r.net | (((u128::from(next()) << 64) | u128::from(next())) & mask));
            }
        }
        for ip in probes4 {
            // By value: every row's prefix differs, and a const's rows need not share an address.
            assert!(most_specific4(ip) == scan4(ip), "{}", Ipv4Addr::from_bits(ip));
        }
        for ip in probes6 {
            assert!(most_specific6(ip) == scan6(ip), "{}", Ipv6Addr::from_bits(ip));
        }
    }

    /// The exported intervals say what classify says, at every edge and either side of it.
    #[test]
    fn exported_intervals_match_classify() {
        let refused4 = refused_intervals4();
        let in4 = |x: u32| refused4.iter().any(|&(a, b)| a <= x && x <= b);
        for &(a, b) in &refused4 {
            for x in [a.wrapping_sub(1), a, b, b.wrapping_add(1)] {
                assert_eq!(in4(x), classify(IpAddr::V4(Ipv4Addr::from_bits(x))).is_refused(), "{}", Ipv4Addr::from_bits(x));
            }
        }
        let regions = regions6();
        assert_eq!(regions[0].0, 0);
        assert_eq!(regions.last().unwrap().1, u128::MAX);
        for w in regions.windows(2) {
            assert_eq!(w[0].1 + 1, w[1].0);
            assert_ne!(w[0].2, w[1].2, "neighbours in one state are merged");
        }
        for &(a, b, region) in &regions {
            for x in [a, b, a + (b - a) / 2] {
                let c = classify(IpAddr::V6(Ipv6Addr::from_bits(x)));
                match region {
                    Region6::Refused => assert!(c.is_refused() && c.embedding.is_none(), "{}", Ipv6Addr::from_bits(x)),
                    Region6::Open => assert!(!c.is_refused(), "{}", Ipv6Addr::from_bits(x)),
                    Region6::Embedded(how) => assert_eq!(c.embedding, Some(how), "{}", Ipv6Addr::from_bits(x)),
                }
            }
        }
    }

    /// Every refusing row has a class, and the kinds outside the named classes fall into
    /// `reserved`: a new kind added to the table shows up here.
    #[test]
    fn every_row_has_its_class() {
        for row in V4.iter().map(|r| &r.row).chain(V6.iter().map(|r| &r.row)).chain([&OUTSIDE_GLOBAL_UNICAST]) {
            let want = match row.kind {
                "private" | "shared (carrier-grade NAT)" | "site-local" => Class::Private,
                "loopback" => Class::Loopback,
                "link-local" => Class::LinkLocal,
                "multicast" => Class::Multicast,
                "broadcast" => Class::Broadcast,
                "unspecified" => Class::Unspecified,
                "this-network" | "reserved" | "documentation" | "benchmarking" | "discard-only" | "local-use NAT64"
                | "anycast" | "overlay" | "IPv4-carrying" => Class::Reserved,
                other => panic!("kind {other} of {} has no class here", row.prefix),
            };
            assert_eq!(row.class, want, "{}", row.prefix);
        }
    }

    #[test]
    fn more_specific_rows_win() {
        assert!(!c("192.0.0.9").is_refused());
        assert!(!c("192.0.0.10").is_refused());
        assert!(c("192.0.0.11").is_refused());
        assert!(c("192.0.0.8").is_refused());
        assert!(!c("2001:1::1").is_refused());
        assert!(c("2001:1::4").is_refused());
        assert!(!c("2001:3::1").is_refused());
        assert!(!c("2001:20::1").is_refused());
        assert!(c("2001:10::1").is_refused());
        assert_eq!(c("::1").special.unwrap().kind, "loopback");
        assert_eq!(c("::").special.unwrap().kind, "unspecified");
    }

    #[test]
    fn ordinary_addresses() {
        for ip in ["1.1.1.1", "11.0.0.1", "8.8.8.8", "223.255.255.255", "2400:cb00::10", "2a00:1450::1"] {
            assert!(!c(ip).is_refused(), "{ip}");
            assert_eq!(c(ip).embedding, None);
        }
    }

    #[test]
    fn embedded_ipv4_is_judged_as_ipv4() {
        let private = "10.0.0.5".parse::<IpAddr>().unwrap();
        for (form, how) in [
            ("::ffff:10.0.0.5", Embedding::Mapped),
            ("::10.0.0.5", Embedding::Compatible),
            ("64:ff9b::a00:5", Embedding::Nat64),
            ("64:ff9b::10.0.0.5", Embedding::Nat64),
            ("2002:a00:5::1", Embedding::SixToFour),
            ("2002:a00:5:ffff:ffff:ffff:ffff:ffff", Embedding::SixToFour),
            ("2001:0:4136:e378:8000:63bf:f5ff:fffa", Embedding::Teredo),
        ] {
            let got = c(form);
            assert_eq!(got.embedding, Some(how), "{form}");
            assert_eq!(got.effective, private, "{form}");
            assert_eq!(got.special.unwrap().kind, "private", "{form}");
        }
        let public = c("::ffff:11.0.0.1");
        assert_eq!(public.effective, "11.0.0.1".parse::<IpAddr>().unwrap());
        assert!(!public.is_refused());
        assert!(c("::ffff:127.0.0.1").is_refused());
        assert!(c("64:ff9b::7f00:1").is_refused());
        assert!(c("2002:7f00:1::").is_refused());
        assert!(c("::ffff:255.255.255.255").is_refused());
    }

    #[test]
    fn outside_global_unicast_is_reserved() {
        for ip in ["4000::1", "1::1", "e000::1", "::2:0:0:1"] {
            assert!(c(ip).is_refused(), "{ip}");
        }
        assert!(c("64:ff9b:1::a00:5").is_refused());
    }

    #[test]
    fn whole_v4_multicast_and_reserved() {
        for ip in ["224.0.0.1", "239.255.255.255", "240.0.0.1", "255.255.255.254", "255.255.255.255", "0.0.0.0", "0.1.2.3"] {
            assert!(c(ip).is_refused(), "{ip}");
        }
        assert_eq!(c("255.255.255.255").special.unwrap().kind, "broadcast");
    }
}
