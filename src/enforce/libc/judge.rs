//! Decisions for the libc layer, in safe code: what a C library's socket call may do.
//!
//! [`super::hooks`] reads the call's arguments (the address in a `sockaddr`, the socket's
//! type) and asks here. A refusal is settled like every other decision (the decision log,
//! the counters, report-only and development mode), and what the app must be told is
//! *queued*: no PHP code runs inside a C library's call. The queue is raised as warnings
//! when the PHP function returns (see [`super::hooks`]).
//!
//! Everything here is per request, never per process: which threads are judged (the
//! request's own, and the threads its libraries started: [`Owner`]), the names its
//! libraries resolved, and the messages queued for it.

use std::cell::{Cell, RefCell};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use appengine_sockets_policy::sockets::{check_socket, AF_UNIX};
use appengine_sockets_policy::{Policy, ResolveError, Resolver, Rule, Transport, Verdict};

use crate::guard;
use crate::log::{self, Record};
use crate::state;
use crate::sync::PthreadMutex;
use crate::zend;

/// The request a thread's calls belong to: the thread running it, and which of that
/// thread's requests it is (a number the thread counts up). `thread == 0`: none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owner {
    thread: u64,
    request: u64,
}

const NO_OWNER: Owner = Owner { thread: 0, request: 0 };

/// What a thread a C library starts inherits from the thread starting it (see
/// [`inheritance`]): the request its calls belong to, and that request's app id.
#[derive(Clone, Debug)]
pub struct Inheritance {
    owner: Owner,
    slot: usize,
    app_id: String,
    acl: Option<crate::acl::Snapshot>,
    /// The PHP function running when the thread was started, which its messages name.
    function: String,
}

/// Whether this thread queued messages of its own, and the mail flag it watches (slot + 1)
/// once it started a thread in this request (0: none).
#[derive(Clone, Copy, Default)]
struct Hot {
    own: bool,
    watch: usize,
}

/// What the guarded functions read on every call, in one thread-local (one look-up).
struct Local {
    /// Whether this thread is running a PHP request (a library's own threads never are).
    in_request: Cell<bool>,
    /// The request this thread's calls are judged for: the thread's own request, the one
    /// that started this thread (a library's thread), or none (never judged).
    owner: Cell<Owner>,
    /// This thread's mail slot (see [`MAIL`]), for its request or the one it inherited.
    slot: Cell<usize>,
    /// How many requests this thread has started.
    requests: Cell<u64>,
    /// What [`pending`] reads when the VM is interrupted.
    hot: Cell<Hot>,
    /// The request's `EG(vm_interrupt)` (see [`zend::interrupt::wake`]), set when a
    /// message is queued on this thread (0: none).
    wake: Cell<usize>,
}

thread_local! {
    static LOCAL: Local = const {
        Local {
            in_request: Cell::new(false),
            owner: Cell::new(NO_OWNER),
            slot: Cell::new(0),
            requests: Cell::new(0),
            hot: Cell::new(Hot { own: false, watch: 0 }),
            wake: Cell::new(0),
        }
    };
    /// Messages this PHP thread queued itself: level, text, and the PHP call (frame) they
    /// belong to (0: any).
    static OWN_QUEUE: RefCell<Vec<(Level, String, usize)>> = const { RefCell::new(Vec::new()) };
    /// A library's thread: the app id of the request that started it (logged with its
    /// decisions).
    static INHERITED_APP: RefCell<String> = const { RefCell::new(String::new()) };
    /// A library's thread: the PHP function its messages name (see [`Inheritance`]).
    static INHERITED_FUNCTION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Whether calls on this thread are judged now: it runs a PHP request, or a C library
/// started it (or its ancestor) in one. Threads a server starts outside requests (its
/// listener, its workers), PHP's start-up and shutdown, php-fpm's master and a worker
/// between requests pass through untouched.
#[inline]
pub fn enforcing() -> bool {
    LOCAL.with(|l| l.owner.get().thread != 0)
}

/// A request starts on this thread (`thread`: its id; `wake`: the address of its
/// `EG(vm_interrupt)`, set when a message is queued for it).
pub fn request_start(thread: u64, wake: usize) {
    let n = LOCAL.with(|l| {
        l.requests.set(l.requests.get() + 1);
        l.requests.get()
    });
    let owner = Owner { thread, request: n };
    guard::forget_approvals();
    OWN_QUEUE.with(|q| q.borrow_mut().clear());
    LOCAL.with(|l| l.hot.set(Hot::default()));
    let slot = {
        let mut live = LIVE.lock();
        // A request of this thread that never ended (a bailout past request end).
        live.retain(|l| l.owner.thread != thread);
        let slot = (0..SLOTS).find(|&s| !live.iter().any(|l| l.slot == s)).unwrap_or(live.len() % SLOTS);
        live.push(Live {
            owner,
            slot,
            names: Names::default(),
            mail: Vec::new(),
            wake,
        });
        slot
    };
    LOCAL.with(|l| {
        l.slot.set(slot);
        l.owner.set(owner);
        l.wake.set(wake);
        l.in_request.set(true);
    });
}

/// The request on this thread ends: stop judging, and forget the request's names and
/// queued messages (those its libraries' threads queue later are dropped).
pub fn request_end() {
    if LOCAL.with(|l| l.in_request.replace(false)) {
        let owner = LOCAL.with(|l| l.owner.replace(NO_OWNER));
        let mut live = LIVE.lock();
        if let Some(i) = live.iter().position(|l| l.owner == owner) {
            let slot = live.swap_remove(i).slot;
            refresh_mail(&live, slot);
        }
    }
    OWN_QUEUE.with(|q| q.borrow_mut().clear());
    LOCAL.with(|l| l.hot.set(Hot::default()));
    guard::forget_approvals();
}

/// Whether the calling thread runs a PHP request (only then may PHP's state be read).
fn on_php_thread(_thread: u64) -> bool {
    LOCAL.with(|l| l.in_request.get())
}

/// What a thread being started now inherits, when the starting thread is judged (it runs
/// a request, or a library started it in one); `None` otherwise: the new thread is not
/// judged.
/// `function()`: on a request's thread, the PHP function running now, which the new
/// thread's messages name.
pub fn inheritance(function: impl FnOnce() -> String) -> Option<Inheritance> {
    let owner = LOCAL.with(|l| l.owner.get());
    if owner.thread == 0 {
        return None;
    }
    let slot = LOCAL.with(|l| l.slot.get());
    let (app_id, function) = if LOCAL.with(|l| l.in_request.get()) {
        // From now on this request's thread watches its mail flag.
        LOCAL.with(|l| l.hot.set(Hot { watch: slot + 1, ..l.hot.get() }));
        (state::with_app_id(str::to_owned), function())
    } else {
        (INHERITED_APP.with(|a| a.borrow().clone()), INHERITED_FUNCTION.with(|f| f.borrow().clone()))
    };
    // The ACL the request started with (a library's thread hands on what it inherited).
    Some(Inheritance { owner, slot, app_id, acl: crate::acl::snapshot(), function })
}

/// The first thing a thread started with an [`Inheritance`] does: its calls belong to
/// that request from now on.
pub fn inherit(from: Inheritance) {
    LOCAL.with(|l| {
        l.owner.set(from.owner);
        l.slot.set(from.slot);
    });
    crate::metrics::inherit_app(&from.app_id);
    INHERITED_APP.with(|a| *a.borrow_mut() = from.app_id);
    crate::acl::inherit(from.acl);
    INHERITED_FUNCTION.with(|f| *f.borrow_mut() = from.function);
}

// ---------------------------------------------------------------------------------------
// What a request shares with its libraries' threads.

/// One running request: the names its libraries resolved (on any of its threads), the
/// messages its libraries' threads queued for it, and its thread's `EG(vm_interrupt)`.
struct Live {
    owner: Owner,
    slot: usize,
    names: Names,
    mail: Vec<(Level, String)>,
    wake: usize,
}

/// The running requests (NTS: one at most; ZTS: one per thread in a request).
static LIVE: PthreadMutex<Vec<Live>> = PthreadMutex::new(Vec::new());

/// Mail flags: set (under [`LIVE`]'s lock) when a library's thread queued a message for a
/// request of that slot, read by the request's thread when the VM is interrupted once it
/// started a thread. Each running request has a slot of its own while there are enough.
const SLOTS: usize = 64;
static MAIL: [AtomicBool; SLOTS] = [const { AtomicBool::new(false) }; SLOTS];

/// Set `slot`'s mail flag to whether a running request of that slot has mail.
fn refresh_mail(live: &[Live], slot: usize) {
    let any = live.iter().any(|l| l.slot == slot && !l.mail.is_empty());
    MAIL[slot].store(any, Ordering::Release);
}

// ---------------------------------------------------------------------------------------
// Names that libraries resolved: judged as a whole, and for the Gmail whitelist.

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
    /// More lookups than kept: the oldest were dropped (the newest [`MAX_NAMES`] are still
    /// judged), and the Gmail whitelist no longer applies (a dropped name may have shared a
    /// whitelisted name's address).
    overflow: bool,
}

const MAX_NAMES: usize = 1024;

/// A library resolved `name` to `addresses` (any thread of a request: libcurl resolves in
/// its own): recorded for the request the calling thread's calls belong to.
pub fn resolved(name: &str, addresses: &[IpAddr]) {
    if name.parse::<IpAddr>().is_ok() || addresses.is_empty() {
        return;
    }
    let owner = LOCAL.with(|l| l.owner.get());
    if owner.thread == 0 {
        return;
    }
    let mut live = LIVE.lock();
    // The request ended: its names are gone with it.
    let Some(n) = live.iter_mut().find(|l| l.owner == owner).map(|l| &mut l.names) else {
        return;
    };
    // Newest last: a lookup made again moves to the end.
    if let Some(i) = n.entries.iter().position(|(m, a)| a == addresses && m.eq_ignore_ascii_case(name)) {
        let entry = n.entries.remove(i);
        n.entries.push(entry);
        return;
    }
    if n.entries.len() >= MAX_NAMES {
        n.overflow = true;
        n.entries.remove(0);
    }
    n.entries.push((name.to_owned(), addresses.to_vec()));
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
fn destination_verdict(ip: IpAddr, port: u16) -> (Verdict, Option<String>) {
    destination_verdict_and_names(ip, port, false).0
}

/// [`destination_verdict`], and (when `names` is set) the name a connect to `ip` is for
/// in the ACL ([`Names::producing`]).
fn destination_verdict_and_names(ip: IpAddr, port: u16, names: bool) -> ((Verdict, Option<String>), Vec<String>) {
    let policy = state::get().policy();
    let owner = LOCAL.with(|l| l.owner.get());
    let live = LIVE.lock();
    match live.iter().find(|l| l.owner == owner) {
        Some(l) => (names_verdict(policy, &l.names, ip, port), if names { l.names.producing(ip) } else { Vec::new() }),
        // The request ended (a library's thread outlived it): its names are gone with it.
        None => (names_verdict(policy, &Names::default(), ip, port), Vec::new()),
    }
}

/// The name of the latest lookup in the calling thread's request that produced `ip` (none:
/// an address no lookup produced), for the ACL.
pub fn names_for(ip: IpAddr) -> Vec<String> {
    let owner = LOCAL.with(|l| l.owner.get());
    let live = LIVE.lock();
    live.iter().find(|l| l.owner == owner).map(|l| l.names.producing(ip)).unwrap_or_default()
}

impl Names {
    /// The name a connect to `ip` is for, as the ACL sees it: the latest lookup that
    /// produced it, as [`destination_verdict`] takes it (a library connects right after
    /// resolving). Not every name that ever produced it: one refused name sharing a CDN's
    /// address with others would refuse them all for the rest of the request, and an
    /// allowed one would open the address to a refused one resolved after it.
    fn producing(&self, ip: IpAddr) -> Vec<String> {
        let key = canonical(ip);
        self.entries
            .iter()
            .rev()
            .find(|(_, a)| a.iter().any(|&x| canonical(x) == key))
            .map(|(name, _)| vec![name.clone()])
            .unwrap_or_default()
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
    let acl = crate::acl::with_snapshot(|s| s.is_some());
    let ((v, name), names) = destination_verdict_and_names(sa.ip(), sa.port(), acl);
    let mut shown = name.map(|n| format!("{n}:{}", sa.port()));
    let mut note = None;
    let v = if acl {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        crate::acl::with_snapshot(|s| {
            let s = s.expect("checked above");
            let applied = s.apply(v, &names, sa.port());
            note = Some(guard::acl_note(s, applied.decision.as_ref()));
            if let (false, Some(n)) = (applied.verdict.allowed, applied.decision.as_ref().and_then(|d| d.name).and_then(|i| names.get(i))) {
                shown = Some(format!("{n}:{}", sa.port()));
            }
            applied.verdict
        })
    } else {
        v
    };
    settle_as(&v, action, address, shown, note.as_ref(), thread)
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

/// `listen()` and `accept()`: always refused on a judged thread.
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
    settle_as(v, action, address, None, None, thread)
}

/// Log, count and queue what must be said; `true` if the call may go ahead. `shown` is
/// the target as a library named it (`host:port`), when a name led to this address.
fn settle_as(
    v: &Verdict,
    action: Action,
    address: &Address,
    shown: Option<String>,
    note: Option<&crate::log::AclNote>,
    thread: u64,
) -> bool {
    let st = state::get();
    let guard::Outcome { verdict, report } = guard::outcome(v, crate::metrics::Layer::Libc);
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
        // A library's thread logs the id of the request that started it.
        let app_id = if php {
            state::with_app_id(str::to_owned)
        } else {
            INHERITED_APP.with(|a| a.borrow().clone())
        };
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
                acl: note,
                app_id: &app_id,
                function: &function,
                target: &target,
                address: addr,
                port,
                verdict,
                rule: v.rule.as_str(),
                class: v.class.as_str(),
                reason: &v.reason.to_string(),
            },
            php,
        );
    }
    if v.allowed {
        return true;
    }
    // A library's thread says its messages as the PHP function that started it.
    let said_as = if php { function } else { INHERITED_FUNCTION.with(|f| f.borrow().clone()) };
    let prefix = if said_as.is_empty() { String::new() } else { format!("{said_as}(): ") };
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

/// Queue a message (its text names its PHP function) for the PHP call `frame` (0: none),
/// and wake the request's thread (see [`zend::interrupt`]): on a request's own thread, in
/// that thread's queue; on a library's thread, in the mail of the request that started it
/// (dropped when that request has ended).
fn queue(level: Level, text: String, frame: usize) {
    // One message per refusal: libraries retry the same address (happy eyeballs, loops).
    if LOCAL.with(|l| l.in_request.get()) {
        OWN_QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            if !q.iter().any(|(l, t, _)| *l == level && *t == text) && q.len() < 16 {
                q.push((level, text, frame));
            }
        });
        LOCAL.with(|l| l.hot.set(Hot { own: true, ..l.hot.get() }));
        zend::interrupt::wake(LOCAL.with(|l| l.wake.get()));
        return;
    }
    let owner = LOCAL.with(|l| l.owner.get());
    let mut live = LIVE.lock();
    if let Some(l) = live.iter_mut().find(|l| l.owner == owner) {
        if !l.mail.iter().any(|(m, t)| *m == level && *t == text) && l.mail.len() < 16 {
            l.mail.push((level, text));
        }
        MAIL[l.slot].store(true, Ordering::Release);
        // Under the lock: the request (and its thread's flag) is still alive.
        zend::interrupt::wake(l.wake);
    }
}

/// Whether messages wait to be raised on this thread (when the VM is interrupted: one
/// thread-local read, and the request's mail flag once it started a thread).
#[inline]
pub fn pending() -> bool {
    LOCAL.with(|l| {
        let h = l.hot.get();
        h.own || (h.watch != 0 && MAIL[h.watch - 1].load(Ordering::Acquire))
    })
}

/// Take this thread's messages but those whose PHP call `wait(frame)` says is still
/// running, then the mail its libraries' threads queued.
pub fn take(mut wait: impl FnMut(usize) -> bool) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    let hot = LOCAL.with(|l| l.hot.get());
    if hot.own {
        let q = OWN_QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
        let (waiting, now): (Vec<_>, Vec<_>) = q.into_iter().partition(|(_, _, f)| *f != 0 && wait(*f));
        out.extend(now.into_iter().map(|(l, t, _)| (l, t)));
        let left = !waiting.is_empty();
        OWN_QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            q.splice(0..0, waiting);
        });
        LOCAL.with(|l| l.hot.set(Hot { own: left, ..l.hot.get() }));
    }
    if hot.watch != 0 && MAIL[hot.watch - 1].load(Ordering::Acquire) {
        let owner = LOCAL.with(|l| l.owner.get());
        let mut live = LIVE.lock();
        if let Some(l) = live.iter_mut().find(|l| l.owner == owner) {
            out.append(&mut l.mail);
        }
        refresh_mail(&live, hot.watch - 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each test runs on a thread of its own, with its own made-up thread id for requests.

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

    #[test]
    fn judged_threads_are_a_requests_and_the_threads_it_started() {
        assert!(!enforcing(), "a thread outside any request");
        assert!(inheritance(String::new).is_none(), "nothing to inherit outside a request");
        request_start(0x1003, 0);
        assert!(enforcing());
        let from = inheritance(String::new).expect("a request's thread hands on its request");
        let (child, grandchild) = std::thread::spawn(move || {
            let before = enforcing();
            inherit(from);
            let grandchild = inheritance(String::new).map(|g| std::thread::spawn(move || {
                inherit(g);
                enforcing()
            }));
            (before, enforcing() && grandchild.is_some_and(|g| g.join().unwrap()))
        })
        .join()
        .unwrap();
        assert!(!child, "a new thread is judged only once it inherited");
        assert!(grandchild, "a library thread's own threads belong to the same request");
        assert!(!std::thread::spawn(enforcing).join().unwrap(), "a thread started plainly");
        request_end();
        assert!(!enforcing());
    }

    #[test]
    fn names_and_mail_belong_to_their_request() {
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        // The request thread's EG(vm_interrupt), as a library's thread sets it.
        static WAKE: AtomicBool = AtomicBool::new(false);
        request_start(0x1004, WAKE.as_ptr() as usize);
        resolved("smtp.gmail.com", &[google]);
        // Another thread's request resolves a name spoiling the whitelist: not ours.
        let other = std::thread::spawn(move || {
            request_start(0x1005, 0);
            resolved("evil-gmail.test", &[google]);
            let theirs = destination_verdict(google, 465).0.allowed;
            std::thread::sleep(std::time::Duration::from_millis(50));
            let mail = (pending(), take(|_| false));
            request_end();
            (theirs, mail)
        });
        assert!(destination_verdict(google, 465).0.allowed);
        // This request's library thread resolves it: now ours too.
        let from = inheritance(|| "spawn_connect".into()).unwrap();
        std::thread::spawn(move || {
            inherit(from);
            resolved("evil-gmail.test", &[google]);
            queue(Level::Warning, "spawn_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)".into(), 0);
        })
        .join()
        .unwrap();
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        assert!(WAKE.load(Ordering::SeqCst), "the request's thread is woken");
        assert!(pending());
        assert_eq!(
            take(|_| false),
            vec![(Level::Warning, "spawn_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)".to_owned())]
        );
        assert!(!pending());
        let (theirs, (their_pending, their_mail)) = other.join().unwrap();
        assert!(!theirs);
        assert!(!their_pending && their_mail.is_empty(), "another request's mail: {their_mail:?}");
        request_end();
    }

    #[test]
    fn a_requests_end_drops_what_its_threads_say_later() {
        request_start(0x1006, 0);
        let from = inheritance(String::new).unwrap();
        queue(Level::Warning, "own".into(), 0);
        assert!(pending());
        request_end();
        assert!(!pending(), "the request's own queue is dropped");
        request_start(0x1006, 0);
        let _ = inheritance(String::new); // this request watches its mail too
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        std::thread::spawn(move || {
            inherit(from);
            assert!(enforcing(), "a library's thread stays judged after its request ended");
            resolved("smtp.gmail.com", &[google]);
            queue(Level::Warning, "late".into(), 0);
        })
        .join()
        .unwrap();
        assert!(!pending());
        assert!(take(|_| false).is_empty());
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google, "the old request's name");
        request_end();
    }

    #[test]
    fn a_message_waits_while_its_call_runs() {
        static WAKE: AtomicBool = AtomicBool::new(false);
        request_start(0x1008, WAKE.as_ptr() as usize);
        queue(Level::Warning, "curl_exec(): refused".into(), 7);
        queue(Level::Notice, "pg_connect(): would be refused".into(), 8);
        assert!(WAKE.load(Ordering::SeqCst), "queueing wakes the request's thread");
        // The call of frame 7 still runs (PHP code nested in it interrupted the VM).
        assert_eq!(take(|f| f == 7), vec![(Level::Notice, "pg_connect(): would be refused".to_owned())]);
        assert!(pending(), "frame 7's message waits");
        assert_eq!(take(|_| false), vec![(Level::Warning, "curl_exec(): refused".to_owned())]);
        assert!(!pending());
        request_end();
    }

    fn recorded(entries: &[(&str, &[&str])]) -> Names {
        let mut n = Names::default();
        for (name, addresses) in entries {
            n.entries.push(((*name).to_owned(), addresses.iter().map(|a| a.parse().unwrap()).collect()));
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
