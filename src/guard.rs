//! What the Zend layer does with a socket operation, decided in safe code.
//!
//! The Zend layer hands over the bytes PHP is about to act on (a transport name, the
//! `host:port` a transport is asked to connect to, a `socket.bindto` option) and gets back
//! a [`Plan`]: refuse with this text and error number, or connect to exactly these literal
//! addresses, in this order. The literal names are what PHP's own transport code receives,
//! so it never resolves the app's name a second time.
//!
//! Every verdict passes through [`settle`], the one place where report-only mode, the
//! decision log and the counters apply.

use std::cell::Cell;
use std::ffi::CString;
use std::net::IpAddr;
use std::sync::atomic::Ordering;

use std::borrow::Cow;

use appengine_sockets_policy::{
    parse_xport_name, parse_xport_name_ref, Resolver, Rule, SystemResolver, TargetError, Transport, Verdict,
};

use crate::log::{self, AclNote, Record};
use crate::metrics::{self, Event, Layer};
use crate::state;
use crate::zend;

/// EACCES on Linux: the error number of every refusal.
pub const EACCES: i32 = 13;

/// What to do with one operation.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Fail the operation with this error text and number; `warning` is raised first (as
    /// PHP's own resolver warns before the connection error).
    Refuse {
        /// The error text PHP shows in parentheses and returns in `$errstr`.
        text: String,
        /// The error number (`$errno`).
        errno: i32,
        /// A warning to raise before failing, if any.
        warning: Option<String>,
    },
    /// Connect to these `literal:port` names, in order, within the caller's one timeout.
    Connect(Vec<CString>),
    /// Let PHP go ahead unchanged (nothing to judge, or report-only).
    Proceed,
}

thread_local! {
    /// Set when a refusal was made during the current PHP function call.
    static REFUSED: Cell<bool> = const { Cell::new(false) };
}

/// Forget any earlier refusal: called as a replaced function starts.
pub fn begin_call() {
    REFUSED.with(|r| r.set(false));
}

/// Whether a refusal was made since [`begin_call`].
pub fn refused_in_call() -> bool {
    REFUSED.with(Cell::get)
}

/// What the app asked for, for the log.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The target as the app wrote it (made text only when logged).
    pub target: &'a [u8],
    /// The address judged, if one was.
    pub address: Option<IpAddr>,
    /// The port judged, if any.
    pub port: Option<u16>,
    /// The ACL's part, when an ACL is configured.
    pub acl: Option<&'a AclNote>,
}

impl<'a> Asked<'a> {
    /// A target not yet resolved to an address or port.
    pub fn target(target: &'a str) -> Self {
        Asked::bytes(target.as_bytes())
    }

    /// A target not yet resolved, as the app's bytes.
    pub fn bytes(target: &'a [u8]) -> Self {
        Asked {
            target,
            address: None,
            port: None,
            acl: None,
        }
    }
}

/// How a verdict is carried out in the mode in force, the same at every enforcement point.
pub struct Outcome {
    /// The decision log's word: `allow`, `deny` or `report`.
    pub verdict: &'static str,
    /// For a refusal that is only reported (report-only, or a destination rule in
    /// development mode): the notice's opening words.
    pub report: Option<&'static str>,
}

/// Count a verdict (once: this process's counters and the server's, under the `layer`
/// that judged it) and say how it is carried out: report-only reports every policy
/// refusal but a broken configuration's; development mode reports destination rules.
pub fn outcome(v: &Verdict, layer: Layer) -> Outcome {
    let st = state::get();
    let report = if v.allowed {
        None
    } else if v.rule == Rule::AclReport {
        Some("would be refused by the ACL")
    } else if st.report_only() && !matches!(v.rule, Rule::Config | Rule::Malformed) {
        Some("would be refused")
    } else if st.development() && v.rule.is_destination_rule() {
        Some("would be refused in production")
    } else {
        None
    };
    let (verdict, counter, decision) = match (v.allowed, report) {
        (true, _) => ("allow", &state::ALLOWED, metrics::ALLOWED),
        (false, Some(_)) => ("report", &state::REPORTED, metrics::REPORTED),
        (false, None) => ("deny", &state::REFUSED, metrics::REFUSED),
    };
    counter.fetch_add(1, Ordering::Relaxed);
    if let Some(table) = st.metrics() {
        metrics::count(table, decision, v.class, layer);
    }
    Outcome { verdict, report }
}

/// What the log said about itself (a fault began or ended) while no PHP thread could put
/// it on PHP's error log: a library's own thread made the decision.
static UNSAID: crate::sync::PthreadMutex<Vec<String>> = crate::sync::PthreadMutex::new(Vec::new());

/// Write one decision-log line. A fault of the log target (said once per process, see
/// `log::write`) goes to the operator's error log, never to the app: no handler of the
/// app runs, and the app's output is unchanged. Off a PHP thread (`php_thread` false) it
/// waits for the next line a PHP thread writes, or for the request's end.
pub fn log_decision(record: &Record<'_>, php_thread: bool) {
    let said = log::write(state::get().log(), record);
    if !php_thread {
        if let Some(message) = said {
            UNSAID.lock().push(message);
        }
        return;
    }
    say_unsaid();
    if let Some(message) = said {
        zend::log_error(&message);
    }
}

/// Put on PHP's error log what a library's own thread could not (a PHP thread calls it).
pub fn say_unsaid() {
    let unsaid = std::mem::take(&mut *UNSAID.lock());
    for message in unsaid {
        zend::log_error(&message);
    }
}

/// Record a verdict (log, counters) and say whether it must be enforced as a refusal. In
/// report-only mode a policy refusal is logged as `report`, raises an E_NOTICE "would be
/// refused: <reason>" and is not enforced; a broken configuration is always enforced.
pub fn settle(v: &Verdict, asked: Asked<'_>, layer: Layer) -> bool {
    let st = state::get();
    if v.rule == Rule::Resolution {
        // Not a decision: there was no address to judge.
        metrics::event(Event::ResolverFailures);
        return true;
    }
    let Outcome { verdict, report } = outcome(v, layer);
    judged_now();
    if *st.log() != log::LogTarget::Off {
        let function = zend::active_function_name();
        state::with_app_id(|app_id| {
            log_decision(
                &Record {
                    acl: asked.acl,
                    app_id,
                    function: &function,
                    target: &text(asked.target),
                    address: asked.address.map(|a| a.to_string()),
                    port: asked.port,
                    verdict,
                    rule: v.rule.as_str(),
                    class: v.class.as_str(),
                    reason: &v.reason.to_string(),
                },
                true,
            )
        });
    }
    if let Some(would) = report {
        zend::notice(&format!("{would}: {}", v.reason));
        return false;
    }
    if !v.allowed {
        REFUSED.with(|r| r.set(true));
    }
    !v.allowed
}

/// Narrow an App Engine verdict by the request's ACL (none configured: unchanged). `names`
/// are the host names the connection is for; none for an address however spelled.
pub fn acl_verdict(v: Verdict, names: &[&str], port: u16) -> (Verdict, Option<AclNote>) {
    if !crate::acl::configured() {
        // No ACL in this process: no request has a snapshot to look at.
        return (v, None);
    }
    crate::acl::with_snapshot(|s| match s {
        None => (v, None),
        Some(s) => {
            let applied = s.apply(v, names, port);
            // The log's fields are made only for the log.
            let logging = *state::get().log() != log::LogTarget::Off;
            let note = logging.then(|| acl_note(s, applied.decision.as_ref()));
            (applied.verdict, note)
        }
    })
}

/// The decision log's ACL fields for a decision of snapshot `s` (`d`: None when App
/// Engine's rules decided before the ACL was asked).
pub fn acl_note(s: &crate::acl::Snapshot, d: Option<&appengine_sockets_policy::AclDecision>) -> AclNote {
    AclNote {
        app: s.rule_name().to_owned(),
        project: s.project().to_owned(),
        acl: d.map_or("not-consulted", |d| d.matched.as_str()),
        enforce_would_deny: d.is_some_and(appengine_sockets_policy::AclDecision::enforce_would_deny),
    }
}

/// Narrow `decision`'s verdict by the request's ACL, for the host the app wrote (a name,
/// or an address however spelled) on `port`. In place: an allowed connect moves nothing
/// and allocates nothing.
fn narrow(decision: &mut appengine_sockets_policy::Decision, host: &str, port: u16) -> Option<AclNote> {
    if !crate::acl::configured() {
        // No ACL: nothing to look at, not even the host.
        return None;
    }
    crate::acl::with_snapshot(|s| {
        let s = s?;
        let d = s.loaded.acl.narrow_host(&mut decision.verdict, s.role, &s.app, host, port);
        // The log's fields are made only for the log.
        (*state::get().log() != log::LogTarget::Off).then(|| acl_note(s, d.as_ref()))
    })
}

/// The plan for a verdict that must be enforced.
fn refusal(v: &Verdict) -> Plan {
    if v.rule == Rule::Resolution {
        // Not a policy refusal: the name has no address. Report it as PHP's resolver does.
        let text = format!("php_network_getaddresses: {}", v.reason);
        return Plan::Refuse {
            warning: Some(text.clone()),
            text,
            errno: 0,
        };
    }
    Plan::Refuse {
        text: v.reason.to_string(),
        errno: EACCES,
        warning: None,
    }
}

/// The verdict that refuses every outbound operation, if one applies: a broken setting
/// (always enforced), or an app without billing.
pub fn gate_verdict() -> Option<Verdict> {
    let st = state::get();
    if let Some(reason) = st.closed_reason().map(str::to_owned).or_else(state::request_error) {
        return Some(Verdict::refuse_with(
            Rule::Config,
            format!("refused until a configuration error is fixed: {reason}"),
        ));
    }
    (!st.billing_enabled()).then(|| {
        Verdict::refuse_with(
            Rule::Billing,
            "sockets need billing enabled (appengine_sockets.billing_enabled=0)",
        )
    })
}

/// Judge a verdict-only operation of a replaced function (pairs, socket creation, binds):
/// `Some(plan)` to refuse, `None` to go ahead.
pub fn judge(v: &Verdict, asked: Asked<'_>) -> Option<Plan> {
    judge_in(v, asked, Layer::Function)
}

/// [`judge`], for the enforcement point `layer`.
pub fn judge_in(v: &Verdict, asked: Asked<'_>, layer: Layer) -> Option<Plan> {
    settle(v, asked, layer).then(|| refusal(v))
}

/// The app's bytes as text: borrowed when they are UTF-8, as targets nearly always are.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    appengine_sockets_policy::text(bytes)
}

/// A connect through a stream transport (`name` is what follows `scheme://`), judged by
/// `layer` (the transport, or `stream_socket_sendto()`).
pub fn plan_connect(transport: &Transport, name: &[u8], bindto: Option<&[u8]>, layer: Layer) -> Plan {
    let asked = Asked::bytes(name);
    let judge = |v: &Verdict, asked| judge_in(v, asked, layer);
    if let Some(v) = gate_verdict() {
        return judge(&v, asked).unwrap_or(Plan::Proceed);
    }
    let policy = state::get().policy();
    if let Some(v) = policy.check_transport(transport) {
        return judge(&v, asked).unwrap_or(Plan::Proceed);
    }
    let target = match parse_xport_name_ref(name) {
        Ok(t) => t,
        Err(TargetError::Nul) => {
            let v = Verdict::refuse_with(Rule::Malformed, "address contains a NUL byte");
            return judge(&v, asked).unwrap_or(Plan::Proceed);
        }
        // PHP's own message, and no connection: exactly what stock PHP does.
        Err(e) => {
            return Plan::Refuse {
                text: e.to_string(),
                errno: 0,
                warning: None,
            }
        }
    };
    let asked = Asked {
        port: Some(target.port),
        ..asked
    };
    if let Some(bindto) = bindto {
        let v = check_bindto(bindto);
        if !v.allowed {
            if let Some(plan) = judge(&v, asked) {
                return plan;
            }
        }
    }
    if let Some(ip) = target.literal() {
        // A plain literal: judged as check_connect would, without a lookup or an
        // allocation. It is not rewritten: PHP reads the same address from the same text
        // (numerically, no lookup), so there is nothing to pin. Every rule that follows a
        // connect (the idle clock) is applied by the transport whatever the plan.
        let (v, judged) = policy.check_literal(transport, ip, target.port);
        let (v, note) = acl_verdict(v, &[], target.port);
        if settle(&v, Asked { address: judged, acl: note.as_ref(), ..asked }, layer) {
            return refusal(&v);
        }
        approve(judged.as_slice(), target.port);
        return Plan::Proceed;
    }
    let host = target.host_text();
    let mut decision = policy.check_connect(transport, &host, target.port, &crate::lookup::LibcResolver);
    let note = narrow(&mut decision, &host, target.port);
    if settle(&decision.verdict, Asked { address: decision.judged, acl: note.as_ref(), ..asked }, layer) {
        return refusal(&decision.verdict);
    }
    approve(&decision.addresses, target.port);
    if decision.addresses.is_empty() {
        // Report-only refusal made before any lookup (port 25): PHP connects as it would.
        return Plan::Proceed;
    }
    let port_text = target.port_text();
    Plan::Connect(decision.addresses.iter().map(|ip| literal_name(*ip, &port_text)).collect())
}

/// A bind through a stream transport: only the wildcard address with port 0, and never
/// for a server (listening) stream.
pub fn plan_bind(server: bool, name: &[u8]) -> Plan {
    let text = String::from_utf8_lossy(name);
    let asked = Asked::target(&text);
    if let Some(v) = gate_verdict() {
        return judge_in(&v, asked, Layer::Stream).unwrap_or(Plan::Proceed);
    }
    let v = if server {
        state::get().policy().check_listen()
    } else {
        check_bindto(name)
    };
    judge_in(&v, asked, Layer::Stream).unwrap_or(Plan::Proceed)
}

/// Listening and accepting.
pub fn plan_listen() -> Plan {
    let asked = Asked::target("");
    let v = gate_verdict().unwrap_or_else(|| state::get().policy().check_listen());
    judge_in(&v, asked, Layer::Stream).unwrap_or(Plan::Proceed)
}

/// Check a local address (`socket.bindto`, a bind op): the wildcard address with port 0.
fn check_bindto(text: &[u8]) -> Verdict {
    let policy = state::get().policy();
    match parse_xport_name(text) {
        Ok(t) => {
            let host = numeric_host(&t.host).map_or(t.host.clone(), |ip| ip.to_string());
            policy.check_bind(&host, t.port)
        }
        // PHP cannot read it either (no colon, bad brackets) and then binds nothing.
        Err(_) => policy.check_bind("0.0.0.0", 0),
    }
}

/// PHP reads a local address with `inet_aton`/`inet_pton`, which accept numeric spellings
/// such as `0`; names are never looked up. Resolve only what is numeric.
fn numeric_host(host: &str) -> Option<IpAddr> {
    if let Ok(ip) = host.parse() {
        return Some(ip);
    }
    let numeric = host.starts_with(|c: char| c.is_ascii_digit())
        && host.chars().all(|c| c.is_ascii_hexdigit() || c == '.' || c == 'x' || c == 'X');
    if !numeric {
        return None;
    }
    SystemResolver.resolve(host).ok().and_then(|v| v.first().copied())
}

/// `ip:port` or `[ip]:port`, keeping the app's port text so PHP reads the same port the
/// policy judged.
fn literal_name(ip: IpAddr, port_text: &str) -> CString {
    let mut s = Vec::with_capacity(48 + port_text.len());
    if ip.is_ipv6() {
        s.push(b'[');
    }
    push_ip(&mut s, ip);
    if ip.is_ipv6() {
        s.push(b']');
    }
    s.push(b':');
    s.extend_from_slice(port_text.as_bytes());
    // The port text came from a NUL-free name (parse_xport_name refuses NUL).
    CString::new(s).unwrap_or_default()
}

/// An address as text, into `s`. A dotted quad is written by hand: core::fmt takes about
/// a thousand instructions for it.
fn push_ip(s: &mut Vec<u8>, ip: IpAddr) {
    match ip {
        IpAddr::V4(a) => {
            for (i, o) in a.octets().into_iter().enumerate() {
                if i > 0 {
                    s.push(b'.');
                }
                if o >= 100 {
                    s.push(b'0' + o / 100);
                }
                if o >= 10 {
                    s.push(b'0' + o / 10 % 10);
                }
                s.push(b'0' + o % 10);
            }
        }
        IpAddr::V6(a) => {
            use std::io::Write;
            let _ = write!(s, "{a}");
        }
    }
}

/// Where an ext/sockets call may go.
#[derive(Debug, PartialEq, Eq)]
pub enum SocketPlan {
    /// Fail with this reason and error number (13 for refusals); `warning` first if any.
    Refuse {
        /// Why.
        text: String,
        /// The error number.
        errno: i32,
        /// A warning to raise first, if any.
        warning: Option<String>,
    },
    /// Hand ext/sockets this literal address instead of the app's name.
    To(CString),
    /// Call ext/sockets unchanged (report-only, before any lookup).
    Proceed,
    /// The name does not resolve: fail as ext/sockets does ("Host lookup failed [-10001]:
    /// Unknown host", or [-10002] for a temporary failure). `detail` is the resolver's
    /// text (gai_strerror's: "Temporary failure in name resolution", ...).
    LookupFailed {
        /// The resolver's text.
        detail: String,
    },
}

fn socket_refusal(plan: Plan) -> SocketPlan {
    match plan {
        Plan::Refuse { text, errno, warning } => SocketPlan::Refuse { text, errno, warning },
        Plan::Connect(_) | Plan::Proceed => SocketPlan::Proceed,
    }
}

/// A destination for ext/sockets (socket_connect, socket_sendto, socket_sendmsg): resolve
/// once, judge every address, and pick the first of the socket's family.
pub fn plan_socket_destination(family: i64, host: &[u8], port: u16) -> SocketPlan {
    use appengine_sockets_policy::sockets::{AF_INET, AF_INET6};
    let asked = Asked {
        target: host,
        address: None,
        port: Some(port),
        acl: None,
    };
    if let Some(v) = gate_verdict() {
        return judge(&v, asked).map_or(SocketPlan::Proceed, socket_refusal);
    }
    let policy = state::get().policy();
    if host.contains(&0) {
        let v = Verdict::refuse_with(Rule::Malformed, "address contains a NUL byte");
        return judge(&v, asked).map_or(SocketPlan::Proceed, socket_refusal);
    }
    if family != AF_INET && family != AF_INET6 {
        let v = policy.check_transport(&Transport::Unix).unwrap_or_else(|| policy.check_pair());
        return judge(&v, asked).map_or(SocketPlan::Proceed, socket_refusal);
    }
    let want_v4 = family == AF_INET;
    if let Some(ip) = appengine_sockets_policy::parse_ip(host) {
        // A literal: judged as check_connect would, without a lookup or an allocation.
        let (v, judged) = policy.check_literal(&Transport::Tcp, ip, port);
        let (v, note) = acl_verdict(v, &[], port);
        if settle(&v, Asked { address: judged, acl: note.as_ref(), ..asked }, Layer::Function) {
            return socket_refusal(refusal(&v));
        }
        approve(judged.as_slice(), port);
        if judged.is_none() || ip.is_ipv4() == want_v4 {
            // Report-only refusal made before the address was looked at (port 25), or a
            // literal of the socket's family: ext/sockets reads the same address from the
            // same text (inet_pton), so there is nothing to pin.
            return SocketPlan::Proceed;
        }
        return no_address_of_family(&text(host), want_v4);
    }
    let text = text(host);
    let mut decision = policy.check_connect(&Transport::Tcp, &text, port, &crate::lookup::LibcResolver);
    if decision.verdict.rule == Rule::Resolution {
        // The reason reads "getaddrinfo for HOST failed: DETAIL".
        let reason = decision.verdict.reason.to_string();
        let detail = reason.rsplit_once(" failed: ").map_or(reason.as_str(), |(_, d)| d).to_owned();
        metrics::event(Event::ResolverFailures);
        return SocketPlan::LookupFailed { detail };
    }
    let note = narrow(&mut decision, &text, port);
    if settle(&decision.verdict, Asked { address: decision.judged, acl: note.as_ref(), ..asked }, Layer::Function) {
        return socket_refusal(refusal(&decision.verdict));
    }
    approve(&decision.addresses, port);
    if decision.addresses.is_empty() {
        return SocketPlan::Proceed;
    }
    match decision.addresses.iter().find(|ip| ip.is_ipv4() == want_v4) {
        Some(ip) => {
            let mut s = Vec::with_capacity(40);
            push_ip(&mut s, *ip);
            SocketPlan::To(CString::new(s).unwrap_or_default())
        }
        None => no_address_of_family(&text, want_v4),
    }
}

fn no_address_of_family(text: &str, want_v4: bool) -> SocketPlan {
    SocketPlan::Refuse {
        text: format!("Host lookup failed: {text} has no IPv{} address", if want_v4 { 4 } else { 6 }),
        errno: 0,
        warning: None,
    }
}

/// A destination host for a C library connect of any family (ext/ftp): resolve once,
/// judge every address, hand back the first as a literal.
pub fn plan_host(host: &[u8], port: u16) -> SocketPlan {
    use appengine_sockets_policy::sockets::{AF_INET, AF_INET6};
    match plan_socket_destination(AF_INET, host, port) {
        SocketPlan::Refuse { ref text, .. } if text.starts_with("Host lookup failed") => {
            plan_socket_destination(AF_INET6, host, port)
        }
        other => other,
    }
}

/// A local address for socket_bind(): the wildcard address with port 0 only.
pub fn socket_bind_verdict(host: &[u8], port: u16) -> Verdict {
    let host = String::from_utf8_lossy(host);
    let host = numeric_host(&host).map_or(host.to_string(), |ip| ip.to_string());
    state::get().policy().check_bind(&host, port)
}

/// A datagram destination for `stream_socket_sendto()`: resolve once, judge, and return
/// the literal to send to.
pub fn plan_sendto(address: &[u8]) -> Plan {
    plan_connect(&Transport::Udp, address, None, Layer::Function)
}

/// How many approved addresses are kept inline; a name with more spills them into
/// [`SPILLED`] (rare: the common call approves one address).
const INLINE: usize = 4;

/// The addresses the current PHP call's operation approved.
#[derive(Clone, Copy)]
struct Approved {
    /// The approved port.
    port: u16,
    /// Any address on `port` (a report-only refusal made before any lookup).
    any: bool,
    /// How many addresses are approved (those past [`INLINE`] are in [`SPILLED`]).
    count: usize,
    /// The first approved addresses, as [`key`]s.
    inline: [u128; INLINE],
}

/// What the current PHP call's operation approved and judged: one thread-local with no
/// destructor, so a guarded call reads it with one thread-local access, and nothing is
/// allocated on the allowed path. The two keys are cells of their own: an operation with
/// nothing around it (the common case) saves and restores only them.
struct CallState {
    /// The PHP call the approvals belong to (its frame and function); `(0, 0)`: none.
    approved_for: Cell<(usize, usize)>,
    /// The PHP call of the last decision made here; `(0, 0)`: none.
    judged: Cell<(usize, usize)>,
    /// What was approved (meaningful only while `approved_for` is set).
    approved: Cell<Approved>,
}

thread_local! {
    /// What the stream transports and ext/sockets just judged. PHP's own network code
    /// then calls `connect()`/`sendto()` through its GOT and reaches the libc layer, which
    /// must not judge those exact addresses a second time (a whitelisted `smtp.gmail.com`
    /// stream still connects; report-only logs once). Each plan replaces the previous
    /// approvals, and they hold only within the PHP call that made them.
    static CALL: CallState = const {
        CallState {
            approved_for: Cell::new((0, 0)),
            judged: Cell::new((0, 0)),
            approved: Cell::new(Approved { port: 0, any: false, count: 0, inline: [0; INLINE] }),
        }
    };
    /// The approved addresses past the first [`INLINE`], of the operation running now.
    static SPILLED: std::cell::RefCell<Vec<u128>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Record the addresses a plan (or an ext/sockets call judged here) lets PHP connect (or
/// send) to.
pub fn approve(addresses: &[IpAddr], port: u16) {
    let frame = zend::frame_key();
    let mut a = Approved { port, any: addresses.is_empty(), count: addresses.len(), inline: [0; INLINE] };
    for (slot, &ip) in a.inline.iter_mut().zip(addresses) {
        *slot = key(ip);
    }
    CALL.with(|c| {
        c.approved.set(a);
        c.approved_for.set(frame);
    });
    if addresses.len() > INLINE {
        SPILLED.with(|s| {
            let mut s = s.borrow_mut();
            s.clear();
            s.extend(addresses[INLINE..].iter().map(|&ip| key(ip)));
        });
    }
}

/// An address as a number, IPv4 as its IPv4-mapped IPv6 form: an IPv4-mapped address is
/// matched as the IPv4 address it carries.
fn key(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => 0xffff_0000_0000 | u128::from(v4.to_bits()),
        IpAddr::V6(v6) => v6.to_bits(),
    }
}

/// Whether the stream layer or ext/sockets judged `ip`:`port` for the PHP call running on
/// this thread (the libc layer then lets PHP's own connect go ahead without a second
/// decision).
pub fn approved(ip: IpAddr, port: u16) -> bool {
    // A thread past its thread-locals' destruction (a library's thread exiting) has no
    // approvals.
    let Ok((frame, a)) = CALL.try_with(|c| (c.approved_for.get(), c.approved.get())) else {
        return false;
    };
    if frame == (0, 0) || a.port != port || frame != zend::frame_key() {
        return false;
    }
    let ip = key(ip);
    a.any
        || a.inline[..a.count.min(INLINE)].contains(&ip)
        || (a.count > INLINE && SPILLED.try_with(|s| s.borrow().contains(&ip)).unwrap_or(false))
}

/// Whether the PHP call running now was judged here: its socket creation, bind, listen or
/// accept reaching the libc layer is what was judged (or reported), not a second decision.
pub fn judged_this_call() -> bool {
    let judged = CALL.with(|c| c.judged.get());
    judged != (0, 0) && judged == zend::frame_key()
}

/// Note that a decision was made for the PHP call running now.
fn judged_now() {
    let frame = zend::frame_key();
    CALL.with(|c| c.judged.set(frame));
}

/// Run `operation` (a replaced function's logic, a stream transport's connect, bind,
/// listen or accept) so that what it approves or judges is gone when it returns: the
/// approvals and the judged call go back to what they were before. A decision belongs to
/// the call that made it: an http:// stream `ftp_put()` opens for its source leaves
/// nothing behind for ext/ftp's own `listen()` and `accept()` in the same frame, and a
/// later call at the same frame address (the next call from the same line) starts with
/// nothing. Outside every operation nothing is approved. An operation starts with
/// nothing approved either (a nested one makes its own decisions: a stream transport
/// judges the connect a replaced function handed it); the approvals of the operation
/// around it (a replaced function judging, then calling PHP's own) hold again once it
/// returns. Copied aside in place: no allocation (spilled addresses, rare, are moved).
pub fn scope<R>(operation: impl FnOnce() -> R) -> R {
    let (approved_for, judged) = CALL.with(|c| (c.approved_for.replace((0, 0)), c.judged.replace((0, 0))));
    // Addresses are saved only when some are approved around the operation.
    let saved = (approved_for != (0, 0)).then(|| CALL.with(|c| c.approved.get()));
    let spilled = match saved {
        Some(a) if a.count > INLINE => SPILLED.with(|s| std::mem::take(&mut *s.borrow_mut())),
        _ => Vec::new(),
    };
    let r = operation();
    CALL.with(|c| {
        c.approved_for.set(approved_for);
        c.judged.set(judged);
        if let Some(a) = saved {
            c.approved.set(a);
        }
    });
    if saved.is_some_and(|a| a.count > INLINE) {
        SPILLED.with(|s| *s.borrow_mut() = spilled);
    }
    r
}

/// Forget every approval (request end).
pub fn forget_approvals() {
    CALL.with(|c| {
        c.approved_for.set((0, 0));
        c.judged.set((0, 0));
    });
    let _ = SPILLED.try_with(|s| s.borrow_mut().clear());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_names_keep_the_port_text() {
        assert_eq!(literal_name("11.0.0.1".parse().unwrap(), "80").to_str().unwrap(), "11.0.0.1:80");
        assert_eq!(literal_name("2400:cb00::10".parse().unwrap(), "443").to_str().unwrap(), "[2400:cb00::10]:443");
        for ip in ["0.0.0.0", "1.2.3.4", "10.100.255.9", "255.255.255.255", "99.100.101.250"] {
            assert_eq!(literal_name(ip.parse().unwrap(), "80").to_str().unwrap(), format!("{ip}:80"));
        }
    }

    #[test]
    fn numeric_bind_hosts() {
        assert_eq!(numeric_host("0"), Some("0.0.0.0".parse().unwrap()));
        assert_eq!(numeric_host("::"), Some("::".parse().unwrap()));
        assert_eq!(numeric_host("face.bad"), None);
        assert_eq!(numeric_host("localhost"), None);
    }
}
