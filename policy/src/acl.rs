//! A per-app egress policy by host name, in Smokescreen's ACL v1 YAML format.
//!
//! ```yaml
//! version: v1
//! services:
//!   - name: billing            # the app id (appengine_sockets.app_id)
//!     project: payments        # the owner, logged with every decision
//!     action: enforce          # enforce | report | open
//!     allowed_domains:
//!       - "*.stripe.com"       # subdomains at any depth, not stripe.com itself
//!       - api.example.com:443  # an extension: this port only
//! default:                     # apps not listed (none: they are refused)
//!   project: other
//!   action: report
//! global_deny_list: [pastebin.com]
//! global_allow_list: [status.example.com]
//! ```
//!
//! The decision order and the glob rules are Smokescreen's (`pkg/smokescreen/acl/v1`):
//! the app's `allowed_domains`, then `global_deny_list`, then `global_allow_list`, then the
//! app's action. A glob is a name, or `*.` followed by a name; it is matched
//! case-insensitively, trailing dots ignored; the file holds names in punycode, lower case.
//! Beyond Smokescreen, an entry may end in `:PORT` and then matches that port only.
//! `mitm_domains` and `allowed_external_proxies` mean nothing outside a proxy: a file
//! using them is rejected, as is any key this format does not have.
//!
//! Matching costs a few hash look-ups whatever the number of entries: every exact name and
//! every wildcard's suffix is one key of one index (for every list at once), and a host is
//! looked up once per label, with the hashes of its suffixes computed in one pass from its
//! end.

use std::collections::HashMap;
use std::fmt;
use std::net::Ipv4Addr;

use crate::rules::{Rule, Verdict};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// What an app's rule does with a name none of the lists matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Allow it.
    Open,
    /// Allow it, and say it would be refused.
    Report,
    /// Refuse it.
    Enforce,
}

impl Action {
    /// The word in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Open => "open",
            Action::Report => "report",
            Action::Enforce => "enforce",
        }
    }
}

/// The outcome of the ACL alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AclResult {
    /// Allowed.
    Allow,
    /// Allowed, and reported as one that enforcing would refuse.
    Report,
    /// Refused.
    Deny,
}

/// Which part of the ACL decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Matched {
    /// The app's `allowed_domains`.
    AllowedDomains,
    /// `global_deny_list`.
    GlobalDeny,
    /// `global_allow_list`.
    GlobalAllow,
    /// No list matched a name: the rule's action.
    Action(Action),
    /// A literal address (no name to match): the rule's action.
    Literal(Action),
    /// The app has no rule and there is no default.
    NoRule,
}

impl Matched {
    /// A stable identifier for the decision log's `acl` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Matched::AllowedDomains => "allowed_domains",
            Matched::GlobalDeny => "global_deny_list",
            Matched::GlobalAllow => "global_allow_list",
            Matched::Action(Action::Open) => "action-open",
            Matched::Action(Action::Report) => "action-report",
            Matched::Action(Action::Enforce) => "action-enforce",
            Matched::Literal(Action::Open) => "literal-open",
            Matched::Literal(Action::Report) => "literal-report",
            Matched::Literal(Action::Enforce) => "literal-enforce",
            Matched::NoRule => "no-rule",
        }
    }

    /// Words for a warning: "global deny list", "not in allowed_domains (action enforce)".
    pub fn describe(self) -> String {
        match self {
            Matched::AllowedDomains => "allowed_domains".to_owned(),
            Matched::GlobalDeny => "global deny list".to_owned(),
            Matched::GlobalAllow => "global allow list".to_owned(),
            Matched::Action(a) => format!("not in allowed_domains (action {})", a.as_str()),
            Matched::Literal(a) => format!("an address literal matches no name (action {})", a.as_str()),
            Matched::NoRule => "no rule for the app and no default".to_owned(),
        }
    }
}

/// The rule an app's requests are judged by, picked once per request ([`Acl::role`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The app's own service entry (its index).
    Service(u32),
    /// The `default` rule.
    Default,
    /// No rule: every name is refused.
    None,
}

/// One decision of the ACL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AclDecision {
    /// Allow, report or deny.
    pub result: AclResult,
    /// What decided.
    pub matched: Matched,
    /// Which of the names decided (an index into the names judged: the first refused, or
    /// the first), if a name did.
    pub name: Option<usize>,
    /// Whether the app's rule is the default one.
    pub default: bool,
}

impl AclDecision {
    /// Smokescreen's `enforce_would_deny`: whether enforcing this rule would refuse.
    pub fn enforce_would_deny(&self) -> bool {
        self.result != AclResult::Allow
    }
}

/// A file that cannot be used, with the line it is about (1-based; 0: the whole file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AclError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for AclError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.problem)
        } else {
            write!(f, "line {}: {}", self.line, self.problem)
        }
    }
}

impl std::error::Error for AclError {}

fn err<T>(line: usize, problem: impl Into<String>) -> Result<T, AclError> {
    Err(AclError { line, problem: problem.into() })
}

/// One app's rule.
#[derive(Clone, Debug)]
pub struct Service {
    /// The app id (empty for the default rule).
    pub name: String,
    /// Its project (owner).
    pub project: String,
    /// Its action.
    pub action: Action,
}

/// A parsed, validated ACL.
#[derive(Clone, Debug)]
pub struct Acl {
    services: Vec<Service>,
    by_name: HashMap<String, u32>,
    default: Option<Service>,
    index: Index,
    entries: usize,
}

/// The list an index entry belongs to: a service's `allowed_domains` (its index), the
/// default's, or a global list.
const DEFAULT_SET: u32 = u32::MAX - 2;
const DENY_SET: u32 = u32::MAX - 1;
const ALLOW_SET: u32 = u32::MAX;

/// Ports an entry covers: every port (`None`), or one.
type Port = Option<u16>;

#[derive(Clone, Debug)]
struct Hit {
    set: u32,
    wildcard: bool,
    port: Port,
}

#[derive(Clone, Debug)]
struct Key {
    name: Box<str>,
    hits: Vec<Hit>,
}


/// One byte into a name's running hash, read from its end: a rotation and an xor, so the
/// per-byte cost stays a few instructions; [`mix`] spreads the bits once per look-up.
/// `| 0x20` folds upper case into lower case and leaves digits, `-` and `.` as they are
/// (`_` and DEL then hash alike, as any collision is settled by comparing the names).
#[inline(always)]
fn fold(h: u64, b: u8) -> u64 {
    h.rotate_left(7) ^ u64::from(b | 0x20)
}

/// The table hash of a running hash (its high bits pick the slot).
#[inline(always)]
fn mix(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The rule's action as a result.
#[inline(always)]
fn action_result(action: Action) -> AclResult {
    match action {
        Action::Open => AclResult::Allow,
        Action::Report => AclResult::Report,
        Action::Enforce => AclResult::Deny,
    }
}

/// Bytes that make a host an address spelling wherever they are: `:` (IPv6) and `[` (a
/// bracketed literal). A table, so the hashing pass notes them without a branch.
static ADDRESS_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b':' as usize] = 1;
    t[b'[' as usize] = 1;
    t
};

/// Whether a host's last label (trailing dots left out) is a number as `inet_aton` reads
/// one (decimal digits, or `0x` and hex digits), which no top-level domain is.
#[inline(always)]
fn is_number_label(last: &[u8]) -> bool {
    match last {
        [b'0', b'x' | b'X', hex @ ..] => hex.iter().all(u8::is_ascii_hexdigit),
        [] => false,
        digits => digits.iter().all(u8::is_ascii_digit),
    }
}

/// Whether `host` is `key` (lower case, as the file's entries are) ignoring ASCII case:
/// eight bytes at a time, as a match (every exact name, found by its hash) compares the
/// whole name.
#[inline(always)]
fn eq_lower(host: &[u8], key: &[u8]) -> bool {
    /// The ASCII lower case of eight bytes (bytes of 0x80 and above unchanged).
    #[inline(always)]
    fn lower(x: u64) -> u64 {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let b = x & LOW7;
        // A byte's high bit: set if b >= 'A' (b + 0x3f) and if b > 'Z' (b + 0x25).
        let upper = !x & HIGH & ((b + 0x3f3f_3f3f_3f3f_3f3f) ^ (b + 0x2525_2525_2525_2525));
        x | (upper >> 2)
    }
    let n = host.len();
    if n != key.len() {
        return false;
    }
    if n < 8 {
        return host.iter().zip(key).all(|(&a, &b)| a.to_ascii_lowercase() == b);
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("eight bytes"));
    let mut i = 0;
    while i + 8 <= n {
        if lower(word(host, i)) != word(key, i) {
            return false;
        }
        i += 8;
    }
    // The last word, overlapping the one before it.
    i == n || lower(word(host, n - 8)) == word(key, n - 8)
}

fn hash_name(name: &[u8]) -> u64 {
    mix(name.iter().rev().fold(0, |h, &b| fold(h, b)))
}

/// Keys by the hash of their name (folded over the name read backwards, so the hashes of
/// a host's suffixes come out of one pass): an open-addressing table of (hash, key + 1)
/// pairs, a power of two long and at most half full, probed linearly. A miss (most labels
/// of a host) costs one or two slot reads. The keys come from the operator's file, never
/// from an app, so no app can choose colliding keys.
#[derive(Clone, Debug)]
struct Index {
    keys: Vec<Key>,
    slots: Vec<(u64, u32)>,
    /// 64 minus log2 of the table's length: a hash's top bits pick its first slot.
    shift: u32,
    /// The lengths (63 for 63 and longer) of the wildcards' names and of the exact names,
    /// one bit each: a suffix or a host of a length no entry has skips its look-up.
    wild_lens: u64,
    exact_lens: u64,
}

/// A name's length as a bit of [`Index::wild_lens`] and [`Index::exact_lens`].
#[inline(always)]
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl Default for Index {
    fn default() -> Self {
        Index { keys: Vec::new(), slots: vec![(0, 0); 2], shift: 63, wild_lens: 0, exact_lens: 0 }
    }
}

impl Index {
    fn insert(&mut self, name: &str, hit: Hit) {
        if hit.wildcard {
            self.wild_lens |= len_bit(name.len());
        } else {
            self.exact_lens |= len_bit(name.len());
        }
        let h = hash_name(name.as_bytes());
        if let Some(k) = self.find(h, name.as_bytes()) {
            self.keys[k].hits.push(hit);
            return;
        }
        self.keys.push(Key { name: name.into(), hits: vec![hit] });
        if self.keys.len() * 2 > self.slots.len() {
            self.slots = vec![(0, 0); (self.keys.len() * 4).next_power_of_two()];
            self.shift = 64 - self.slots.len().trailing_zeros();
            for k in 0..self.keys.len() {
                let h = hash_name(self.keys[k].name.as_bytes());
                self.place(h, k);
            }
        } else {
            self.place(h, self.keys.len() - 1);
        }
    }

    /// The first slot for hash `h`: its high bits.
    #[inline(always)]
    fn home(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    fn place(&mut self, h: u64, k: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        while self.slots[i].1 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (h, k as u32 + 1);
    }

    #[inline(always)]
    fn find(&self, h: u64, name: &[u8]) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            let (sh, k) = self.slots[i];
            if k == 0 {
                return None;
            }
            if sh == h && eq_lower(name, self.keys[k as usize - 1].name.as_bytes()) {
                return Some(k as usize - 1);
            }
            i = (i + 1) & mask;
        }
    }

    #[inline(always)]
    fn get(&self, h: u64, name: &[u8]) -> Option<&Key> {
        self.find(h, name).map(|k| &self.keys[k])
    }
}

/// Which lists matched one name.
#[derive(Default, Clone, Copy)]
struct Flags {
    role: bool,
    deny: bool,
    allow: bool,
}

impl Acl {
    /// Parse and validate the text of an ACL file.
    pub fn parse(text: &str) -> Result<Acl, AclError> {
        let doc = load(text)?;
        build(&doc)
    }

    /// The rule `app`'s requests are judged by.
    pub fn role(&self, app: &str) -> Role {
        match self.by_name.get(app) {
            Some(&i) => Role::Service(i),
            None if self.default.is_some() => Role::Default,
            None => Role::None,
        }
    }

    /// The service of a role, if it has one.
    pub fn service(&self, role: Role) -> Option<&Service> {
        match role {
            Role::Service(i) => self.services.get(i as usize),
            Role::Default => self.default.as_ref(),
            Role::None => None,
        }
    }

    /// The app ids the file names, in its order.
    pub fn apps(&self) -> impl Iterator<Item = &str> {
        self.services.iter().map(|s| s.name.as_str())
    }

    /// Whether there is a `default` rule.
    pub fn has_default(&self) -> bool {
        self.default.is_some()
    }

    /// How many domain entries the file holds (every list).
    pub fn entries(&self) -> usize {
        self.entries
    }

    fn lists_of(&self, role: Role) -> u32 {
        match role {
            Role::Service(i) => i,
            Role::Default => DEFAULT_SET,
            Role::None => u32::MAX - 3,
        }
    }

    /// Which lists match `host` on `port` (`set`: the role's own list), or `None` when the
    /// host spells an address ([`is_address_spelling`]): one pass over the host from its
    /// end hashes every suffix and notes what would make it an address, then one look-up
    /// per label and one for the whole name, each skipped when no entry has its length.
    /// Nothing is allocated.
    fn flags(&self, set: u32, host: &str, port: u16) -> Option<Flags> {
        let mut f = Flags::default();
        let mut b = host.as_bytes();
        while let [rest @ .., b'.'] = b {
            b = rest;
        }
        if b.is_empty() {
            return Some(f);
        }
        let mut apply = |key: &Key, wildcard: bool| {
            for hit in &key.hits {
                if hit.wildcard != wildcard || hit.port.is_some_and(|p| p != port) {
                    continue;
                }
                if hit.set == set {
                    f.role = true;
                } else if hit.set == DENY_SET {
                    f.deny = true;
                } else if hit.set == ALLOW_SET {
                    f.allow = true;
                }
            }
        };
        // Read from the end: at each dot, the hash so far is its suffix's (a wildcard's
        // key); at the start, the whole name's (an exact key). The scan only hashes, notes
        // where the labels start and whether a byte of an address's spelling (`:`, `[`)
        // was seen (a loop with look-ups inside it keeps too little in registers); then
        // the look-ups.
        const MAX: usize = 8;
        let mut dots = [(0u64, 0usize); MAX];
        let (mut n, mut h, mut odd) = (0, 0u64, 0u8);
        for (i, &c) in b.iter().enumerate().rev() {
            odd |= ADDRESS_BYTE[usize::from(c)];
            if c == b'.' {
                if n < MAX {
                    dots[n] = (h, i);
                }
                n += 1;
            }
            h = fold(h, c);
        }
        let last = if n > 0 { &b[dots[0].1 + 1..] } else { b };
        if odd != 0 || is_number_label(last) {
            return None;
        }
        if n > MAX {
            // More labels than noted (few real names have them): all of them, the slow way.
            n = 0;
            let mut h2 = 0u64;
            for (i, &c) in b.iter().enumerate().rev() {
                if c == b'.' && self.index.wild_lens & len_bit(b.len() - i - 1) != 0 {
                    if let Some(k) = self.index.get(mix(h2), &b[i + 1..]) {
                        apply(k, true);
                    }
                }
                h2 = fold(h2, c);
            }
        }
        for &(hs, i) in &dots[..n] {
            if self.index.wild_lens & len_bit(b.len() - i - 1) == 0 {
                continue;
            }
            if let Some(k) = self.index.get(mix(hs), &b[i + 1..]) {
                apply(k, true);
            }
        }
        if self.index.exact_lens & len_bit(b.len()) != 0 {
            if let Some(k) = self.index.get(mix(h), b) {
                apply(k, false);
            }
        }
        Some(f)
    }

    /// The outcome for a name whose lists are `f`, under `service`'s rule.
    #[inline(always)]
    fn outcome(f: Flags, service: &Service) -> (AclResult, Matched) {
        if f.role {
            (AclResult::Allow, Matched::AllowedDomains)
        } else if f.deny {
            (AclResult::Deny, Matched::GlobalDeny)
        } else if f.allow {
            (AclResult::Allow, Matched::GlobalAllow)
        } else {
            (action_result(service.action), Matched::Action(service.action))
        }
    }

    /// Decide for `role` a connection on `port` to `host` as the app wrote it (a stream's,
    /// a socket's): a name, or an address however spelled, which matches no name. The
    /// same as [`Acl::decide`] with `[host]`, or with no names for an address spelling,
    /// in one pass over the host.
    pub fn decide_host(&self, role: Role, host: &str, port: u16) -> AclDecision {
        let Some(service) = self.service(role) else {
            let name = (!is_address_spelling(host)).then_some(0);
            return AclDecision { result: AclResult::Deny, matched: Matched::NoRule, name, default: false };
        };
        let default = role == Role::Default;
        match self.flags(self.lists_of(role), host, port) {
            None => AclDecision {
                result: action_result(service.action),
                matched: Matched::Literal(service.action),
                name: None,
                default,
            },
            Some(f) => {
                let (result, matched) = Self::outcome(f, service);
                AclDecision { result, matched, name: Some(0), default }
            }
        }
    }

    /// Decide for `role` a connection on `port` whose host is each of `names` (a stream's
    /// one name; beneath a C library, every name whose lookup produced the address). Every
    /// name must be allowed: the result is the strictest of theirs. No names: a literal
    /// address, which matches no list.
    pub fn decide(&self, role: Role, names: &[&str], port: u16) -> AclDecision {
        let Some(service) = self.service(role) else {
            return AclDecision {
                result: AclResult::Deny,
                matched: Matched::NoRule,
                name: (!names.is_empty()).then_some(0),
                default: false,
            };
        };
        let default = role == Role::Default;
        let set = self.lists_of(role);
        if names.is_empty() {
            return AclDecision {
                result: action_result(service.action),
                matched: Matched::Literal(service.action),
                name: None,
                default,
            };
        }
        let mut worst: Option<AclDecision> = None;
        for (i, name) in names.iter().enumerate() {
            // A name that spells an address (none resolves as one) matches no list, as no
            // entry is an address.
            let f = self.flags(set, name, port).unwrap_or_default();
            let (result, matched) = Self::outcome(f, service);
            if worst.as_ref().is_none_or(|w| result > w.result) {
                worst = Some(AclDecision { result, matched, name: Some(i), default });
            }
        }
        worst.unwrap_or(AclDecision { result: AclResult::Deny, matched: Matched::NoRule, name: None, default })
    }
}

/// What the ACL adds to a verdict of App Engine's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The verdict in force: App Engine's, or the ACL's refusal (`Rule::Acl`) or report
    /// (`Rule::AclReport`).
    pub verdict: Verdict,
    /// The ACL's decision, when it was consulted.
    pub decision: Option<AclDecision>,
}

impl Acl {
    /// Narrow `verdict` (App Engine's rules and the operator lists, already applied) by
    /// the ACL for `app` (its `role`) connecting to `names` on `port`. A refusal stands:
    /// the ACL only narrows. A literal address (`names` empty) that an operator allow entry
    /// covers is not the ACL's to judge.
    pub fn apply(&self, verdict: Verdict, role: Role, app: &str, names: &[&str], port: u16) -> Applied {
        if !verdict.allowed || (names.is_empty() && verdict.rule == Rule::OperatorAllow) {
            return Applied { verdict, decision: None };
        }
        let d = self.decide(role, names, port);
        let name = d.name.and_then(|i| names.get(i)).filter(|_| names.len() > 1).copied();
        match refusal(&d, app, name) {
            Some(v) => Applied { verdict: v, decision: Some(d) },
            None => Applied { verdict, decision: Some(d) },
        }
    }

    /// [`Acl::apply`] for the one host the app wrote (a name, or an address however
    /// spelled), in place: `verdict` becomes the ACL's refusal or report, if any. The
    /// decision is returned when the ACL was consulted. Allowed, nothing is allocated or
    /// moved.
    pub fn narrow_host(&self, verdict: &mut Verdict, role: Role, app: &str, host: &str, port: u16) -> Option<AclDecision> {
        if !verdict.allowed {
            return None;
        }
        let d = self.decide_host(role, host, port);
        if d.name.is_none() && verdict.rule == Rule::OperatorAllow {
            // A literal an operator allow entry covers is not the ACL's to judge.
            return None;
        }
        if d.result != AclResult::Allow {
            if let Some(v) = refusal(&d, app, None) {
                *verdict = v;
            }
        }
        Some(d)
    }
}

/// The verdict of an ACL decision that refuses or reports (None: allowed), naming `name`
/// when one of several names decided.
#[cold]
fn refusal(d: &AclDecision, app: &str, name: Option<&str>) -> Option<Verdict> {
    let rule = match d.result {
        AclResult::Allow => return None,
        AclResult::Report => Rule::AclReport,
        AclResult::Deny => Rule::Acl,
    };
    let mut reason = format!("acl: app {app}");
    if d.default {
        reason.push_str(" (default rule)");
    }
    reason.push_str(", ");
    reason.push_str(&d.matched.describe());
    if let Some(name) = name {
        reason.push_str(" for ");
        reason.push_str(name);
    }
    Some(Verdict::refuse_with(rule, reason))
}

// ---------------------------------------------------------------------------------------
// Reading the file: YAML events into a small tree that keeps each node's line.

#[derive(Debug)]
enum Node {
    Null(usize),
    Scalar(String, usize),
    Seq(Vec<Node>, usize),
    Map(Vec<(String, usize, Node)>, usize),
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Null(l) | Node::Scalar(_, l) | Node::Seq(_, l) | Node::Map(_, l) => *l,
        }
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    /// A mapping's key waiting for its value.
    keys: Vec<Option<(String, usize)>>,
    root: Option<Node>,
    documents: usize,
    error: Option<AclError>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Node::Seq(items, _)) => items.push(node),
            Some(Node::Map(pairs, _)) => {
                let key = self.keys.last_mut().expect("a key slot per mapping");
                match key.take() {
                    None => match node {
                        Node::Scalar(s, l) => *key = Some((s, l)),
                        Node::Null(l) => *key = Some((String::new(), l)),
                        other => {
                            if self.error.is_none() {
                                self.error = Some(AclError { line: other.line(), problem: "a mapping key must be plain text".into() });
                            }
                            *key = Some((String::new(), other.line()));
                        }
                    },
                    Some((k, l)) => pairs.push((k, l, node)),
                }
            }
            Some(_) => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 && self.error.is_none() {
                    self.error = Some(AclError { line, problem: "more than one YAML document".into() });
                }
            }
            Event::Alias(_) => {
                if self.error.is_none() {
                    self.error = Some(AclError { line, problem: "YAML aliases are not supported in an ACL".into() });
                }
                self.push(Node::Null(line));
            }
            Event::Scalar(value, style, _, _) => {
                let null = style == TScalarStyle::Plain && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL");
                self.push(if null { Node::Null(line) } else { Node::Scalar(value, line) });
            }
            Event::SequenceStart(..) => {
                self.stack.push(Node::Seq(Vec::new(), line));
            }
            Event::MappingStart(..) => {
                self.stack.push(Node::Map(Vec::new(), line));
                self.keys.push(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    if matches!(node, Node::Map(..)) {
                        self.keys.pop();
                    }
                    self.push(node);
                }
            }
            _ => {}
        }
    }
}

fn load(text: &str) -> Result<Node, AclError> {
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut b, true)
        .map_err(|e| AclError { line: e.marker().line(), problem: format!("not valid YAML: {}", e.info()) })?;
    if let Some(e) = b.error {
        return Err(e);
    }
    b.root.ok_or(AclError { line: 0, problem: "the file is empty".into() })
}

fn map<'a>(node: &'a Node, what: &str) -> Result<&'a [(String, usize, Node)], AclError> {
    match node {
        Node::Map(pairs, _) => Ok(pairs),
        other => err(other.line(), format!("{what} must be a mapping")),
    }
}

fn text<'a>(node: &'a Node, what: &str) -> Result<&'a str, AclError> {
    match node {
        Node::Scalar(s, _) => Ok(s),
        other => err(other.line(), format!("{what} must be a string")),
    }
}

/// A list of strings; null is the empty list.
fn strings<'a>(node: &'a Node, what: &str) -> Result<Vec<(&'a str, usize)>, AclError> {
    match node {
        Node::Null(_) => Ok(Vec::new()),
        Node::Seq(items, _) => items
            .iter()
            .map(|i| match i {
                Node::Scalar(s, l) => Ok((s.as_str(), *l)),
                other => err(other.line(), format!("{what}: every entry must be a string")),
            })
            .collect(),
        other => err(other.line(), format!("{what} must be a list")),
    }
}

fn no_duplicate_keys(pairs: &[(String, usize, Node)], what: &str) -> Result<(), AclError> {
    for (i, (k, l, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(o, _, _)| o == k) {
            return err(*l, format!("{what}: key \"{k}\" appears twice"));
        }
    }
    Ok(())
}

/// One rule (a service entry or `default`), its globs added to `index` under `set`.
fn rule(node: &Node, what: &str, named: bool, set: u32, index: &mut Index, entries: &mut usize) -> Result<Service, AclError> {
    let pairs = map(node, what)?;
    no_duplicate_keys(pairs, what)?;
    let (mut name, mut project, mut action, mut domains) = (None, String::new(), None, Vec::new());
    for (k, l, v) in pairs {
        match k.as_str() {
            "name" => name = Some(text(v, &format!("{what}.name"))?.to_owned()),
            "project" => {
                project = match v {
                    Node::Null(_) => String::new(),
                    v => text(v, &format!("{what}.project"))?.to_owned(),
                }
            }
            "action" => {
                let a = text(v, &format!("{what}.action"))?;
                action = Some(match a {
                    "open" => Action::Open,
                    "report" => Action::Report,
                    "enforce" => Action::Enforce,
                    other => return err(v.line(), format!("{what}: unknown action \"{other}\" (open, report or enforce)")),
                });
            }
            "allowed_domains" => domains = strings(v, &format!("{what}.allowed_domains"))?,
            "mitm_domains" => {
                return err(*l, format!("{what}: mitm_domains is a proxy's TLS interception and has no meaning here; remove it"))
            }
            "allowed_external_proxies" => {
                return err(*l, format!("{what}: allowed_external_proxies is a proxy's setting and has no meaning here; remove it"))
            }
            other => return err(*l, format!("{what}: unknown key \"{other}\"")),
        }
    }
    let name = match (named, name) {
        (true, Some(n)) => n,
        (true, None) => return err(node.line(), format!("{what}: a service needs a name (the app id)")),
        (false, n) => n.unwrap_or_default(),
    };
    let Some(action) = action else {
        return err(node.line(), format!("{what}: unknown action \"\" (open, report or enforce)"));
    };
    let label = if named { format!("services[{name}]") } else { "default".to_owned() };
    for (glob, line) in domains {
        add_glob(index, &format!("{label}.allowed_domains"), glob, line, set)?;
        *entries += 1;
    }
    Ok(Service { name, project, action })
}

/// Check a glob as Smokescreen's `ValidateDomainGlob` does (with an optional `:PORT`) and
/// add it to the index.
fn add_glob(index: &mut Index, what: &str, glob: &str, line: usize, set: u32) -> Result<(), AclError> {
    let (wildcard, domain, port) = validate_glob(glob).map_err(|why| AclError { line, problem: format!("{what}: \"{glob}\": {why}") })?;
    index.insert(domain, Hit { set, wildcard, port });
    Ok(())
}

/// A glob's parts: whether it is `*.`-prefixed, the name (lower case, no trailing dot),
/// and its port. `Err` says why it is not a glob.
pub fn validate_glob(glob: &str) -> Result<(bool, &str, Port), String> {
    let (body, port) = match glob.rsplit_once(':') {
        Some((body, p)) => match p.parse::<u16>() {
            Ok(n) if n > 0 => (body, Some(n)),
            _ => return Err(format!("port \"{p}\" is not a number from 1 to 65535")),
        },
        None => (glob, None),
    };
    if body.is_empty() {
        return Err("glob cannot be empty".into());
    }
    if body == "*" || body == "*." {
        return Err("domain glob must not match everything".into());
    }
    if body.starts_with('*') && !body.starts_with("*.") {
        return Err("domain glob must represent a full prefix (sub)domain".into());
    }
    let wildcard = body.starts_with("*.");
    let domain = body.strip_prefix("*.").unwrap_or(body);
    if domain.contains('*') {
        return Err("domain globs are only supported as prefix".into());
    }
    if !domain.is_ascii() {
        return Err("incorrect ACL entry; write the name in punycode (xn--...)".into());
    }
    if domain.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = glob.to_ascii_lowercase();
        return Err(format!("incorrect ACL entry; use \"{lower}\""));
    }
    if let Some(c) = domain.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        return Err(format!("invalid domain: disallowed character '{c}'"));
    }
    let trimmed = domain.trim_end_matches('.');
    if trimmed.is_empty() || trimmed.split('.').any(str::is_empty) {
        return Err("invalid domain: empty label".into());
    }
    if trimmed.parse::<Ipv4Addr>().is_ok() || is_address_spelling(trimmed) {
        return Err("is an IP address; an ACL matches host names: put addresses in appengine_sockets.allow".into());
    }
    Ok((wildcard, trimmed, port))
}

/// Whether `host` is an address however spelled (IPv6 in any form, a dotted quad, or what
/// `inet_aton` reads: `127.1`, `0x7f.1`, `2130706433`, `11.0.0.1.`): its last label is a
/// number, which no top-level domain is. Such a host matches no name in the ACL.
pub fn is_address_spelling(host: &str) -> bool {
    // One pass over the bytes (called for every connect by name): any colon or bracket,
    // and where the last label starts once trailing dots are left out.
    let b = host.as_bytes();
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'.' {
        end -= 1;
    }
    let mut start = 0;
    for (i, &c) in b[..end].iter().enumerate() {
        match c {
            b':' | b'[' => return true,
            b'.' => start = i + 1,
            _ => {}
        }
    }
    is_number_label(&b[start..end])
}

fn build(doc: &Node) -> Result<Acl, AclError> {
    let pairs = map(doc, "the file")?;
    no_duplicate_keys(pairs, "the file")?;
    let mut version = None;
    let (mut services, mut default, mut deny, mut allow) = (None, None, None, None);
    for (k, l, v) in pairs {
        match k.as_str() {
            "version" => version = Some((v, *l)),
            "services" => services = Some(v),
            "default" => default = Some(v),
            "global_deny_list" => deny = Some(v),
            "global_allow_list" => allow = Some(v),
            other => return err(*l, format!("unknown top-level key \"{other}\"")),
        }
    }
    match version {
        Some((Node::Scalar(s, _), _)) if s == "v1" => {}
        Some((v, _)) => {
            let got = match v {
                Node::Scalar(s, _) => s.clone(),
                _ => String::new(),
            };
            return err(v.line(), format!("expected version \"v1\", got \"{got}\""));
        }
        None => return err(doc.line(), "expected version \"v1\", got \"\""),
    }
    let Some(services) = services else {
        return err(doc.line(), "top-level list 'services' is missing");
    };
    let mut index = Index::default();
    let mut entries = 0;
    let mut list = Vec::new();
    let mut by_name = HashMap::new();
    match services {
        Node::Null(_) => {}
        Node::Seq(items, _) => {
            for (i, item) in items.iter().enumerate() {
                let s = rule(item, &format!("services[{i}]"), true, i as u32, &mut index, &mut entries)?;
                if by_name.insert(s.name.clone(), i as u32).is_some() {
                    return err(item.line(), format!("rule already exists for service {}", s.name));
                }
                list.push(s);
            }
        }
        other => return err(other.line(), "services must be a list"),
    }
    let default = match default {
        None | Some(Node::Null(_)) => None,
        Some(d) => Some(rule(d, "default", false, DEFAULT_SET, &mut index, &mut entries)?),
    };
    for (node, what, set) in [(deny, "global_deny_list", DENY_SET), (allow, "global_allow_list", ALLOW_SET)] {
        if let Some(node) = node {
            for (glob, line) in strings(node, what)? {
                add_glob(&mut index, what, glob, line, set)?;
                entries += 1;
            }
        }
    }
    Ok(Acl { services: list, by_name, default, index, entries })
}

/// A content hash for showing which version of a file is in force (FNV-1a, 64 bits).
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests;
