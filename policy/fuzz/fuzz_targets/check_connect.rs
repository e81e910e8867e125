//! (b) `Policy::check_connect` with a `StaticResolver` built from the fuzz input: arbitrary
//! transports, hosts (literals, names from the table, raw text, or `host:port` text read by
//! `parse_xport_name`), ports, name tables and operator allow/deny lists.
//!
//! Two input forms. Text, when the first line holds `://` (the seeds are written so):
//!
//! ```text
//! tcp://[::ffff:10.0.0.1]:80        transport://host:port, split by parse_xport_name
//! resolve mixed.test 11.0.0.1 10.0.0.5
//! allow 10.0.0.0/8:443
//! deny [fd00::/8]
//! ```
//!
//! Anything else is read with `arbitrary` into [`Input`]. Either way, a host that the C
//! library would read as a numeric IPv4 address (`127.1`, `0x7f.1`, `2130706433`) and
//! that the table does not name resolves to that address, as `getaddrinfo` would.
//!
//! Invariants:
//! * nothing panics, and every verdict has a non-empty reason;
//! * the name is resolved at most once;
//! * an allowed decision carries at least one address, and every one of them is allowed
//!   when checked again on its own with `check_address`;
//! * every `check_address` verdict (allowed and rule) equals an independent model: the
//!   IANA registry file (`models.rs`), goog.json minus cloud.json by linear scan, the
//!   whitelist as documented, and the operator lists' precedence (deny, allow, built-in);
//! * the connection verdict is "refused by the first refused address, else allowed", with
//!   the transport, port-25, NUL and resolution rules in front;
//! * the same question asked twice gets the same answer.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use appengine_sockets_policy::google::parse_ranges_file;
use appengine_sockets_policy::special::Embedding;
use appengine_sockets_policy::{
    parse_list, parse_xport_name, Entry, GoogleRanges, Policy, Resolver, Rule, StaticResolver, Transport,
};
use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

#[path = "../models.rs"]
mod models;
use models::{embed, model_classify, registry_rows, Row, EMBEDDINGS};

const GOOG: &str = include_str!("../../../data/google-ipranges/goog.json");
const CLOUD: &str = include_str!("../../../data/google-ipranges/cloud.json");

struct World {
    google: GoogleRanges,
    rows: Vec<Row>,
    /// goog.json and cloud.json prefixes as (v6, first, last), for the linear-scan model.
    goog: Vec<(bool, u128, u128)>,
    cloud: Vec<(bool, u128, u128)>,
}

fn spans(text: &'static str, file: &'static str) -> Vec<(bool, u128, u128)> {
    parse_ranges_file(file, text)
        .unwrap()
        .prefixes
        .iter()
        .map(|n| match (n.network(), n.broadcast()) {
            (IpAddr::V4(a), IpAddr::V4(b)) => (false, u128::from(u32::from(a)), u128::from(u32::from(b))),
            (IpAddr::V6(a), IpAddr::V6(b)) => (true, u128::from(a), u128::from(b)),
            _ => unreachable!(),
        })
        .collect()
}

static WORLD: LazyLock<World> = LazyLock::new(|| World {
    google: GoogleRanges::from_json(GOOG, CLOUD).unwrap(),
    rows: registry_rows(),
    goog: spans(GOOG, "goog.json"),
    cloud: spans(CLOUD, "cloud.json"),
});

const DNS: [&str; 4] = ["8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844"];
const GMAIL: [(&str, &[u16]); 3] = [
    ("smtp.gmail.com", &[465, 587]),
    ("pop.gmail.com", &[995]),
    ("imap.gmail.com", &[993]),
];
const PORTS: [u16; 12] = [25, 53, 80, 443, 465, 587, 993, 995, 0, 65535, 8080, 24];
const TRANSPORTS: [&str; 10] = [
    "tcp", "udp", "ssl", "tls", "tlsv1.0", "tlsv1.3", "TCP", "unix", "udg", "sslv3",
];

/// An address, biased towards the places where the rules change their mind.
#[derive(Arbitrary, Debug)]
enum Addr {
    V4(u32),
    V6(u128),
    /// An IPv4 address carried by an IPv6 form (`extra` fills the free bits).
    Embedded(u8, u32, u128),
    /// Inside (or just past the edge of) a row of the registry file.
    Special(u8, u128, i8),
    /// Inside one of the Google table's intervals, or one of the raw goog/cloud prefixes.
    Google(u16, u128, bool),
    /// Google Public DNS.
    Dns(u8),
}

impl Addr {
    fn ip(&self) -> IpAddr {
        let w = &*WORLD;
        match *self {
            Addr::V4(a) => IpAddr::V4(Ipv4Addr::from(a)),
            Addr::V6(a) => IpAddr::V6(Ipv6Addr::from(a)),
            Addr::Embedded(how, a, extra) => IpAddr::V6(embed(
                EMBEDDINGS[usize::from(how) % EMBEDDINGS.len()],
                Ipv4Addr::from(a),
                extra,
            )),
            Addr::Special(i, off, nudge) => {
                let r = &w.rows[usize::from(i) % w.rows.len()];
                let size = r.last - r.first;
                let x = match nudge {
                    0 => r.first + if size == u128::MAX { off } else { off % (size + 1) },
                    n if n > 0 => r.last.wrapping_add(n as u128),
                    n => r.first.wrapping_sub(n.unsigned_abs() as u128),
                };
                if r.v6 {
                    IpAddr::V6(Ipv6Addr::from(x))
                } else {
                    IpAddr::V4(Ipv4Addr::from(x as u32))
                }
            }
            Addr::Google(i, off, raw) => {
                let (v6, first, last) = if raw {
                    let all = w.goog.len() + w.cloud.len();
                    let k = usize::from(i) % all;
                    if k < w.goog.len() {
                        w.goog[k]
                    } else {
                        w.cloud[k - w.goog.len()]
                    }
                } else {
                    let (v4, v6) = (w.google.table.v4(), w.google.table.v6());
                    let k = usize::from(i) % (v4.len() + v6.len());
                    if k < v4.len() {
                        (false, u128::from(v4[k].0), u128::from(v4[k].1))
                    } else {
                        (true, v6[k - v4.len()].0, v6[k - v4.len()].1)
                    }
                };
                let size = last - first;
                let x = first + if size == u128::MAX { off } else { off % (size + 1) };
                if v6 {
                    IpAddr::V6(Ipv6Addr::from(x))
                } else {
                    IpAddr::V4(Ipv4Addr::from(x as u32))
                }
            }
            Addr::Dns(i) => DNS[usize::from(i) % DNS.len()].parse().unwrap(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum NameIn {
    Gmail(u8),
    Text(String),
}

impl NameIn {
    fn text(&self) -> String {
        match self {
            NameIn::Gmail(i) => GMAIL[usize::from(*i) % GMAIL.len()].0.to_owned(),
            NameIn::Text(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum HostIn {
    Literal(Addr),
    /// A name of the table; `true`: in upper case.
    Named(u8, bool),
    Gmail(u8),
    Text(String),
    /// `host:port` text, split by `parse_xport_name` (its port replaces `port`).
    Xport(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum PortIn {
    Known(u8),
    Any(u16),
}

#[derive(Arbitrary, Debug)]
enum TransportIn {
    Known(u8),
    Raw,
    Name(String),
}

#[derive(Arbitrary, Debug)]
struct EntryIn {
    addr: Addr,
    prefix: u8,
    port: Option<u16>,
    /// Write an IPv6 entry in brackets even without a port.
    brackets: bool,
}

impl EntryIn {
    /// The entry as an operator would write it (host bits cleared, so it must parse).
    fn text(&self) -> String {
        let ip = self.addr.ip();
        let (net, len) = match ip {
            IpAddr::V4(a) => {
                let len = u32::from(self.prefix) % 33;
                let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
                (IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask)), len)
            }
            IpAddr::V6(a) => {
                let len = u32::from(self.prefix) % 129;
                let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
                (IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask)), len)
            }
        };
        match (net, self.port) {
            (IpAddr::V4(_), Some(p)) => format!("{net}/{len}:{p}"),
            (IpAddr::V4(_), None) => format!("{net}/{len}"),
            (IpAddr::V6(_), Some(p)) => format!("[{net}/{len}]:{p}"),
            (IpAddr::V6(_), None) if self.brackets => format!("[{net}/{len}]"),
            (IpAddr::V6(_), None) => format!("{net}/{len}"),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    transport: TransportIn,
    host: HostIn,
    port: PortIn,
    names: Vec<(NameIn, Vec<Addr>)>,
    allow: Vec<EntryIn>,
    deny: Vec<EntryIn>,
    /// Extra list text, used when it parses.
    allow_text: Option<String>,
    deny_text: Option<String>,
}

fn list(entries: &[EntryIn], text: &Option<String>) -> Vec<Entry> {
    let joined = entries.iter().take(8).map(EntryIn::text).collect::<Vec<_>>().join(", ");
    let mut out = parse_list("fuzz", &joined).unwrap_or_else(|e| panic!("well-formed list {joined:?} refused: {e}"));
    if let Some(t) = text {
        if let Ok(more) = parse_list("fuzz", t) {
            out.extend(more);
        }
    }
    out
}

fn in_spans(spans: &[(bool, u128, u128)], ip: IpAddr) -> bool {
    let (v6, x) = match ip {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => (true, u128::from(a)),
    };
    spans
        .iter()
        .any(|&(s6, first, last)| s6 == v6 && first <= x && x <= last)
}

/// `check_address` as the crate's documentation states it, from independent data.
fn model_address(allow: &[Entry], deny: &[Entry], name: Option<&str>, ip: IpAddr, port: u16) -> (bool, Rule) {
    let w = &*WORLD;
    let c = model_classify(&w.rows, ip);
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
    if in_spans(&w.goog, c.effective) && !in_spans(&w.cloud, c.effective) {
        // Google Public DNS, or a form that reaches it (IPv4-mapped, NAT64).
        let reaches = matches!(c.embedding, None | Some(Embedding::Mapped | Embedding::Nat64));
        let dns = port == 53 && reaches && DNS.iter().any(|d| d.parse::<IpAddr>().unwrap() == c.effective);
        let gmail = name.is_some_and(|n| {
            GMAIL
                .iter()
                .any(|(g, ports)| g.eq_ignore_ascii_case(n) && ports.contains(&port))
        });
        return if dns || gmail {
            (true, Rule::Whitelist)
        } else {
            (false, Rule::Google)
        };
    }
    (true, Rule::Public)
}

/// One question for the policy, however the input spelled it.
struct Case {
    transport: Transport,
    host: String,
    port: u16,
    table: Vec<(String, Vec<IpAddr>)>,
    allow: Vec<Entry>,
    deny: Vec<Entry>,
}

fn from_input(input: Input) -> Option<Case> {
    let transport = match &input.transport {
        TransportIn::Known(i) => Transport::from_name(TRANSPORTS[usize::from(*i) % TRANSPORTS.len()]),
        TransportIn::Raw => Transport::Raw,
        TransportIn::Name(s) => Transport::from_name(s),
    };
    let mut port = match input.port {
        PortIn::Known(i) => PORTS[usize::from(i) % PORTS.len()],
        PortIn::Any(p) => p,
    };
    let mut table: Vec<(String, Vec<IpAddr>)> = Vec::new();
    for (name, addrs) in input.names.iter().take(8) {
        table.push((name.text(), addrs.iter().take(8).map(Addr::ip).collect()));
    }
    let host = match &input.host {
        HostIn::Literal(a) => a.ip().to_string(),
        HostIn::Named(i, upper) if !table.is_empty() => {
            let n = &table[usize::from(*i) % table.len()].0;
            if *upper {
                n.to_ascii_uppercase()
            } else {
                n.clone()
            }
        }
        HostIn::Named(..) => "unnamed.test".to_owned(),
        HostIn::Gmail(i) => GMAIL[usize::from(*i) % GMAIL.len()].0.to_owned(),
        HostIn::Text(s) => s.clone(),
        HostIn::Xport(bytes) => {
            let t = parse_xport_name(bytes).ok()?;
            port = t.port;
            t.host
        }
    };
    Some(Case {
        transport,
        host,
        port,
        table,
        allow: list(&input.allow, &input.allow_text),
        deny: list(&input.deny, &input.deny_text),
    })
}

/// The text form (see the module documentation).
fn from_text(text: &str) -> Option<Case> {
    let mut lines = text.lines();
    let (scheme, target) = lines.next()?.split_once("://")?;
    let t = parse_xport_name(target.as_bytes()).ok()?;
    let mut case = Case {
        transport: Transport::from_name(scheme),
        host: t.host,
        port: t.port,
        table: Vec::new(),
        allow: Vec::new(),
        deny: Vec::new(),
    };
    for line in lines {
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        match verb {
            "resolve" => {
                let mut words = rest.split_whitespace();
                if let Some(name) = words.next() {
                    case.table
                        .push((name.to_owned(), words.filter_map(|w| w.parse().ok()).collect()));
                }
            }
            "allow" => case.allow.extend(parse_list("fuzz", rest).unwrap_or_default()),
            "deny" => case.deny.extend(parse_list("fuzz", rest).unwrap_or_default()),
            _ => {}
        }
    }
    Some(case)
}

/// What the C library's `inet_aton` makes of a numeric IPv4 spelling: one to four parts,
/// each decimal, octal (leading 0) or hex (0x), the last one filling the remaining bytes.
fn c_numeric_v4(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut vals = Vec::new();
    for p in &parts {
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (*p, 10)
        };
        if digits.is_empty() && radix != 16 {
            return None;
        }
        if !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let v = if digits.is_empty() {
            0
        } else {
            u64::from_str_radix(digits, radix).ok()?
        };
        vals.push(v);
    }
    let (last, init) = vals.split_last()?;
    let mut out: u64 = 0;
    for (i, v) in init.iter().enumerate() {
        if *v > 255 {
            return None;
        }
        out |= v << (24 - 8 * i);
    }
    let room = 32 - 8 * init.len() as u32;
    if room < 64 && *last >= 1u64 << room {
        return None;
    }
    Some(Ipv4Addr::from((out | last) as u32))
}

fuzz_target!(|data: &[u8]| {
    let first_line = data.split(|&b| b == b'\n').next().unwrap_or_default();
    let case = if first_line.windows(3).any(|w| w == b"://") {
        from_text(&String::from_utf8_lossy(data))
    } else {
        Input::arbitrary_take_rest(Unstructured::new(data))
            .ok()
            .and_then(from_input)
    };
    if let Some(case) = case {
        run(case);
    }
});

fn run(case: Case) {
    let w = &*WORLD;
    let Case {
        transport,
        host,
        port,
        mut table,
        allow,
        deny,
    } = case;
    if host.parse::<IpAddr>().is_err() && !table.iter().any(|(n, _)| n.eq_ignore_ascii_case(&host)) {
        if let Some(a) = c_numeric_v4(&host) {
            table.push((host.clone(), vec![IpAddr::V4(a)]));
        }
    }
    let build = || {
        let mut r = StaticResolver::new();
        for (name, addrs) in &table {
            let texts: Vec<String> = addrs.iter().map(IpAddr::to_string).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            r = r.with(name, &refs);
        }
        r
    };
    let policy = Policy::new(w.google.table.clone()).with_operator_lists(allow.clone(), deny.clone());

    let resolver = build();
    let d = policy.check_connect(&transport, &host, port, &resolver);
    let v = &d.verdict;
    // The reason as PHP shows it (rendered), and the crate's own emptiness test agrees.
    let shown = v.reason.to_string();
    assert!(!shown.is_empty(), "empty reason: {d:?}");
    assert_eq!(v.reason.is_empty(), shown.is_empty());
    assert!(resolver.lookups() <= 1, "resolved {} times", resolver.lookups());

    // Determinism.
    let again = policy.check_connect(&transport, &host, port, &build());
    assert_eq!(again, d);

    // The connection verdict, rule by rule.
    let literal = host.parse::<IpAddr>().is_ok();
    let name = (!literal).then_some(host.as_str());
    let expected: (bool, Rule, Vec<IpAddr>) = if !transport.is_inet() {
        (false, Rule::Protocol, vec![])
    } else if port == 25 && allow.is_empty() {
        (false, Rule::Port25, vec![])
    } else if host.contains('\0') {
        (false, Rule::Malformed, vec![])
    } else {
        match build().resolve(&host) {
            Err(_) => (false, Rule::Resolution, vec![]),
            Ok(addrs) => {
                let mut out = (true, Rule::Public, addrs.clone());
                let mut lifted = None;
                for &ip in &addrs {
                    let (ok, rule) = model_address(&allow, &deny, name, ip, port);
                    if !ok {
                        out = (false, rule, addrs.clone());
                        break;
                    }
                    if matches!(rule, Rule::Whitelist | Rule::OperatorAllow) && lifted.is_none() {
                        lifted = Some(rule);
                    }
                }
                if out.0 {
                    out.1 = lifted.unwrap_or(Rule::Public);
                }
                out
            }
        }
    };
    assert_eq!(
        (v.allowed, v.rule, &d.addresses),
        (expected.0, expected.1, &expected.2),
        "{host:?}:{port} over {transport}: {d:?}"
    );

    if v.allowed {
        assert!(transport.is_inet());
        assert!(!d.addresses.is_empty(), "allowed with no address: {d:?}");
        assert!(
            port != 25 || v.rule == Rule::OperatorAllow,
            "port 25 allowed by {:?}",
            v.rule
        );
    }
    // Every address, on its own: the crate's verdict, the model's, and the rule's meaning.
    for &ip in &d.addresses {
        let one = policy.check_address(name, ip, port);
        let shown = one.reason.to_string();
        assert!(!shown.is_empty() && !one.reason.is_empty(), "empty reason: {one:?}");
        let model = model_address(&allow, &deny, name, ip, port);
        assert_eq!(
            (one.allowed, one.rule),
            model,
            "check_address({name:?}, {ip}, {port}): {one:?}"
        );
        if v.allowed {
            assert!(
                one.allowed,
                "allowed decision carries refused address {ip}: {one:?} in {d:?}"
            );
            let c = model_classify(&w.rows, ip);
            if c.refused_by.is_some() {
                assert_eq!(
                    one.rule,
                    Rule::OperatorAllow,
                    "special-purpose {ip} allowed by {:?}",
                    one.rule
                );
            }
            if w.google.table.contains(c.effective) {
                assert!(
                    matches!(one.rule, Rule::Whitelist | Rule::OperatorAllow),
                    "Google {ip} allowed by {:?}",
                    one.rule
                );
            }
        }
        if matches!(
            one.rule,
            Rule::SpecialPurpose | Rule::Google | Rule::Public | Rule::OperatorAllow | Rule::OperatorDeny
        ) {
            assert!(shown.contains(&ip.to_string()), "reason does not name {ip}: {shown}");
        }
    }
}
