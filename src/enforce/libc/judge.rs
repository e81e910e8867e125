//! Decisions for the libc layer, in safe code: what a C library's socket call may do.
//!
//! [`super::hooks`] reads the call's arguments (the address in a `sockaddr`, the socket's
//! type) and asks here. A refusal is settled like every other decision (the decision log,
//! the counters, report-only and development mode), and what the app must be told is
//! *queued*: no PHP code runs inside a C library's call. The queue is raised as warnings
//! when the PHP function returns (see [`super::hooks`]).

use std::net::{IpAddr, SocketAddr};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use appengine_sockets_policy::sockets::{check_socket, AF_UNIX};
use appengine_sockets_policy::{Rule, Transport, Verdict};

use crate::guard;
use crate::log::{self, Record};
use crate::state;
use crate::zend;

/// How many PHP requests are running in this process (NTS: 0 or 1; ZTS: one per thread in
/// a request). While none is (php-fpm's master and its workers between requests, PHP's
/// start-up and shutdown) every call passes through untouched.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread is running a PHP request (a library's own threads never are).
    static IN_REQUEST: Cell<bool> = const { Cell::new(false) };
}

/// Whether calls are judged now.
#[inline]
pub fn enforcing() -> bool {
    ACTIVE.load(Ordering::Relaxed) != 0
}

/// A request starts on this thread.
pub fn request_start(_thread: u64) {
    names().clear();
    guard::forget_approvals();
    if !IN_REQUEST.with(|r| r.replace(true)) {
        ACTIVE.fetch_add(1, Ordering::Release);
    }
}

/// The request on this thread ends: stop judging (when it was the last one) and forget
/// the request's names and queued messages.
pub fn request_end() {
    if IN_REQUEST.with(|r| r.replace(false)) {
        ACTIVE.fetch_sub(1, Ordering::Release);
    }
    names().clear();
    guard::forget_approvals();
    drain();
    guard::say_unsaid();
}

/// Whether the calling thread runs a PHP request (only then may PHP's state be read).
fn on_php_thread(_thread: u64) -> bool {
    IN_REQUEST.with(Cell::get)
}

// ---------------------------------------------------------------------------------------
// Names that libraries resolved (for the Gmail whitelist).

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What libraries' `getaddrinfo()` calls answered in this request: each name with every
/// address it resolved to.
#[derive(Default)]
pub struct Names {
    entries: Vec<(String, Vec<IpAddr>)>,
    /// More lookups than kept: every connect is then judged as a bare address.
    overflow: bool,
}

const MAX_NAMES: usize = 1024;

impl Names {
    fn clear(&mut self) {
        self.entries.clear();
        self.overflow = false;
    }
}

static NAMES: Mutex<Names> = Mutex::new(Names {
    entries: Vec::new(),
    overflow: false,
});

fn names() -> std::sync::MutexGuard<'static, Names> {
    NAMES.lock().unwrap_or_else(|e| e.into_inner())
}

/// A library resolved `name` to `addresses` (any thread: libcurl resolves in its own).
pub fn resolved(name: &str, addresses: &[IpAddr]) {
    if name.parse::<IpAddr>().is_ok() || addresses.is_empty() {
        return;
    }
    let addresses: Vec<IpAddr> = addresses.iter().map(|&ip| canonical(ip)).collect();
    let mut n = names();
    if n.entries.iter().any(|(m, a)| *a == addresses && m.eq_ignore_ascii_case(name)) {
        return;
    }
    if n.entries.len() >= MAX_NAMES {
        n.overflow = true;
        return;
    }
    n.entries.push((name.to_owned(), addresses));
}

/// The verdict for a destination a library connects (or sends) to, and the name that
/// whitelisted it, if one did.
///
/// The address actually used is judged. Names matter only for the Gmail whitelist: it
/// applies when libraries resolved whitelisted names to this address in this request and
/// *every* name that produced this address in this request is whitelisted for the port
/// (`evil-gmail.test`, resolving to the same Google address as `smtp.gmail.com`, gets no
/// whitelist, and after it neither does that address for the rest of the request).
fn destination_verdict(ip: IpAddr, port: u16) -> (Verdict, Option<String>) {
    let policy = state::get().policy();
    let plain = policy.check_address(None, ip, port);
    if plain.allowed || plain.rule != Rule::Google {
        return (plain, None);
    }
    let n = names();
    if n.overflow {
        return (plain, None);
    }
    let key = canonical(ip);
    let mut whitelisted: Option<(Verdict, String)> = None;
    for (name, _) in n.entries.iter().filter(|(_, a)| a.contains(&key)) {
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

// ---------------------------------------------------------------------------------------
// Judging calls.

/// The address of a socket call, as read from its `sockaddr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// AF_INET or AF_INET6.
    Ip(SocketAddr),
    /// AF_UNIX: the path (an abstract name starts with `@`).
    Unix(String),
    /// AF_UNSPEC (dissolving a datagram socket's association).
    Unspec,
    /// Another family.
    Other(i64),
}

impl Address {
    fn shown(&self) -> String {
        match self {
            Address::Ip(sa) => sa.to_string(),
            Address::Unix(p) => format!("unix:{p}"),
            Address::Unspec => "(unspecified)".to_owned(),
            Address::Other(f) => format!("(address family {f})"),
        }
    }
}

/// What a call does, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `connect()`.
    Connect,
    /// `sendto()`/`sendmsg()` with an address.
    Send,
    /// `bind()`.
    Bind,
}

fn family_refusal(address: &Address) -> Verdict {
    let policy = state::get().policy();
    match address {
        Address::Unix(_) => policy.check_transport(&Transport::Unix).unwrap_or_else(|| policy.check_pair()),
        Address::Other(f) => check_socket(*f, 1, 0)
            .unwrap_or_else(|| Verdict::refuse_with(Rule::Protocol, "only outbound TCP and UDP")),
        _ => Verdict::refuse_with(Rule::Protocol, "only outbound TCP and UDP"),
    }
}

/// A `connect()`, or a `sendto()`/`sendmsg()` naming an address: may it go ahead?
pub fn destination(action: Action, address: &Address, thread: u64) -> bool {
    let sa = match address {
        Address::Ip(sa) => *sa,
        Address::Unspec => return true,
        // A unix:// stream in report-only mode: reported once, by the stream layer.
        _ if on_php_thread(thread) && guard::judged_this_call() => return true,
        other => return settle(&family_refusal(other), action, other, thread),
    };
    if guard::approved(sa.ip(), sa.port()) {
        return true;
    }
    if let Some(v) = gate(thread) {
        return settle(&v, action, address, thread);
    }
    let (v, name) = destination_verdict(sa.ip(), sa.port());
    let shown = name.map(|n| format!("{n}:{}", sa.port()));
    settle_as(&v, action, address, shown, thread)
}

/// A `bind()`: the wildcard address with port 0 only.
pub fn bind(address: &Address, thread: u64) -> bool {
    let sa = match address {
        Address::Ip(sa) => *sa,
        Address::Unspec => return true,
        // The bind the stream layer or ext/sockets judged (socket_bind, socket.bindto).
        _ if on_php_thread(thread) && guard::judged_this_call() => return true,
        other => return settle(&family_refusal(other), Action::Bind, other, thread),
    };
    if on_php_thread(thread) && guard::judged_this_call() {
        return true;
    }
    if let Some(v) = gate(thread) {
        return settle(&v, Action::Bind, address, thread);
    }
    let v = state::get().policy().check_bind(&sa.ip().to_string(), sa.port());
    settle(&v, Action::Bind, address, thread)
}

/// `listen()` and `accept()`: always refused while a request runs.
pub fn listen(thread: u64) -> bool {
    if on_php_thread(thread) && guard::judged_this_call() {
        return true;
    }
    let v = gate(thread).unwrap_or_else(|| state::get().policy().check_listen());
    settle(&v, Action::Bind, &Address::Unspec, thread)
}

/// `socket()`: TCP or UDP over IPv4 or IPv6; unix sockets are created (their connect,
/// bind or send is refused, naming the path); every other family, raw sockets, and
/// other protocols are refused.
pub fn socket(domain: i64, kind: i64, protocol: i64, thread: u64) -> bool {
    // SOCK_NONBLOCK and SOCK_CLOEXEC ride in the type argument.
    let kind = kind & 0xf;
    if domain == AF_UNIX || (on_php_thread(thread) && guard::judged_this_call()) {
        return true;
    }
    match check_socket(domain, kind, protocol) {
        None => true,
        Some(v) => settle(&v, Action::Bind, &Address::Unspec, thread),
    }
}

fn gate(thread: u64) -> Option<Verdict> {
    if on_php_thread(thread) {
        guard::gate_verdict()
    } else {
        // Another thread: the request's own settings check lives on the PHP thread.
        let st = state::get();
        st.closed_reason()
            .map(|r| {
                Verdict::refuse_with(Rule::Config, format!("refused until a configuration error is fixed: {r}"))
            })
            .or_else(|| {
                (!st.billing_enabled()).then(|| {
                    Verdict::refuse_with(Rule::Billing, "sockets need billing enabled (appengine_sockets.billing_enabled=0)")
                })
            })
    }
}

fn settle(v: &Verdict, action: Action, address: &Address, thread: u64) -> bool {
    settle_as(v, action, address, None, thread)
}

/// Log, count and queue what must be said; `true` if the call may go ahead. `shown` is
/// the target as a library named it (`host:port`), when a name led to this address.
fn settle_as(v: &Verdict, action: Action, address: &Address, shown: Option<String>, thread: u64) -> bool {
    let st = state::get();
    let guard::Outcome { verdict, report } = guard::outcome(v);
    let logging = *st.log() != log::LogTarget::Off;
    if v.allowed && !logging {
        // The common case costs no formatting at all.
        return true;
    }
    let php = on_php_thread(thread);
    let function = if php { zend::active_function_label() } else { String::new() };
    let frame = if php { zend::frame_key().0 } else { 0 };
    let shown = shown.unwrap_or_else(|| address.shown());
    if logging {
        // The id read once at request start, as the other enforcement points log it.
        let app_id = if php { state::with_app_id(str::to_owned) } else { String::new() };
        let (addr, port) = match address {
            Address::Ip(sa) => (Some(sa.ip().to_string()), Some(sa.port())),
            _ => (None, None),
        };
        let target = match address {
            Address::Unspec => String::new(),
            _ => shown.clone(),
        };
        guard::log_decision(
            &Record {
                app_id: &app_id,
                function: &function,
                target: &target,
                address: addr,
                port,
                verdict,
                rule: v.rule.as_str(),
                reason: &v.reason.to_string(),
            },
            php,
        );
    }
    if v.allowed {
        return true;
    }
    let prefix = if function.is_empty() { String::new() } else { format!("{function}(): ") };
    if let Some(would) = report {
        queue(Level::Notice, format!("{prefix}{would}: {}", v.reason), frame);
        return true;
    }
    let what = match (action, address) {
        (_, Address::Unspec) => String::new(),
        (Action::Connect, _) => format!("connection to {shown} refused "),
        (Action::Send, _) => format!("sending to {shown} refused "),
        // The bind rule's reason names the address already.
        (Action::Bind, _) => String::new(),
    };
    let text = if what.is_empty() { v.reason.to_string() } else { format!("{what}({})", v.reason) };
    queue(Level::Warning, format!("{prefix}{text}"), frame);
    false
}

// ---------------------------------------------------------------------------------------
// What the app is told, when its PHP function returns.

/// The level of a queued message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// E_WARNING: a refusal.
    Warning,
    /// E_NOTICE: report-only or development mode.
    Notice,
}

/// Queued messages: level, text, and the PHP call (frame) they belong to (0: any).
static QUEUE: Mutex<Vec<(Level, String, usize)>> = Mutex::new(Vec::new());
static PENDING: AtomicBool = AtomicBool::new(false);

fn queue(level: Level, text: String, frame: usize) {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    // One message per refusal: libraries retry the same address (happy eyeballs, loops).
    if !q.iter().any(|(l, t, _)| *l == level && *t == text) && q.len() < 16 {
        q.push((level, text, frame));
    }
    PENDING.store(true, Ordering::Release);
}

/// Whether messages wait to be raised.
#[inline]
pub fn pending() -> bool {
    PENDING.load(Ordering::Acquire)
}

/// Take the messages of the PHP call `frame` that is returning (and those of no call).
pub fn take_for(frame: usize) -> Vec<(Level, String)> {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    let (mine, rest): (Vec<_>, Vec<_>) = q.drain(..).partition(|(_, _, f)| *f == frame || *f == 0);
    *q = rest;
    PENDING.store(!q.is_empty(), Ordering::Release);
    mine.into_iter().map(|(l, t, _)| (l, t)).collect()
}

/// Drop every queued message (request end).
pub fn drain() {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    PENDING.store(false, Ordering::Release);
    q.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitelist_needs_every_name_whitelisted() {
        names().clear();
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        resolved("smtp.gmail.com", &[google]);
        assert!(destination_verdict(google, 465).0.allowed);
        assert!(!destination_verdict(google, 443).0.allowed);
        resolved("evil-gmail.test", &[google]);
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        names().clear();
    }

    #[test]
    fn names_do_not_change_other_verdicts() {
        names().clear();
        let (public, private): (IpAddr, IpAddr) = ("11.0.0.1".parse().unwrap(), "10.0.0.5".parse().unwrap());
        resolved("dual.test", &[public, private]);
        assert!(destination_verdict(public, 80).0.allowed);
        assert_eq!(destination_verdict(private, 80).0.rule, Rule::SpecialPurpose);
        names().clear();
    }
}
