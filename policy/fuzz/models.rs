//! Reference models the fuzz targets and `policy/tests/properties.rs` compare the policy
//! core against. Each is written from the outside description (PHP's C code, glibc, the
//! dated IANA registry file), deliberately naive, and shares no code with the crate.
//!
//! Included with `#[path]` by both, so the fuzzers and the property tests judge by the
//! same models. Only `std` and the crate's public types are used here.

#![allow(dead_code)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use appengine_sockets_policy::special::Embedding;

/// glibc's `atoi` (`(int) strtol(s, NULL, 10)`) on a C string, then the narrowing to
/// `unsigned short` that `php_network_connect_socket_to_host` does.
///
/// strtol: skip `isspace` (C locale: space, \t, \n, \v, \f, \r), one optional sign, then
/// decimal digits; on overflow the value is LONG_MAX or LONG_MIN. The C string ends at the
/// first NUL. The mathematical value is computed without overflow (u128, saturating far
/// beyond 2^63) and clamped once at the end.
pub fn glibc_atoi_u16(s: &[u8]) -> u16 {
    let s = &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())];
    let mut i = 0;
    while i < s.len() && b" \t\n\x0b\x0c\r".contains(&s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let mut magnitude: u128 = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        magnitude = magnitude.saturating_mul(10).saturating_add(u128::from(s[i] - b'0'));
        i += 1;
    }
    let long: i64 = if negative {
        if magnitude >= 1u128 << 63 {
            i64::MIN
        } else {
            -(magnitude as i64)
        }
    } else if magnitude > i64::MAX as u128 {
        i64::MAX
    } else {
        magnitude as i64
    };
    // (int) keeps the low 32 bits, (unsigned short) the low 16.
    long as i32 as u16
}

/// What PHP's `parse_ip_address_ex` (main/streams/xp_socket.c) makes of a transport
/// address, plus the one refusal the crate adds: a NUL byte anywhere.
#[derive(Debug, PartialEq, Eq)]
pub enum XportModel {
    /// `host` and `port_text` are byte slices of the input.
    Ok {
        host: Vec<u8>,
        port: u16,
        port_text: Vec<u8>,
        bracketed: bool,
    },
    /// "Failed to parse IPv6 address".
    Ipv6,
    /// "Failed to parse address".
    NoPort,
    /// The crate's NUL refusal.
    Nul,
}

/// The C code, step by step:
///
/// ```c
/// if (*(str) == '[' && str_len > 1) {
///     char *p = memchr(str + 1, ']', str_len - 2);
///     if (!p || *(p + 1) != ':') { /* Failed to parse IPv6 address */ return NULL; }
///     *portno = atoi(p + 2);
///     return estrndup(str + 1, p - str - 1);
/// }
/// colon = str_len ? memchr(str, ':', str_len - 1) : NULL;
/// if (colon) { *portno = atoi(colon + 1); host = estrndup(str, colon - str); }
/// else { /* Failed to parse address */ }
/// ```
///
/// `str` is NUL-terminated, so `*(p + 1)` may read the terminator.
pub fn parse_ip_address_ex(s: &[u8]) -> XportModel {
    if s.contains(&0) {
        return XportModel::Nul;
    }
    // The C buffer, terminator included.
    let mut c = s.to_vec();
    c.push(0);
    let len = s.len();
    if c[0] == b'[' && len > 1 {
        // memchr over str[1 .. 1 + (len - 2)]
        let p = (1..1 + (len - 2)).find(|&k| c[k] == b']');
        return match p {
            Some(p) if c[p + 1] == b':' => XportModel::Ok {
                host: c[1..p].to_vec(),
                port: glibc_atoi_u16(&c[p + 2..]),
                port_text: s[p + 2..].to_vec(),
                bracketed: true,
            },
            _ => XportModel::Ipv6,
        };
    }
    let colon = if len == 0 {
        None
    } else {
        (0..len - 1).find(|&k| c[k] == b':')
    };
    match colon {
        Some(k) => XportModel::Ok {
            host: c[..k].to_vec(),
            port: glibc_atoi_u16(&c[k + 1..]),
            port_text: s[k + 1..].to_vec(),
            bracketed: false,
        },
        None => XportModel::NoPort,
    }
}

/// The treatment column of `data/iana-special-purpose.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Treatment {
    Refuse,
    Allow,
    Unwrap,
    ContainsExceptions,
}

/// One row of the registry file, as an address range. IPv4 rows hold IPv4 numbers in
/// `first`/`last` (not mapped into IPv6).
#[derive(Clone, Debug)]
pub struct Row {
    pub prefix: String,
    pub v6: bool,
    pub len: u32,
    pub first: u128,
    pub last: u128,
    pub treatment: Treatment,
}

impl Row {
    pub fn contains(&self, v6: bool, x: u128) -> bool {
        self.v6 == v6 && self.first <= x && x <= self.last
    }
}

/// The dated registry file the crate's table follows.
pub const REGISTRY: &str = include_str!("../../data/iana-special-purpose.tsv");

/// Every row of [`REGISTRY`].
pub fn registry_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for line in REGISTRY.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let prefix = cols[0];
        let (addr, len) = prefix.split_once('/').expect("prefix/len");
        let len: u32 = len.parse().expect("prefix length");
        let (v6, bits, base) = match addr.parse::<IpAddr>().expect("address") {
            IpAddr::V4(a) => (false, 32, u128::from(u32::from(a))),
            IpAddr::V6(a) => (true, 128, u128::from(a)),
        };
        let host = if len == bits {
            0
        } else if bits - len == 128 {
            u128::MAX
        } else {
            (1u128 << (bits - len)) - 1
        };
        let treatment = match cols[3].trim() {
            "refuse" => Treatment::Refuse,
            "allow" => Treatment::Allow,
            "unwrap" => Treatment::Unwrap,
            "contains-exceptions" => Treatment::ContainsExceptions,
            other => panic!("unknown treatment {other}"),
        };
        rows.push(Row {
            prefix: prefix.to_owned(),
            v6,
            len,
            first: base & !host,
            last: base | host,
            treatment,
        });
    }
    rows
}

/// The most specific row holding the address (a linear scan).
pub fn most_specific(rows: &[Row], v6: bool, x: u128) -> Option<&Row> {
    rows.iter().filter(|r| r.contains(v6, x)).max_by_key(|r| r.len)
}

/// What the special-purpose rule should make of an address, per the module's contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelClass<'a> {
    /// The address judged: the address itself or the IPv4 address it carries.
    pub effective: IpAddr,
    /// How it was carried.
    pub embedding: Option<Embedding>,
    /// The prefix of the row that refuses it ("outside 2000::/3" for IPv6 outside global
    /// unicast that no row names), or None if the rule lets it through.
    pub refused_by: Option<&'a str>,
}

/// The IPv4 address an IPv6 form carries, by the RFCs (not by the crate's code).
pub fn embedded_v4(how: Embedding, a: Ipv6Addr) -> Ipv4Addr {
    let o = a.octets();
    match how {
        // RFC 4291 and RFC 6052 (/96): the last four bytes.
        Embedding::Mapped | Embedding::Compatible | Embedding::Nat64 => Ipv4Addr::new(o[12], o[13], o[14], o[15]),
        // RFC 3056: 2002:AABB:CCDD::/48, bytes 2..6.
        Embedding::SixToFour => Ipv4Addr::new(o[2], o[3], o[4], o[5]),
        // RFC 4380: the client's address, each bit inverted, in the last four bytes.
        Embedding::Teredo => Ipv4Addr::new(!o[12], !o[13], !o[14], !o[15]),
    }
}

fn embedding_of(prefix: &str) -> Embedding {
    match prefix {
        "::ffff:0:0/96" => Embedding::Mapped,
        // The registry file marks ::/96 "contains-exceptions" (::/128 and ::1/128 are rows
        // of their own); everything else in it is the deprecated IPv4-compatible form.
        "::/96" => Embedding::Compatible,
        "64:ff9b::/96" => Embedding::Nat64,
        "2002::/16" => Embedding::SixToFour,
        "2001::/32" => Embedding::Teredo,
        other => panic!("no embedding known for {other}"),
    }
}

/// The outcome for an IPv4 address: the most specific row decides.
fn class4<'a>(rows: &'a [Row], a: Ipv4Addr, embedding: Option<Embedding>) -> ModelClass<'a> {
    let refused_by = match most_specific(rows, false, u128::from(u32::from(a))) {
        Some(r) if r.treatment != Treatment::Allow => Some(r.prefix.as_str()),
        _ => None,
    };
    ModelClass {
        effective: IpAddr::V4(a),
        embedding,
        refused_by,
    }
}

/// The special-purpose rule by the registry file alone.
pub fn model_classify(rows: &[Row], ip: IpAddr) -> ModelClass<'_> {
    match ip {
        IpAddr::V4(a) => class4(rows, a, None),
        IpAddr::V6(a) => {
            let x = u128::from(a);
            let row = most_specific(rows, true, x);
            let unwrap = row.filter(|r| r.treatment == Treatment::Unwrap || r.prefix == "::/96");
            if let Some(r) = unwrap {
                let how = embedding_of(&r.prefix);
                return class4(rows, embedded_v4(how, a), Some(how));
            }
            let refused_by = match row {
                Some(r) if r.treatment == Treatment::Allow => None,
                Some(r) => Some(r.prefix.as_str()),
                None if x >> 125 != 0b001 => Some("outside 2000::/3"),
                None => None,
            };
            ModelClass {
                effective: ip,
                embedding: None,
                refused_by,
            }
        }
    }
}

/// The IPv6 forms of `v4` for each embedding. `extra` fills the bits a form leaves free
/// (the 6to4 suffix, the Teredo server, flags and port).
pub fn embed(how: Embedding, v4: Ipv4Addr, extra: u128) -> Ipv6Addr {
    let a = u128::from(u32::from(v4));
    let bits = match how {
        Embedding::Mapped => (0xffffu128 << 32) | a,
        Embedding::Compatible => a,
        Embedding::Nat64 => (0x0064_ff9bu128 << 96) | a,
        Embedding::SixToFour => (0x2002u128 << 112) | (a << 80) | (extra & ((1u128 << 80) - 1)),
        Embedding::Teredo => {
            (0x2001_0000u128 << 96) | (extra & (((1u128 << 64) - 1) << 32)) | u128::from(!u32::from(v4))
        }
    };
    Ipv6Addr::from(bits)
}

/// Every embedding.
pub const EMBEDDINGS: [Embedding; 5] = [
    Embedding::Mapped,
    Embedding::Compatible,
    Embedding::Nat64,
    Embedding::SixToFour,
    Embedding::Teredo,
];
