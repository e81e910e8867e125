//! Property tests of the policy core (proptest), against the reference models in
//! `policy/fuzz/models.rs` (shared with the fuzz targets):
//!
//! * every IPv4-carrying IPv6 form gets its IPv4 address's verdict (allowed and rule);
//! * no address is both allowed and inside a refused range: samples inside every refused
//!   registry row and inside Google's ranges are refused, and random addresses that are
//!   allowed lie in no refused range (the whole `check_address` verdict matches a model);
//! * an allowed connection carries no refused address;
//! * `parse_xport_name` agrees with a model of PHP's `parse_ip_address_ex`, and
//!   `php_atoi_port` with a model of glibc's `atoi` narrowed to `u16`.
//!
//! Case counts are set per test so that the whole file runs in about five seconds in a
//! debug build; `PROPTEST_CASES=N` sets every test's count to N instead.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use appengine_sockets_policy::google::parse_ranges_file;
use appengine_sockets_policy::special::Embedding;
use appengine_sockets_policy::{
    classify, parse_list, parse_xport_name, php_atoi_port, Entry, GoogleRanges, Policy, Rule, StaticResolver,
    TargetError, Transport,
};
use proptest::prelude::*;
use proptest::sample::select;

#[path = "../fuzz/models.rs"]
mod models;
use models::{
    embed, embedded_v4, glibc_atoi_u16, model_classify, parse_ip_address_ex, registry_rows, Row, Treatment, XportModel,
    EMBEDDINGS,
};

const GOOG: &str = include_str!("../../data/google-ipranges/goog.json");
const CLOUD: &str = include_str!("../../data/google-ipranges/cloud.json");

/// Google Public DNS, whitelisted on port 53 (rules.rs documents the four addresses).
const DNS: [&str; 4] = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"];
/// The Gmail names and their whitelisted ports.
const GMAIL: [(&str, &[u16]); 3] = [
    ("smtp.gmail.com", &[465, 587]),
    ("pop.gmail.com", &[995]),
    ("imap.gmail.com", &[993]),
];

static GOOGLE: LazyLock<GoogleRanges> = LazyLock::new(|| GoogleRanges::from_json(GOOG, CLOUD).unwrap());
static POLICY: LazyLock<Policy> = LazyLock::new(|| Policy::new(GOOGLE.table.clone()));
static ROWS: LazyLock<Vec<Row>> = LazyLock::new(registry_rows);

/// A prefix list as (v6, first, last) spans.
type Spans = Vec<(bool, u128, u128)>;

fn spans(file: &'static str, text: &str) -> Spans {
    parse_ranges_file(file, text)
        .unwrap()
        .prefixes
        .iter()
        .map(|n| {
            let (v6, first) = key(n.network());
            (v6, first, key(n.broadcast()).1)
        })
        .collect()
}

/// The raw goog.json and cloud.json prefixes: the Google rule's set by linear scan, with
/// none of the crate's interval arithmetic.
static RAW: LazyLock<(Spans, Spans)> = LazyLock::new(|| (spans("goog.json", GOOG), spans("cloud.json", CLOUD)));

fn key(ip: IpAddr) -> (bool, u128) {
    match ip {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => (true, u128::from(a)),
    }
}

fn ip_of(v6: bool, x: u128) -> IpAddr {
    if v6 {
        IpAddr::V6(Ipv6Addr::from(x))
    } else {
        IpAddr::V4(Ipv4Addr::from(x as u32))
    }
}

fn in_spans(s: &Spans, ip: IpAddr) -> bool {
    let (v6, x) = key(ip);
    s.iter().any(|&(s6, first, last)| s6 == v6 && first <= x && x <= last)
}

/// Whether Google's rule covers `ip` (goog minus cloud), by the raw files.
fn raw_google(ip: IpAddr) -> bool {
    in_spans(&RAW.0, ip) && !in_spans(&RAW.1, ip)
}

/// The address `off` steps into `[first, last]` (wrapping inside it).
fn inside(first: u128, last: u128, off: u128) -> u128 {
    let size = last - first;
    first + if size == u128::MAX { off } else { off % (size + 1) }
}

fn dns(ip: IpAddr) -> bool {
    DNS.iter().any(|d| d.parse::<IpAddr>().unwrap() == ip)
}

/// The verdict an IPv6 form carrying an IPv4 address gets, from the IPv4 address's: the
/// same, except that the port-53 whitelist of Google Public DNS holds only for the forms
/// that reach it (IPv4-mapped, NAT64); a 6to4, Teredo or IPv4-compatible form names
/// another host and is judged as the Google address it carries.
fn dns_form(how: Embedding, v4: (bool, Rule)) -> (bool, Rule) {
    match (v4, how) {
        ((true, Rule::Whitelist), Embedding::SixToFour | Embedding::Teredo | Embedding::Compatible) => (false, Rule::Google),
        _ => v4,
    }
}

/// `check_address` as documented, from the models and the raw files.
fn model_address(allow: &[Entry], deny: &[Entry], name: Option<&str>, ip: IpAddr, port: u16) -> (bool, Rule) {
    let c = model_classify(&ROWS, ip);
    if deny.iter().any(|e| e.matches(ip, c.effective, port)) {
        return (false, Rule::OperatorDeny);
    }
    if allow.iter().any(|e| e.matches(ip, c.effective, port)) {
        return (true, Rule::OperatorAllow);
    }
    if port == 25 {
        return (false, Rule::Port25);
    }
    if c.refused_by.is_some() {
        return (false, Rule::SpecialPurpose);
    }
    if raw_google(c.effective) {
        let gmail = name.is_some_and(|n| {
            GMAIL
                .iter()
                .any(|(g, ports)| g.eq_ignore_ascii_case(n) && ports.contains(&port))
        });
        // Google Public DNS: the address, or a form that reaches it (IPv4-mapped, NAT64).
        let reaches = matches!(c.embedding, None | Some(Embedding::Mapped | Embedding::Nat64));
        return if (port == 53 && reaches && dns(c.effective)) || gmail {
            (true, Rule::Whitelist)
        } else {
            (false, Rule::Google)
        };
    }
    (true, Rule::Public)
}

/// `n` cases, or `PROPTEST_CASES` when it is set (proptest reads that variable only for
/// its default configuration, which these tests do not use).
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig::with_cases(n)
}

// ---- strategies ----

fn port() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => any::<u16>(),
        2 => select(vec![0u16, 25, 53, 80, 443, 465, 587, 993, 995, 8080, 65535]),
    ]
}

/// An IPv4 address, biased towards the registry rows, their edges, Google's table and DNS.
fn v4() -> impl Strategy<Value = Ipv4Addr> {
    let rows: Vec<(u128, u128)> = ROWS.iter().filter(|r| !r.v6).map(|r| (r.first, r.last)).collect();
    let edges: Vec<u32> = rows
        .iter()
        .flat_map(|&(f, l)| {
            [
                f as u32,
                l as u32,
                (f as u32).wrapping_sub(1),
                (l as u32).wrapping_add(1),
            ]
        })
        .collect();
    let google: Vec<(u32, u32)> = GOOGLE.table.v4().to_vec();
    prop_oneof![
        3 => any::<u32>().prop_map(Ipv4Addr::from),
        3 => (select(rows), any::<u128>()).prop_map(|((f, l), off)| Ipv4Addr::from(inside(f, l, off) as u32)),
        1 => select(edges).prop_map(Ipv4Addr::from),
        2 => (select(google), any::<u128>())
            .prop_map(|((f, l), off)| Ipv4Addr::from(inside(u128::from(f), u128::from(l), off) as u32)),
        1 => select(vec![[8, 8, 8, 8], [8, 8, 4, 4], [127, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 1], [255, 255, 255, 255]])
            .prop_map(Ipv4Addr::from),
    ]
}

/// Any address, biased like [`v4`] and towards the IPv6 rows and Google's IPv6 table.
fn address() -> impl Strategy<Value = IpAddr> {
    let rows6: Vec<(u128, u128)> = ROWS.iter().filter(|r| r.v6).map(|r| (r.first, r.last)).collect();
    let google6: Vec<(u128, u128)> = GOOGLE.table.v6().to_vec();
    prop_oneof![
        4 => v4().prop_map(IpAddr::V4),
        2 => any::<u128>().prop_map(|x| IpAddr::V6(x.into())),
        3 => (select(rows6), any::<u128>(), -2i8..=2)
            .prop_map(|((f, l), off, nudge)| {
                let x = match nudge {
                    0 => inside(f, l, off),
                    n if n > 0 => l.wrapping_add(n as u128),
                    n => f.wrapping_sub(n.unsigned_abs() as u128),
                };
                IpAddr::V6(x.into())
            }),
        2 => (select(google6), any::<u128>()).prop_map(|((f, l), off)| IpAddr::V6(inside(f, l, off).into())),
        2 => (select(EMBEDDINGS.to_vec()), v4(), any::<u128>())
            .prop_map(|(how, a, extra)| IpAddr::V6(embed(how, a, extra))),
        1 => select(DNS.to_vec()).prop_map(|s| s.parse::<IpAddr>().unwrap()),
    ]
}

/// An operator entry covering IPv4 addresses only (as text, always well-formed).
fn v4_entry() -> impl Strategy<Value = String> {
    (v4(), 0u32..=32, proptest::option::of(port())).prop_map(|(a, len, port)| {
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        let net = Ipv4Addr::from(u32::from(a) & mask);
        match port {
            Some(p) => format!("{net}/{len}:{p}"),
            None => format!("{net}/{len}"),
        }
    })
}

/// An operator entry of either family.
fn any_entry() -> impl Strategy<Value = String> {
    prop_oneof![
        v4_entry(),
        (address(), 0u32..=128, proptest::option::of(port())).prop_map(|(a, len, port)| match a {
            IpAddr::V4(b) => {
                let len = len % 33;
                let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
                let net = Ipv4Addr::from(u32::from(b) & mask);
                match port {
                    Some(p) => format!("{net}/{len}:{p}"),
                    None => format!("{net}/{len}"),
                }
            }
            IpAddr::V6(b) => {
                let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
                let net = Ipv6Addr::from(u128::from(b) & mask);
                match port {
                    Some(p) => format!("[{net}/{len}]:{p}"),
                    None => format!("{net}/{len}"),
                }
            }
        }),
    ]
}

fn entries(texts: &[String]) -> Vec<Entry> {
    let joined = texts.join(", ");
    parse_list("appengine_sockets.allow", &joined).unwrap_or_else(|e| panic!("{joined:?}: {e}"))
}

/// Bytes for `host:port` texts: the characters PHP's parser and atoi care about.
fn xport_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> = b"[]:0123456789abcdefx.+- \t\n\x0b\x0c\r\x00\xff%".to_vec();
    prop_oneof![
        3 => proptest::collection::vec(select(alphabet), 0..24),
        1 => proptest::collection::vec(any::<u8>(), 0..24),
        1 => (v4(), port()).prop_map(|(a, p)| format!("{a}:{p}").into_bytes()),
        1 => (address(), any::<i64>()).prop_map(|(a, p)| format!("[{a}]:{p}").into_bytes()),
    ]
}

/// Bytes for atoi: whitespace, a sign, digits (often past 2^31 and 2^63), then junk.
fn atoi_bytes() -> impl Strategy<Value = Vec<u8>> {
    let ws = proptest::collection::vec(select(b" \t\n\x0b\x0c\rx\x00".to_vec()), 0..3);
    let sign = select(vec![&b""[..], b"+", b"-", b"+-", b"--"]);
    let digits = proptest::collection::vec(select(b"0123456789".to_vec()), 0..30);
    let tail = proptest::collection::vec(any::<u8>(), 0..4);
    prop_oneof![
        4 => (ws, sign, digits, tail).prop_map(|(w, s, d, t)| [w, s.to_vec(), d, t].concat()),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
        2 => any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        2 => any::<i128>().prop_map(|n| n.to_string().into_bytes()),
    ]
}

// ---- properties ----

proptest! {
    #![proptest_config(cases(10000))]

    /// Every IPv4-carrying form is judged as its IPv4 address, on the same port, by
    /// `check_address` and by `check_connect` (both hosts written as literals).
    #[test]
    fn embedded_forms_get_the_ipv4_verdict(
        how in select(EMBEDDINGS.to_vec()),
        a in v4(),
        extra in any::<u128>(),
        port in port(),
    ) {
        // ::0.0.0.0 and ::0.0.0.1 are :: and ::1, rows of their own.
        prop_assume!(!(how == Embedding::Compatible && u32::from(a) <= 1));
        let form = embed(how, a, extra);
        prop_assert_eq!(embedded_v4(how, form), a);
        let c = classify(IpAddr::V6(form));
        prop_assert_eq!(c.effective, IpAddr::V4(a));
        prop_assert_eq!(c.embedding, Some(how));
        let p = &*POLICY;
        let v4v = p.check_address(None, IpAddr::V4(a), port);
        let v6v = p.check_address(None, IpAddr::V6(form), port);
        let expected = |v: &appengine_sockets_policy::Verdict| dns_form(how, (v.allowed, v.rule));
        prop_assert_eq!((v6v.allowed, v6v.rule), expected(&v4v), "{} vs {}: {:?} / {:?}", form, a, v6v, v4v);
        let r = StaticResolver::new();
        let d4 = p.check_connect(&Transport::Tcp, &a.to_string(), port, &r);
        let d6 = p.check_connect(&Transport::Tcp, &form.to_string(), port, &r);
        prop_assert_eq!((d6.verdict.allowed, d6.verdict.rule), expected(&d4.verdict));
    }

    /// The same holds under operator lists whose entries are IPv4: an entry matches the
    /// address carried inside an IPv6 form as it matches the IPv4 address itself.
    #[test]
    fn embedded_forms_under_ipv4_operator_lists(
        how in select(EMBEDDINGS.to_vec()),
        a in v4(),
        extra in any::<u128>(),
        port in port(),
        allow in proptest::collection::vec(v4_entry(), 0..4),
        deny in proptest::collection::vec(v4_entry(), 0..4),
    ) {
        prop_assume!(!(how == Embedding::Compatible && u32::from(a) <= 1));
        let p = POLICY.clone().with_operator_lists(entries(&allow), entries(&deny));
        let form = embed(how, a, extra);
        let v4v = p.check_address(None, IpAddr::V4(a), port);
        let v6v = p.check_address(None, IpAddr::V6(form), port);
        prop_assert_eq!((v6v.allowed, v6v.rule), dns_form(how, (v4v.allowed, v4v.rule)), "{} vs {}: {:?} / {:?}", form, a, v6v, v4v);
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    /// One address inside every refused row of the registry file (skipping the more
    /// specific rows it contains that are not refused) is refused by the special-purpose
    /// rule, or by port 25 on port 25.
    #[test]
    fn inside_every_refused_row_is_refused(offsets in proptest::collection::vec(any::<u128>(), 64), port in port()) {
        let rows = &*ROWS;
        let mut checked = 0;
        for (i, row) in rows.iter().enumerate() {
            if !matches!(row.treatment, Treatment::Refuse | Treatment::ContainsExceptions) || row.prefix == "::/96" {
                continue; // ::/96 is the IPv4-compatible form: judged as the IPv4 inside
            }
            let x = inside(row.first, row.last, offsets[i % offsets.len()]);
            let exception = rows.iter().any(|r| {
                r.len > row.len && r.contains(row.v6, x) && !matches!(r.treatment, Treatment::Refuse)
            });
            if exception {
                continue;
            }
            let ip = ip_of(row.v6, x);
            let v = POLICY.check_address(None, ip, port);
            let rule = if port == 25 { Rule::Port25 } else { Rule::SpecialPurpose };
            prop_assert_eq!((v.allowed, v.rule), (false, rule), "{} in {}: {:?}", ip, row.prefix, v);
            checked += 1;
        }
        prop_assert!(checked >= 30);
    }

    /// Addresses inside Google's ranges are refused by the Google rule (unless the
    /// whitelist or another rule comes first), both for the crate's table and for the raw
    /// goog.json prefixes less cloud.json's; addresses cloud.json lends are not.
    #[test]
    fn inside_google_is_refused(offsets in proptest::collection::vec(any::<u128>(), 32), port in port(), start in any::<usize>()) {
        let t = &GOOGLE.table;
        let intervals: Vec<(bool, u128, u128)> = t.v4().iter().map(|&(f, l)| (false, u128::from(f), u128::from(l)))
            .chain(t.v6().iter().map(|&(f, l)| (true, f, l)))
            .collect();
        let (goog, cloud) = &*RAW;
        let n = intervals.len() + goog.len() + cloud.len();
        for (k, off) in offsets.iter().enumerate() {
            let j = (start.wrapping_add(k * 7919)) % n;
            let (v6, f, l) = if j < intervals.len() {
                intervals[j]
            } else if j < intervals.len() + goog.len() {
                goog[j - intervals.len()]
            } else {
                cloud[j - intervals.len() - goog.len()]
            };
            let ip = ip_of(v6, inside(f, l, *off));
            let in_table = t.contains(ip);
            prop_assert_eq!(in_table, raw_google(ip), "{}", ip);
            let v = POLICY.check_address(None, ip, port);
            if in_table && port != 25 && model_classify(&ROWS, ip).refused_by.is_none() {
                let expected = if port == 53 && dns(ip) { (true, Rule::Whitelist) } else { (false, Rule::Google) };
                prop_assert_eq!((v.allowed, v.rule), expected, "{} port {}: {:?}", ip, port, v);
                // The Gmail names lift the rule only on their own ports.
                for (name, ports) in GMAIL {
                    let w = POLICY.check_address(Some(name), ip, port);
                    let lifted = ports.contains(&port) || (port == 53 && dns(ip));
                    prop_assert_eq!(w.allowed, lifted, "{} as {} port {}: {:?}", ip, name, port, w);
                }
            }
            if !in_table {
                prop_assert_ne!(v.rule, Rule::Google);
            }
        }
    }
}

proptest! {
    #![proptest_config(cases(10000))]

    /// A random address is allowed only outside every refused range, and the whole verdict
    /// is the model's: registry rows by linear scan, goog minus cloud by linear scan, the
    /// whitelist, port 25.
    #[test]
    fn allowed_only_outside_refused_ranges(ip in address(), port in port(), gmail in proptest::option::of(0usize..3)) {
        let name = gmail.map(|i| GMAIL[i].0);
        let v = POLICY.check_address(name, ip, port);
        let c = model_classify(&ROWS, ip);
        if v.allowed {
            prop_assert!(c.refused_by.is_none(), "{} allowed inside {:?}: {:?}", ip, c.refused_by, v);
            prop_assert_ne!(port, 25);
            if raw_google(c.effective) {
                prop_assert_eq!(v.rule, Rule::Whitelist, "{} is Google's: {:?}", ip, v);
            }
        }
        prop_assert_eq!((v.allowed, v.rule), model_address(&[], &[], name, ip, port), "{} port {} name {:?}: {:?}", ip, port, name, v);
        prop_assert_eq!(classify(ip).special.map(|s| s.prefix), c.refused_by, "{}", ip);
        prop_assert!(!v.reason.to_string().is_empty() && !v.reason.is_empty());
    }
}

proptest! {
    #![proptest_config(cases(2000))]

    /// A name resolving to several addresses, under arbitrary operator lists: an allowed
    /// connection carries only addresses each allowed on its own, and refused ones name
    /// the first refused address's rule.
    #[test]
    fn allowed_connections_carry_no_refused_address(
        addrs in proptest::collection::vec(address(), 1..5),
        port in port(),
        name in select(vec!["multi.test", "smtp.gmail.com", "pop.gmail.com", "IMAP.GMAIL.COM"]),
        allow in proptest::collection::vec(any_entry(), 0..3),
        deny in proptest::collection::vec(any_entry(), 0..3),
    ) {
        let (allow, deny) = (entries(&allow), entries(&deny));
        let p = POLICY.clone().with_operator_lists(allow.clone(), deny.clone());
        let texts: Vec<String> = addrs.iter().map(IpAddr::to_string).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let r = StaticResolver::new().with(name, &refs);
        let d = p.check_connect(&Transport::Tcp, name, port, &r);
        prop_assert_eq!(r.lookups(), if port == 25 && allow.is_empty() { 0 } else { 1 });
        let verdicts: Vec<(bool, Rule)> = addrs.iter().map(|&ip| model_address(&allow, &deny, Some(name), ip, port)).collect();
        if d.verdict.allowed {
            prop_assert_eq!(&d.addresses, &addrs);
            for (&ip, &(ok, _)) in addrs.iter().zip(&verdicts) {
                prop_assert!(ok, "allowed decision carries refused {}: {:?}", ip, d);
                prop_assert!(p.check_address(Some(name), ip, port).allowed);
            }
        } else if !(port == 25 && allow.is_empty()) {
            let first = verdicts.iter().find(|v| !v.0).copied();
            prop_assert_eq!(Some((false, d.verdict.rule)), first, "{:?}", d);
        }
    }
}

proptest! {
    #![proptest_config(cases(10000))]

    /// `parse_xport_name` is PHP's `parse_ip_address_ex` (with the NUL refusal).
    #[test]
    fn xport_name_is_phps_parser(bytes in xport_bytes()) {
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match (parse_ip_address_ex(&bytes), parse_xport_name(&bytes)) {
            (XportModel::Ok { host, port, port_text, bracketed }, Ok(t)) => {
                prop_assert_eq!(t.host, lossy(&host));
                prop_assert_eq!(t.port, port);
                prop_assert_eq!(t.port_text, lossy(&port_text));
                prop_assert_eq!(t.bracketed, bracketed);
            }
            (XportModel::Ipv6, Err(TargetError::Ipv6(s))) | (XportModel::NoPort, Err(TargetError::NoPort(s))) => {
                prop_assert_eq!(s, lossy(&bytes));
            }
            (XportModel::Nul, Err(TargetError::Nul)) => {}
            (model, got) => prop_assert!(false, "{:?}: got {:?}, model {:?}", bytes, got, model),
        }
    }

    /// `php_atoi_port` is glibc's `atoi` narrowed to `u16`.
    #[test]
    fn atoi_is_glibcs(bytes in atoi_bytes()) {
        prop_assert_eq!(php_atoi_port(&bytes), glibc_atoi_u16(&bytes), "{:?}", String::from_utf8_lossy(&bytes));
    }

    /// For any `long` written in decimal, the port is the value's low 16 bits.
    #[test]
    fn atoi_keeps_the_low_16_bits(n in any::<i64>(), pad in "[ \t]{0,2}", junk in "[a-z:/]{0,3}") {
        let text = format!("{pad}{n}{junk}");
        prop_assert_eq!(php_atoi_port(text.as_bytes()), n as u16);
    }
}

proptest! {
    #![proptest_config(cases(20000))]

    /// The fast literal reader accepts exactly what std's `IpAddr` parser accepts, on
    /// dotted-quad-like text (digits, dots, a few other bytes) and on arbitrary bytes.
    #[test]
    fn parse_ip_agrees_with_std(s in "[0-9.:a-f]{0,18}", raw in proptest::collection::vec(any::<u8>(), 0..20)) {
        let std_says = |b: &[u8]| std::str::from_utf8(b).ok().and_then(|t| t.parse::<IpAddr>().ok());
        prop_assert_eq!(appengine_sockets_policy::parse_ip(s.as_bytes()), std_says(s.as_bytes()), "{:?}", s);
        prop_assert_eq!(appengine_sockets_policy::parse_ip(&raw), std_says(&raw), "{:?}", raw);
    }
}
