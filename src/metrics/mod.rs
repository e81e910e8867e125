//! Server-wide counters (`appengine_sockets_metrics()`, `php --ri`, the optional StatsD
//! push): one table for every process of a PHP server, mapped at module start-up
//! ([`shm`]), laid out, labelled and rendered by the PHP-free core
//! (`appengine_sockets_policy::metrics`).
//!
//! The request path pays one atomic add per decision: the request's app is looked up
//! once, at request start ([`set_app`]), and each decision adds one to its counter
//! ([`count`]). With `appengine_sockets.statsd` set, each decision is also noted on its
//! thread and the request's notes are sent as DogStatsD counters when it ends
//! ([`flush_statsd`]): one non-blocking UDP socket per process, datagrams of at most
//! [`DATAGRAM`] bytes. That socket is this module's own: no enforcement point judges it.

mod shm;

use std::cell::RefCell;
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};

pub use appengine_sockets_policy::metrics::{Decision, Event, Layer, Table};
use appengine_sockets_policy::metrics::{batch, decision_offset, offset, statsd_lines, LAYERS};
use appengine_sockets_policy::Class;

use crate::state;
use crate::sync::PthreadMutex;

/// The default number of app slots (`appengine_sockets.metrics_apps`).
pub const DEFAULT_APPS: usize = 64;
/// The largest StatsD datagram sent (fits an Ethernet MTU with IP and UDP headers).
pub const DATAGRAM: usize = 1432;

/// Map a table with `apps` slots (module start-up, before any fork). `None` when the
/// kernel refuses the memory: counting is then skipped, never a decision.
pub fn create(apps: usize) -> Option<Table<'static>> {
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Table::create(shm::map(Table::words(apps))?, apps, start)
}

fn table() -> Option<&'static Table<'static>> {
    state::get().metrics()
}

/// Held by this process around the app slots' lookups and claims and around snapshots:
/// across processes the table's own atomic protocol (a slot's state word, released after
/// its name) orders them; within one, this lock (a pthread mutex, which thread checkers
/// understand) also makes the order visible to them. Never taken for a count.
static SLOTS: PthreadMutex<()> = PthreadMutex::new(());

/// Where the request's app's counters begin. Under NTS one request runs per process at a
/// time (a C library's threads count for it too); under ZTS each thread runs its own.
#[cfg(not(php_zts))]
static APP_BASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(usize::MAX);
#[cfg(php_zts)]
thread_local! {
    static APP_BASE: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

fn app_base() -> usize {
    #[cfg(not(php_zts))]
    return APP_BASE.load(Ordering::Relaxed);
    #[cfg(php_zts)]
    return APP_BASE.with(std::cell::Cell::get);
}

fn set_app_base(base: usize) {
    #[cfg(not(php_zts))]
    APP_BASE.store(base, Ordering::Relaxed);
    #[cfg(php_zts)]
    APP_BASE.with(|b| b.set(base));
}

/// Whether this request's app was looked up already (the SAPI's activation and the
/// module's request start both ask; a fold counts once per request).
#[cfg(not(php_zts))]
static APP_SET: AtomicBool = AtomicBool::new(false);
#[cfg(php_zts)]
thread_local! {
    static APP_SET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn app_set(set: bool) -> bool {
    #[cfg(not(php_zts))]
    return APP_SET.swap(set, Ordering::Relaxed);
    #[cfg(php_zts)]
    return APP_SET.with(|s| s.replace(set));
}

/// The request's app (request start): its slot, a new one, or `other`. The decisions
/// made after the request's end (other modules' shutdowns) still count for it.
pub fn set_app(app: &str) {
    if app_set(true) {
        return;
    }
    if let Some(t) = table() {
        let _slots = SLOTS.lock();
        set_app_base(t.app_base(app));
    }
}

/// A C library's thread: it counts for the app of the request that started it (under
/// NTS the process's app is that request's already).
pub fn inherit_app(app: &str) {
    #[cfg(php_zts)]
    if let Some(t) = table() {
        let _slots = SLOTS.lock();
        set_app_base(t.app_base(app));
    }
    #[cfg(not(php_zts))]
    let _ = app;
}

/// Request end: the next request looks its app up again.
pub fn request_end() {
    app_set(false);
}

/// Whether decisions are noted for the StatsD push.
static STATSD: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// This thread's decisions not yet pushed: (app base, place in the app's block, count),
    /// one entry per label set, so it holds at most a block's places per app however many
    /// decisions a request makes.
    static PENDING: RefCell<Vec<(usize, u16, u64)>> = const { RefCell::new(Vec::new()) };
}

/// The decision's share of a counter's place ([`count`] adds the rule's and the layer's).
pub const ALLOWED: usize = decision_offset(Decision::Allowed);
/// See [`ALLOWED`].
pub const REFUSED: usize = decision_offset(Decision::Refused);
/// See [`ALLOWED`].
pub const REPORTED: usize = decision_offset(Decision::Reported);

/// Count one decision (`decision`: [`ALLOWED`], [`REFUSED`] or [`REPORTED`]).
#[inline]
pub fn count(table: &Table<'_>, decision: usize, class: Class, layer: Layer) {
    let base = app_base();
    table.count_at(base + decision + class as usize * LAYERS.len() + layer as usize);
    if STATSD.load(Ordering::Relaxed) {
        note(base, decision, class, layer);
    }
}

#[cold]
fn note(base: usize, decision: usize, class: Class, layer: Layer) {
    let place = (decision + offset(Decision::Allowed, class, layer)) as u16;
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        match p.iter_mut().find(|e| e.0 == base && e.1 == place) {
            Some(e) => e.2 += 1,
            None => p.push((base, place, 1)),
        }
    });
}

/// Count an event (log lines, resolver failures, ...).
pub fn event(e: Event) {
    if let Some(t) = table() {
        t.event(e, 1);
    }
}

/// The hook for the operator ACL: call once per reload that took effect.
pub fn acl_reloaded() {
    event(Event::AclReloads);
}

/// The hook for the operator ACL: call once per reload rejected (the old ACL stays).
pub fn acl_rejected() {
    event(Event::AclRejects);
}

/// The OpenMetrics text of the whole server's counters.
pub fn openmetrics() -> String {
    table().map_or_else(|| "# EOF\n".to_owned(), |t| {
        let snapshot = {
            let _slots = SLOTS.lock();
            t.snapshot()
        };
        snapshot.openmetrics()
    })
}

/// Start the StatsD push to `to` (module start-up).
pub fn enable_statsd(to: Option<SocketAddr>) {
    STATSD.store(to.is_some(), Ordering::Relaxed);
}

/// This process's push socket, made at its first push (after any fork), connected so a
/// missing receiver shows as ECONNREFUSED on the next send.
static SOCKET: PthreadMutex<Option<(u32, UdpSocket)>> = PthreadMutex::new(None);

/// Send what this thread noted (request end). Never waits: a datagram the kernel does not
/// take at once, or one a missing receiver refused, counts as lost.
pub fn flush_statsd() {
    let Some(to) = state::get().statsd() else { return };
    let Some(t) = table() else { return };
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if pending.is_empty() {
        return;
    }
    let mut lines = Vec::new();
    let mut bases: Vec<usize> = pending.iter().map(|p| p.0).collect();
    bases.sort_unstable();
    bases.dedup();
    for base in bases {
        let mut counts: Vec<(usize, u64)> =
            pending.iter().filter(|e| e.0 == base).map(|e| (usize::from(e.1), e.2)).collect();
        counts.sort_unstable();
        let app = {
            let _slots = SLOTS.lock();
            t.app_label(base)
        };
        lines.extend(statsd_lines(&app, &counts));
    }
    let mut sock = SOCKET.lock();
    let pid = std::process::id();
    if sock.as_ref().is_none_or(|(p, _)| *p != pid) {
        *sock = UdpSocket::bind(if to.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" })
            .and_then(|s| {
                s.set_nonblocking(true)?;
                s.connect(to)?;
                Ok(s)
            })
            .ok()
            .map(|s| (pid, s));
    }
    for datagram in batch(&lines, DATAGRAM) {
        let sent = match sock.as_ref() {
            None => false,
            Some((_, s)) => match s.send(datagram.as_bytes()) {
                Ok(_) => true,
                // The receiver refused an earlier datagram (ICMP port unreachable): that
                // one is lost; this one is tried once more.
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                    t.event(Event::StatsdLost, 1);
                    s.send(datagram.as_bytes()).is_ok()
                }
                Err(_) => false,
            },
        };
        t.event(if sent { Event::StatsdSent } else { Event::StatsdLost }, 1);
    }
}

/// For phpinfo: the server's decisions and the table's use.
pub fn describe() -> Option<(String, String)> {
    let t = table()?;
    let s = {
        let _slots = SLOTS.lock();
        t.snapshot()
    };
    let (a, r, p) = s.totals();
    let lost = s.events[Event::StatsdLost as usize];
    let sent = s.events[Event::StatsdSent as usize];
    let statsd = match state::get().statsd() {
        None => "statsd off".to_owned(),
        Some(to) => format!("statsd to {to}: {sent} datagrams sent, {lost} lost"),
    };
    Some((
        format!("{a} allowed, {r} refused, {p} reported"),
        format!("{} of {} app slots used, {} requests folded into app=\"other\"; {statsd}", s.apps_used, s.apps, s.events[Event::AppFolds as usize]),
    ))
}
