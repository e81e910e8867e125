//! The rules, applied in order, and the verdicts they give.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::class::Class;
use crate::operator::Entry;
use crate::ranges::RangeTable;
use crate::resolve::Resolver;
use crate::special::{classify, Embedding};
use crate::target::Transport;

/// Which rule decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Rule 1: not TCP or UDP (unix, udg, raw, other families, protocols or transports).
    Protocol,
    /// Rule 1: listening or accepting.
    Listen,
    /// Rule 1: binding to a specific address or port.
    Bind,
    /// Rule 2: port 25.
    Port25,
    /// Rule 3: a whitelist entry lifted the Google-range rule.
    Whitelist,
    /// Rule 4: a special-purpose address.
    SpecialPurpose,
    /// Rule 5: Google's ranges.
    Google,
    /// Rule 6: an ordinary public address.
    Public,
    /// The host could not be resolved; nothing to judge, nothing to connect to.
    Resolution,
    /// The target text cannot be read safely (for example it holds a NUL byte).
    Malformed,
    /// An operator's `appengine_sockets.deny` entry.
    OperatorDeny,
    /// An operator's `appengine_sockets.allow` entry.
    OperatorAllow,
    /// A broken setting: every operation is refused until it is fixed.
    Config,
    /// Sockets are only for paid apps (`appengine_sockets.billing_enabled=0`).
    Billing,
    /// The app's egress ACL (`appengine_sockets.acl`) refuses the name.
    Acl,
    /// The app's egress ACL would refuse the name, but its action is `report`: reported,
    /// and the connection goes ahead.
    AclReport,
}

impl Rule {
    /// Every rule, in declaration order (`rule as usize` indexes it): the metrics table
    /// has one counter per rule.
    pub const ALL: [Rule; 14] = [
        Rule::Protocol,
        Rule::Listen,
        Rule::Bind,
        Rule::Port25,
        Rule::Whitelist,
        Rule::SpecialPurpose,
        Rule::Google,
        Rule::Public,
        Rule::Resolution,
        Rule::Malformed,
        Rule::OperatorDeny,
        Rule::OperatorAllow,
        Rule::Config,
        Rule::Billing,
    ];

    /// Whether the rule is about where a connection goes (port 25, special-purpose and
    /// Google ranges, operator deny entries), as opposed to what kind of socket it is.
    /// The development server reports these instead of enforcing them.
    pub fn is_destination_rule(self) -> bool {
        matches!(self, Rule::Port25 | Rule::SpecialPurpose | Rule::Google | Rule::OperatorDeny | Rule::Acl)
    }

    /// Whether the ACL decided (the rule class `acl`, refused or reported).
    pub fn is_acl(self) -> bool {
        matches!(self, Rule::Acl | Rule::AclReport)
    }

    /// A stable identifier for logs and `appengine_sockets_check()`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Protocol => "protocol",
            Rule::Listen => "listen",
            Rule::Bind => "bind",
            Rule::Port25 => "port-25",
            Rule::Whitelist => "whitelist",
            Rule::SpecialPurpose => "special-purpose",
            Rule::Google => "google",
            Rule::Public => "public",
            Rule::Resolution => "resolution",
            Rule::Malformed => "malformed",
            Rule::OperatorDeny => "operator-deny",
            Rule::OperatorAllow => "operator-allow",
            Rule::Config => "config",
            Rule::Billing => "billing",
            Rule::Acl => "acl",
            Rule::AclReport => "acl-report",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a verdict was given. The common reasons keep their parts and are rendered only
/// when shown (`Display`), so judging an address formats nothing.
#[derive(Clone, Debug)]
pub enum Reason {
    /// Ready text.
    Text(Cow<'static, str>),
    /// "private address 10.0.0.5", or for an embedding "IPv4-mapped address ::ffff:a00:5
    /// carries private address 10.0.0.5".
    Special {
        /// The kind of address ("private", "loopback", ...).
        kind: &'static str,
        /// The address as resolved.
        ip: IpAddr,
        /// The embedding's name and the IPv4 address inside, when there is one.
        carried: Option<(&'static str, IpAddr)>,
    },
    /// "Google address 142.250.80.46 (Google APIs and services ranges)".
    Google(IpAddr),
    /// "public address 11.0.0.1".
    Public(IpAddr),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Text(t) => f.write_str(t),
            Reason::Special { kind, ip, carried: None } => write!(f, "{kind} address {ip}"),
            Reason::Special { kind, ip, carried: Some((how, inner)) } => {
                write!(f, "{how} address {ip} carries {kind} address {inner}")
            }
            Reason::Google(ip) => write!(f, "Google address {ip} (Google APIs and services ranges)"),
            Reason::Public(ip) => write!(f, "public address {ip}"),
        }
    }
}

impl Reason {
    /// Whether the rendered reason is empty (no verdict of this crate's has one).
    pub fn is_empty(&self) -> bool {
        match self {
            Reason::Text(t) => t.is_empty(),
            Reason::Special { .. } | Reason::Google(_) | Reason::Public(_) => false,
        }
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for Reason {}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        match self {
            Reason::Text(t) => t == other,
            _ => self.to_string().as_str() == *other,
        }
    }
}

impl From<&'static str> for Reason {
    fn from(s: &'static str) -> Self {
        Reason::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Reason {
    fn from(s: String) -> Self {
        Reason::Text(Cow::Owned(s))
    }
}

impl From<Cow<'static, str>> for Reason {
    fn from(s: Cow<'static, str>) -> Self {
        Reason::Text(s)
    }
}

/// A decision with its rule and a reason a PHP developer can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the operation may go ahead.
    pub allowed: bool,
    /// The rule that decided.
    pub rule: Rule,
    /// The rule's class, the metrics label: set where the verdict is made (the
    /// special-purpose range's kind, the kind of socket refused), else [`Class::of`] the rule.
    pub class: Class,
    /// Why, naming the address or port concerned ("private address 10.0.0.5").
    pub reason: Reason,
}

impl Verdict {
    fn allow(rule: Rule, reason: impl Into<Reason>) -> Self {
        Verdict {
            allowed: true,
            rule,
            class: Class::of(rule),
            reason: reason.into(),
        }
    }

    /// A refusal by `rule` for `reason`.
    pub fn refuse_with(rule: Rule, reason: impl Into<Reason>) -> Self {
        Self::refuse(rule, reason)
    }

    /// The same verdict under a finer class.
    pub fn with_class(mut self, class: Class) -> Self {
        self.class = class;
        self
    }

    fn refuse(rule: Rule, reason: impl Into<Reason>) -> Self {
        Verdict {
            allowed: false,
            rule,
            class: Class::of(rule),
            reason: reason.into(),
        }
    }
}

/// The verdict for a connection, with the addresses it was made on. When allowed, these are
/// the only addresses the caller may connect to, in this order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The verdict.
    pub verdict: Verdict,
    /// Every address the host resolved to (empty if it was never resolved).
    pub addresses: Vec<IpAddr>,
    /// The address the verdict is about: the refused one, or the first allowed one.
    pub judged: Option<IpAddr>,
}

/// Gmail's whitelisted names and ports, matched exactly against the name the app wrote.
pub(crate) const WHITELISTED_NAMES: &[(&str, &[u16])] = &[
    ("smtp.gmail.com", &[465, 587]),
    ("pop.gmail.com", &[995]),
    ("imap.gmail.com", &[993]),
];

/// Google Public DNS, whitelisted on port 53.
pub(crate) const WHITELISTED_DNS: &[IpAddr] = &[
    IpAddr::V4(Ipv4Addr::new(8, 8, 8, 8)),
    IpAddr::V4(Ipv4Addr::new(8, 8, 4, 4)),
    IpAddr::V6(Ipv6Addr::new(0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888)),
    IpAddr::V6(Ipv6Addr::new(0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8844)),
];

/// The App Engine socket policy over a given table of Google ranges.
#[derive(Clone, Debug)]
pub struct Policy {
    google: RangeTable,
    allow: Vec<Entry>,
    deny: Vec<Entry>,
}

impl Policy {
    /// A policy whose Google rule uses `google` (normally the built-in table, or one made
    /// from an operator's files with [`crate::GoogleRanges::from_json`]).
    pub fn new(google: RangeTable) -> Self {
        Policy {
            google,
            allow: Vec::new(),
            deny: Vec::new(),
        }
    }

    /// The same policy with an operator's lists. Precedence: deny, then allow, then the
    /// built-in rules, so an allow entry opens port 25 too, and a deny entry closes even a
    /// whitelisted destination.
    pub fn with_operator_lists(mut self, allow: Vec<Entry>, deny: Vec<Entry>) -> Self {
        self.allow = allow;
        self.deny = deny;
        self
    }

    /// The operator's allow list.
    pub fn allow_list(&self) -> &[Entry] {
        &self.allow
    }

    /// The operator's deny list.
    pub fn deny_list(&self) -> &[Entry] {
        &self.deny
    }

    /// The Google table in force.
    pub fn google(&self) -> &RangeTable {
        &self.google
    }

    /// Rule 1 for a transport alone: refused unless TCP or UDP.
    pub fn check_transport(&self, transport: &Transport) -> Option<Verdict> {
        if transport.is_inet() {
            return None;
        }
        let (class, reason): (Class, Reason) = match transport {
            Transport::Unix | Transport::Udg => (Class::Unix, format!("{transport} sockets are not allowed, only outbound TCP and UDP").into()),
            Transport::Raw => (Class::Raw, "raw sockets are not allowed, only outbound TCP and UDP".into()),
            _ => (Class::Protocol, format!("transport \"{transport}\" is not allowed, only outbound TCP and UDP").into()),
        };
        Some(Verdict::refuse(Rule::Protocol, reason).with_class(class))
    }

    /// Rule 1: socket pairs (`stream_socket_pair`, `socket_create_pair`) are local, not
    /// outbound TCP or UDP.
    pub fn check_pair(&self) -> Verdict {
        Verdict::refuse(Rule::Protocol, "socket pairs are not allowed, only outbound TCP and UDP").with_class(Class::SocketPair)
    }

    /// Rule 1: listening and accepting are always refused.
    pub fn check_listen(&self) -> Verdict {
        Verdict::refuse(Rule::Listen, "listening sockets are not allowed")
    }

    /// Rule 1: a bind is allowed only to the wildcard address with port 0.
    pub fn check_bind(&self, host: &str, port: u16) -> Verdict {
        let wildcard = host.parse::<IpAddr>().is_ok_and(|ip| ip.is_unspecified());
        if wildcard && port == 0 {
            Verdict::allow(Rule::Bind, "binding to the wildcard address with port 0 is allowed")
        } else {
            let shown = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
            Verdict::refuse(Rule::Bind, format!("binding to a specific address or port is not allowed: {shown}"))
        }
    }

    /// Judge one destination address. `name` is the host as the app wrote it, when it was
    /// a name (it is what the Gmail whitelist matches).
    pub fn check_address(&self, name: Option<&str>, ip: IpAddr, port: u16) -> Verdict {
        let c = classify(ip);
        if let Some(e) = self.deny.iter().find(|e| e.matches(ip, c.effective, port)) {
            return Verdict::refuse(Rule::OperatorDeny, format!("address {ip} port {port} is denied by appengine_sockets.deny entry {e}"));
        }
        if let Some(e) = self.allow.iter().find(|e| e.matches(ip, c.effective, port)) {
            return Verdict::allow(Rule::OperatorAllow, format!("address {ip} port {port} is allowed by appengine_sockets.allow entry {e}"));
        }
        if port == 25 {
            return Verdict::refuse(Rule::Port25, "port 25 is blocked");
        }
        if let Some(row) = c.special {
            let reason = Reason::Special {
                kind: row.kind,
                ip,
                carried: c.embedding.map(|how| (how.name(), c.effective)),
            };
            return Verdict::refuse(Rule::SpecialPurpose, reason).with_class(row.class);
        }
        if self.google.contains(c.effective) {
            // Google Public DNS itself, or a form that reaches it (an IPv4-mapped address is
            // the IPv4 address; NAT64 translates to it). A 6to4 or Teredo address (a host
            // behind a tunnel endpoint at that IPv4 address) and the deprecated
            // IPv4-compatible form are other hosts: judged as the Google address they name.
            let reaches = matches!(c.embedding, None | Some(Embedding::Mapped | Embedding::Nat64));
            if port == 53 && reaches && WHITELISTED_DNS.contains(&c.effective) {
                return Verdict::allow(Rule::Whitelist, format!("Google Public DNS {ip} on port 53 is whitelisted"));
            }
            if let Some(name) = name.filter(|n| name_whitelisted(n, port)) {
                return Verdict::allow(Rule::Whitelist, format!("{name} on port {port} is whitelisted"));
            }
            return Verdict::refuse(Rule::Google, Reason::Google(ip));
        }
        Verdict::allow(Rule::Public, Reason::Public(ip))
    }

    /// Judge a connection to the literal address `ip`:`port` over `transport`, exactly as
    /// [`Policy::check_connect`] judges a host that is that literal, without allocating:
    /// the verdict, and the address it is about (None when it was refused before the
    /// address was looked at: the transport, or port 25 with no operator allow list).
    pub fn check_literal(&self, transport: &Transport, ip: IpAddr, port: u16) -> (Verdict, Option<IpAddr>) {
        if let Some(v) = self.check_transport(transport) {
            return (v, None);
        }
        if port == 25 && self.allow.is_empty() {
            return (Verdict::refuse(Rule::Port25, "port 25 is blocked"), None);
        }
        (self.check_address(None, ip, port), Some(ip))
    }

    /// Judge a connection to `host`:`port` over `transport`: resolve the host once, judge
    /// every address, and refuse if any one is refused.
    pub fn check_connect(&self, transport: &Transport, host: &str, port: u16, resolver: &dyn Resolver) -> Decision {
        let refused = |verdict| Decision {
            verdict,
            addresses: Vec::new(),
            judged: None,
        };
        if let Some(v) = self.check_transport(transport) {
            return refused(v);
        }
        if port == 25 && self.allow.is_empty() {
            // Nothing can open port 25: refuse without a lookup.
            return refused(Verdict::refuse(Rule::Port25, "port 25 is blocked"));
        }
        if host.contains('\0') {
            return refused(Verdict::refuse(Rule::Malformed, "address contains a NUL byte"));
        }
        if let Some(ip) = crate::target::parse_ip(host.as_bytes()) {
            // A literal resolves to itself: judged once, as check_literal judges it.
            return Decision {
                verdict: self.check_address(None, ip, port),
                addresses: vec![ip],
                judged: Some(ip),
            };
        }
        let addresses = match resolver.resolve(host) {
            Ok(a) => a,
            Err(e) => return refused(Verdict::refuse(Rule::Resolution, e.to_string())),
        };
        let name = Some(host);
        let mut whitelisted = None;
        for &ip in &addresses {
            let v = self.check_address(name, ip, port);
            if !v.allowed {
                let reason = if addresses.len() > 1 {
                    format!("{}; {host} resolves to {}", v.reason, join(&addresses)).into()
                } else {
                    v.reason
                };
                return Decision {
                    verdict: Verdict { reason, ..v },
                    addresses,
                    judged: Some(ip),
                };
            }
            if matches!(v.rule, Rule::Whitelist | Rule::OperatorAllow) && whitelisted.is_none() {
                whitelisted = Some(v);
            }
        }
        let verdict = whitelisted.unwrap_or_else(|| match addresses.as_slice() {
            [one] => Verdict::allow(Rule::Public, Reason::Public(*one)),
            many => Verdict::allow(Rule::Public, format!("public address {}", join(many))),
        });
        let judged = addresses.first().copied();
        Decision {
            verdict,
            addresses,
            judged,
        }
    }
}

fn name_whitelisted(name: &str, port: u16) -> bool {
    WHITELISTED_NAMES
        .iter()
        .any(|(n, ports)| n.eq_ignore_ascii_case(name) && ports.contains(&port))
}

fn join(addrs: &[IpAddr]) -> String {
    addrs.iter().map(IpAddr::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::google::GoogleRanges;
    use crate::resolve::{StaticResolver, SystemResolver};

    fn policy() -> Policy {
        let g = GoogleRanges::from_json(
            include_str!("../../data/google-ipranges/goog.json"),
            include_str!("../../data/google-ipranges/cloud.json"),
        )
        .unwrap();
        Policy::new(g.table)
    }

    fn dns() -> StaticResolver {
        StaticResolver::new()
            .with("public.test", &["11.0.0.1"])
            .with("v6.test", &["2400:cb00::10"])
            .with("private.test", &["10.0.0.5"])
            .with("mixed.test", &["11.0.0.1", "10.0.0.5"])
            .with("smtp.gmail.com", &["142.250.102.108", "2a00:1450:4013:c00::6c"])
            .with("pop.gmail.com", &["142.250.102.109"])
            .with("imap.gmail.com", &["142.250.102.108"])
            .with("gmail-private.test", &["10.0.0.5"])
            .with("smtp-private.gmail.com", &["10.0.0.5"])
            .with("google.test", &["142.250.80.46"])
            .with("smtp.gmail.com.", &["142.250.102.108"])
    }

    fn connect(host: &str, port: u16) -> Decision {
        policy().check_connect(&Transport::Tcp, host, port, &dns())
    }

    #[test]
    fn literal_fast_path_judges_as_check_connect() {
        use crate::operator::parse_list;
        let allow = parse_list("appengine_sockets.allow", "10.0.0.0/8:25").unwrap();
        let deny = parse_list("appengine_sockets.deny", "11.0.0.0/24:80").unwrap();
        for p in [policy(), policy().with_operator_lists(allow, deny)] {
            for t in ["tcp", "udp", "ssl", "unix", "sctp"] {
                for ip in ["11.0.0.1", "10.0.0.5", "8.8.8.8", "142.250.80.46", "2400:cb00::10", "fd00::5", "::ffff:10.0.0.5", "::1"] {
                    for port in [0, 25, 53, 80, 587] {
                        let t = Transport::from_name(t);
                        let d = p.check_connect(&t, ip, port, &dns());
                        let (v, judged) = p.check_literal(&t, ip.parse().unwrap(), port);
                        let shown = |v: &Verdict| (v.allowed, v.rule, v.reason.to_string());
                        assert_eq!(shown(&v), shown(&d.verdict), "{t} {ip} {port}");
                        assert_eq!(judged, d.judged, "{t} {ip} {port}");
                    }
                }
            }
        }
    }

    #[test]
    fn rule1_protocols() {
        let p = policy();
        for t in ["unix", "udg", "sctp", "sslv3", "quic"] {
            let d = p.check_connect(&Transport::from_name(t), "11.0.0.1", 80, &dns());
            assert_eq!(d.verdict.rule, Rule::Protocol, "{t}");
            assert!(!d.verdict.allowed);
        }
        for t in ["tcp", "udp", "ssl", "tls", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3"] {
            assert!(p.check_connect(&Transport::from_name(t), "11.0.0.1", 80, &dns()).verdict.allowed, "{t}");
        }
        assert_eq!(p.check_listen().rule, Rule::Listen);
        assert_eq!(p.check_listen().reason, "listening sockets are not allowed");
        for (t, class) in [("unix", Class::Unix), ("udg", Class::Unix), ("sctp", Class::Protocol), ("quic", Class::Protocol)] {
            assert_eq!(p.check_connect(&Transport::from_name(t), "11.0.0.1", 80, &dns()).verdict.class, class, "{t}");
        }
        assert_eq!(p.check_transport(&Transport::Raw).unwrap().class, Class::Raw);
        assert_eq!((p.check_pair().rule, p.check_pair().class), (Rule::Protocol, Class::SocketPair));
        assert_eq!(p.check_listen().class, Class::Listen);
    }

    #[test]
    fn rule1_bind() {
        let p = policy();
        assert!(p.check_bind("0.0.0.0", 0).allowed);
        assert!(p.check_bind("::", 0).allowed);
        assert!(!p.check_bind("0.0.0.0", 8080).allowed);
        assert!(!p.check_bind("11.0.0.1", 0).allowed);
        assert!(!p.check_bind("127.0.0.1", 0).allowed);
        assert!(!p.check_bind("localhost", 0).allowed);
        assert_eq!(
            p.check_bind("11.0.0.1", 4000).reason,
            "binding to a specific address or port is not allowed: 11.0.0.1:4000"
        );
    }

    #[test]
    fn rule2_port25_everywhere() {
        for host in ["11.0.0.1", "public.test", "smtp.gmail.com", "8.8.8.8"] {
            let d = connect(host, 25);
            assert_eq!((d.verdict.allowed, d.verdict.rule), (false, Rule::Port25), "{host}");
            assert_eq!(d.verdict.reason, "port 25 is blocked");
        }
        assert_eq!(policy().check_address(None, "11.0.0.1".parse().unwrap(), 25).rule, Rule::Port25);
    }

    #[test]
    fn rule3_whitelist_edges() {
        let p = policy();
        let r = dns();
        for (host, port) in [
            ("8.8.8.8", 53),
            ("8.8.4.4", 53),
            ("2001:4860:4860::8888", 53),
            ("2001:4860:4860::8844", 53),
            ("smtp.gmail.com", 465),
            ("smtp.gmail.com", 587),
            ("SMTP.Gmail.COM", 587),
            ("pop.gmail.com", 995),
            ("imap.gmail.com", 993),
        ] {
            for t in [Transport::Tcp, Transport::Udp] {
                let d = p.check_connect(&t, host, port, &r);
                assert_eq!((d.verdict.allowed, d.verdict.rule), (true, Rule::Whitelist), "{host}:{port}");
            }
        }
        for (host, port) in [
            ("8.8.8.8", 80),
            ("8.8.8.9", 53),
            ("2001:4860:4860::8889", 53),
            ("smtp.gmail.com", 993),
            ("pop.gmail.com", 587),
            ("imap.gmail.com", 995),
            ("142.250.102.108", 587), // the address behind smtp.gmail.com, as a literal
            ("smtp.gmail.com.", 587), // not the exact name
        ] {
            let d = p.check_connect(&Transport::Tcp, host, port, &r);
            assert_eq!((d.verdict.allowed, d.verdict.rule), (false, Rule::Google), "{host}:{port}: {:?}", d.verdict);
        }
        // A whitelisted name that resolves to a private address is still refused.
        let r = StaticResolver::new().with("smtp.gmail.com", &["10.0.0.5"]);
        let d = p.check_connect(&Transport::Tcp, "smtp.gmail.com", 587, &r);
        assert_eq!((d.verdict.allowed, d.verdict.rule), (false, Rule::SpecialPurpose));
        // The DNS whitelist follows the address inside an IPv4-mapped form.
        let d = p.check_connect(&Transport::Udp, "::ffff:8.8.8.8", 53, &r);
        assert_eq!(d.verdict.rule, Rule::Whitelist);
    }

    #[test]
    fn rule3_dns_whitelist_only_reaches_google_public_dns() {
        let p = policy();
        let r = dns();
        // Forms that reach Google Public DNS: the address itself, IPv4-mapped, NAT64.
        for host in ["8.8.8.8", "::ffff:8.8.4.4", "64:ff9b::808:808", "64:ff9b::8.8.4.4", "2001:4860:4860::8844"] {
            for t in [Transport::Tcp, Transport::Udp] {
                let d = p.check_connect(&t, host, 53, &r);
                assert_eq!((d.verdict.allowed, d.verdict.rule), (true, Rule::Whitelist), "{host}: {:?}", d.verdict);
            }
        }
        // Forms that name another host: a 6to4 site behind 8.8.8.8, a Teredo client
        // whose (XOR-ed) address is 8.8.8.8, the deprecated IPv4-compatible form.
        for host in [
            "2002:808:808::1",
            "2002:808:404::53",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
            "2001:0:4136:e378:8000:63bf:f7f7:fbfb",
            "::8.8.8.8",
        ] {
            let d = p.check_connect(&Transport::Udp, host, 53, &r);
            assert!(!d.verdict.allowed, "{host}: {:?}", d.verdict);
            assert_ne!(d.verdict.rule, Rule::Whitelist, "{host}");
        }
    }

    #[test]
    fn rule4_special_purpose_reasons() {
        let d = connect("10.0.0.5", 80);
        assert_eq!(d.verdict, Verdict::refuse(Rule::SpecialPurpose, "private address 10.0.0.5").with_class(Class::Private));
        assert_eq!(connect("private.test", 80).verdict.reason, "private address 10.0.0.5");
        assert_eq!(connect("::ffff:10.0.0.5", 80).verdict.reason, "IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5");
        assert_eq!(connect("127.0.0.1", 80).verdict.reason, "loopback address 127.0.0.1");
        assert_eq!(connect("::1", 80).verdict.reason, "loopback address ::1");
        assert_eq!(connect("169.254.169.254", 80).verdict.reason, "link-local address 169.254.169.254");
        assert_eq!(connect("255.255.255.255", 53).verdict.reason, "broadcast address 255.255.255.255");
        assert_eq!(connect("224.0.0.251", 5353).verdict.reason, "multicast address 224.0.0.251");
    }

    /// The special-purpose rule's class is the matched range's, for each family and for an
    /// IPv4 address carried in IPv6; the decision log's rule stays `special-purpose`.
    #[test]
    fn rule4_classes() {
        for (target, class) in [
            ("10.0.0.5", Class::Private),
            ("fd00::1", Class::Private),
            ("100.64.0.1", Class::Private),
            ("fec0::1", Class::Private),
            ("::ffff:10.0.0.5", Class::Private),
            ("2002:a00:5::1", Class::Private),
            ("127.0.0.1", Class::Loopback),
            ("::1", Class::Loopback),
            ("64:ff9b::7f00:1", Class::Loopback),
            ("169.254.169.254", Class::LinkLocal),
            ("fe80::1", Class::LinkLocal),
            ("224.0.0.251", Class::Multicast),
            ("ff02::1", Class::Multicast),
            ("255.255.255.255", Class::Broadcast),
            ("0.0.0.0", Class::Unspecified),
            ("::", Class::Unspecified),
            ("0.1.2.3", Class::Reserved),
            ("192.0.2.1", Class::Reserved),
            ("198.18.0.1", Class::Reserved),
            ("240.0.0.1", Class::Reserved),
            ("2001:db8::1", Class::Reserved),
            ("4000::1", Class::Reserved),
            ("64:ff9b:1::a00:5", Class::Reserved),
        ] {
            let v = connect(target, 80).verdict;
            assert_eq!((v.allowed, v.rule, v.class), (false, Rule::SpecialPurpose, class), "{target}");
        }
        assert_eq!(connect("11.0.0.1", 80).verdict.class, Class::Public);
        assert_eq!(connect("11.0.0.1", 25).verdict.class, Class::Port25);
    }

    #[test]
    fn rule4_every_c_spelling_of_loopback() {
        let p = policy();
        for spelling in ["127.1", "0x7f.1", "0177.0.0.1", "2130706433", "0x7f000001", "017700000001", "127.0x1", "0"] {
            let d = p.check_connect(&Transport::Tcp, spelling, 80, &SystemResolver);
            assert_eq!((d.verdict.allowed, d.verdict.rule), (false, Rule::SpecialPurpose), "{spelling}");
        }
    }

    #[test]
    fn rule4_embeddings() {
        for form in ["::ffff:10.0.0.5", "::ffff:a00:5", "64:ff9b::a00:5", "2002:a00:5::1", "::10.0.0.5", "2001:0:4136:e378:8000:63bf:f5ff:fffa", "64:ff9b:1::a00:5"] {
            let d = connect(form, 80);
            assert_eq!((d.verdict.allowed, d.verdict.rule), (false, Rule::SpecialPurpose), "{form}");
        }
        assert!(connect("::ffff:11.0.0.1", 80).verdict.allowed);
        assert!(connect("64:ff9b::b00:1", 80).verdict.allowed);
    }

    #[test]
    fn rule5_google() {
        let d = connect("142.250.80.46", 443);
        assert_eq!(d.verdict.rule, Rule::Google);
        assert_eq!(d.verdict.reason, "Google address 142.250.80.46 (Google APIs and services ranges)");
        assert_eq!(connect("google.test", 443).verdict.rule, Rule::Google);
        // Google Cloud customers' addresses are not Google's services.
        assert!(connect("34.35.0.1", 443).verdict.allowed);
    }

    #[test]
    fn rule6_public_and_all_addresses() {
        let d = connect("public.test", 80);
        assert!(d.verdict.allowed);
        assert_eq!(d.verdict.rule, Rule::Public);
        assert_eq!(d.addresses, vec!["11.0.0.1".parse::<IpAddr>().unwrap()]);
        assert!(connect("v6.test", 80).verdict.allowed);
        let d = connect("mixed.test", 80);
        assert!(!d.verdict.allowed);
        assert_eq!(d.judged, Some("10.0.0.5".parse().unwrap()));
        assert_eq!(d.verdict.reason, "private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5");
        assert_eq!(d.verdict.class, Class::Private, "the refused address's class, with the other addresses named");
    }

    #[test]
    fn resolves_exactly_once() {
        let r = dns();
        let d = policy().check_connect(&Transport::Tcp, "public.test", 443, &r);
        assert!(d.verdict.allowed);
        assert_eq!(r.lookups(), 1);
        let d = policy().check_connect(&Transport::Tcp, "nowhere.test", 443, &r);
        assert_eq!(d.verdict.rule, Rule::Resolution);
        assert_eq!(d.verdict.reason, "getaddrinfo for nowhere.test failed: Name or service not known");
    }

    #[test]
    fn operator_lists_precedence() {
        use crate::operator::parse_list;
        let p = policy().with_operator_lists(
            parse_list("appengine_sockets.allow", "10.0.0.5/32, [fd00::/8]:443").unwrap(),
            parse_list("appengine_sockets.deny", "8.8.8.8/32, 11.0.0.0/24:8080").unwrap(),
        );
        let r = dns();
        let d = |h: &str, port| p.check_connect(&Transport::Tcp, h, port, &r).verdict;
        // allow opens a private address on every port, 25 included
        assert_eq!((d("10.0.0.5", 80).allowed, d("10.0.0.5", 80).rule), (true, Rule::OperatorAllow));
        assert_eq!((d("10.0.0.5", 25).allowed, d("10.0.0.5", 25).rule), (true, Rule::OperatorAllow));
        assert!(d("private.test", 25).allowed);
        assert!(d("::ffff:10.0.0.5", 80).allowed);
        assert!(d("fd00::1", 443).allowed);
        assert!(!d("fd00::1", 80).allowed);
        // deny closes the built-in DNS whitelist entry, and only the listed port
        let v = d("8.8.8.8", 53);
        assert_eq!((v.allowed, v.rule), (false, Rule::OperatorDeny));
        assert_eq!(v.reason, "address 8.8.8.8 port 53 is denied by appengine_sockets.deny entry 8.8.8.8/32");
        assert!(!d("11.0.0.1", 8080).allowed);
        assert!(d("11.0.0.1", 80).allowed);
        // other rules are untouched
        assert_eq!(d("11.0.0.1", 25).rule, Rule::Port25);
        assert_eq!(d("10.0.0.6", 80).rule, Rule::SpecialPurpose);
        // deny wins over allow
        let p2 = policy().with_operator_lists(
            parse_list("a", "10.0.0.0/8").unwrap(),
            parse_list("d", "10.0.0.5").unwrap(),
        );
        assert_eq!(p2.check_connect(&Transport::Tcp, "10.0.0.5", 80, &r).verdict.rule, Rule::OperatorDeny);
        assert!(p2.check_connect(&Transport::Tcp, "10.0.0.6", 80, &r).verdict.allowed);
    }

    #[test]
    fn nul_is_malformed() {
        assert_eq!(connect("public.test\0evil", 80).verdict.rule, Rule::Malformed);
    }
}
