//! What is decided: whether a C library's socket call may go ahead.
//!
//! [`super::hooks`] reads the call's address ([`super::address`]) and asks here, in safe
//! code. A destination is judged by the policy core on the address actually used and on the
//! name a lookup gave it ([`super::names`]); `bind`, `listen`, `accept` and `socket` by the
//! same rules as PHP's own sockets. A refusal is settled like every other decision (the
//! decision log, the counters, report-only and development mode), and what the app must be
//! told is queued ([`super::messages`]): no PHP code runs inside a C library's call.

use appengine_sockets_policy::sockets::{check_socket, AF_UNIX};
use appengine_sockets_policy::{Rule, Transport, Verdict};

use crate::guard;
use crate::log::{self, Record};
use crate::state;
use crate::zend;

use super::address::Address;
use super::messages::{self, Level};
use super::names;
use super::requests;

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
        _ if requests::on_php_thread(thread) && guard::judged_this_call() => return true,
        other => return settle(&family_refusal(other), action, other, thread),
    };
    if guard::approved(sa.ip(), sa.port()) {
        return true;
    }
    if let Some(v) = gate(thread) {
        return settle(&v, action, address, thread);
    }
    let acl = crate::acl::with_snapshot(|s| s.is_some());
    let ((v, name), names) = names::destination_verdict_and_names(sa.ip(), sa.port(), acl);
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
        _ if requests::on_php_thread(thread) && guard::judged_this_call() => return true,
        other => return settle(&family_refusal(other), Action::Bind, other, thread),
    };
    if requests::on_php_thread(thread) && guard::judged_this_call() {
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
    if requests::on_php_thread(thread) && guard::judged_this_call() {
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
    if domain == AF_UNIX || (requests::on_php_thread(thread) && guard::judged_this_call()) {
        return true;
    }
    match check_socket(domain, kind, protocol) {
        None => true,
        Some(v) => settle(&v, Action::Bind, &Address::Unspec, thread),
    }
}

fn gate(thread: u64) -> Option<Verdict> {
    if let Some(reason) = super::unguarded::refusal() {
        return Some(Verdict::refuse_with(Rule::Config, reason));
    }
    if requests::on_php_thread(thread) {
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
    let php = requests::on_php_thread(thread);
    let function = if php { zend::active_function_label() } else { String::new() };
    let frame = if php { zend::frame_key().0 } else { 0 };
    let shown = shown.unwrap_or_else(|| address.shown());
    if logging {
        // The id read once at request start, as the other enforcement points log it.
        // A library's thread logs the id of the request that started it.
        let app_id = if php {
            state::with_app_id(str::to_owned)
        } else {
            requests::inherited_app()
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
    let said_as = if php { function } else { requests::inherited_function() };
    let prefix = if said_as.is_empty() { String::new() } else { format!("{said_as}(): ") };
    if let Some(would) = report {
        messages::queue(Level::Notice, format!("{prefix}{would}: {}", v.reason), frame);
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
    messages::queue(Level::Warning, format!("{prefix}{text}"), frame);
    false
}
