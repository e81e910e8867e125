//! The replaced PHP functions, in one declarative table, and what each one does.
//!
//! Each handler is short: read the arguments, ask the policy (through [`crate::guard`]),
//! then run PHP's original function or refuse. Destinations of stream connections are judged
//! inside the stream transports (see [`crate::zend`]), where the address is known and where
//! every other path that opens a socket passes too; the handlers here add the rules that
//! belong to a function rather than to a connection.

use std::cell::RefCell;
use std::collections::HashMap;

use appengine_sockets_policy::sockets::{check_socket, option_name, socket_option, SocketOption, ENOPROTOOPT};

use crate::guard::{self, Plan, SocketPlan, EACCES};
use crate::state;
use crate::zend::{replaced_functions, set_sockets_last_error, Call, Original, Replaced, SocketRef};

/// Every function the extension replaces, and its logic.
pub static REPLACED: &[Replaced] = replaced_functions![
    fsockopen => via_transport,
    pfsockopen => via_transport,
    stream_socket_client => via_transport,
    stream_socket_server => stream_socket_server,
    stream_socket_pair => stream_socket_pair,
    stream_socket_sendto => stream_socket_sendto,
    socket_create => socket_create,
    socket_create_pair => socket_create_pair,
    socket_create_listen => socket_create_listen,
    socket_listen => socket_listen,
    socket_accept => socket_accept,
    socket_bind => socket_bind,
    socket_addrinfo_bind => socket_addrinfo_bind,
    socket_connect => socket_connect,
    socket_sendto => socket_sendto,
    socket_sendmsg => socket_sendmsg,
    socket_addrinfo_connect => socket_addrinfo_connect,
    socket_import_stream => new_socket,
    socket_set_option => socket_set_option,
    socket_setopt => socket_set_option,
    socket_get_option => socket_get_option,
    socket_getopt => socket_get_option,
];

/// fsockopen, pfsockopen, stream_socket_client: the transport judges the destination and
/// connects to the checked address; PHP formats the refusal ("Unable to connect to
/// 10.0.0.5:80 (private address 10.0.0.5)") and fills `$errno` from it.
fn via_transport(call: &mut Call, original: Original) {
    guard::begin_call();
    original.call(call);
}

/// stream_socket_server: refused by the transport (no socket is bound or listens); PHP
/// raises its own "Unable to connect to ..." warning, and `$errno` is set to EACCES here,
/// because PHP's bind path carries no error number.
fn stream_socket_server(call: &mut Call, original: Original) {
    guard::begin_call();
    original.call(call);
    if guard::refused_in_call() {
        call.assign_ref_long(2, i64::from(EACCES));
    }
}

/// stream_socket_pair: a local socket pair is not outbound TCP or UDP.
fn stream_socket_pair(call: &mut Call, _original: Original) {
    if !call.parse(c"lll") {
        return;
    }
    let v = state::get().policy().check_pair();
    call.warn(&format!("Failed to create sockets: [{EACCES}]: Permission denied ({})", v.reason));
    call.return_false();
}

/// stream_socket_sendto: a datagram to an explicit address is a destination like a
/// connect; the address is resolved once and PHP is given the checked literal.
fn stream_socket_sendto(call: &mut Call, original: Original) {
    if !call.parse(c"rS|lS") {
        return;
    }
    let address = call.arg_bytes(4).filter(|a| !a.is_empty());
    let Some(address) = address else {
        return original.call(call);
    };
    guard::begin_call();
    match guard::plan_sendto(&address) {
        Plan::Connect(names) => {
            if let Some(first) = names.first() {
                call.set_arg_string(4, first);
            }
            original.call(call);
        }
        Plan::Proceed => original.call(call),
        Plan::Refuse { text, warning, .. } => {
            if let Some(w) = warning {
                call.warn(&w);
            }
            call.warn(&format!("Unable to send to {} ({text})", String::from_utf8_lossy(&address)));
            call.return_false();
        }
    }
}

// ---------------------------------------------------------------------------------------
// ext/sockets. Refusals follow ext/sockets' own format ("unable to connect [13]: Permission
// denied (private address 10.0.0.5)") and set both the socket's error and
// socket_last_error(), as PHP_SOCKET_ERROR does.

const PERMISSION_DENIED: &str = "Permission denied";

fn socket_refusal(call: &mut Call, socket: Option<SocketRef>, what: &str, reason: &str) {
    match socket {
        Some(s) => s.set_error(EACCES),
        None => set_sockets_last_error(EACCES),
    }
    call.warn(&format!("{what} [{EACCES}]: {PERMISSION_DENIED} ({reason})"));
    call.return_false();
}

fn apply(call: &mut Call, socket: SocketRef, what: &str, plan: SocketPlan) -> Option<std::ffi::CString> {
    match plan {
        SocketPlan::To(literal) => Some(literal),
        SocketPlan::Refuse { text, errno, warning } => {
            if let Some(w) = warning {
                call.warn(&w);
            }
            if errno == EACCES {
                socket_refusal(call, Some(socket), what, &text);
            } else {
                call.warn(&text);
                call.return_false();
            }
            None
        }
    }
}

/// The argument values ext/sockets accepts for a domain and type; anything else is left
/// to the original function, which throws its own ValueError.
fn valid_domain_and_type(domain: i64, kind: i64) -> bool {
    matches!(domain, 1 | 2 | 10) && kind <= 10
}

fn socket_create(call: &mut Call, original: Original) {
    if !call.parse(c"lll") {
        return;
    }
    let (domain, kind, protocol) = (call.arg_long(1).unwrap_or(0), call.arg_long(2).unwrap_or(0), call.arg_long(3).unwrap_or(0));
    if valid_domain_and_type(domain, kind) {
        if let Some(reason) = closed_reason() {
            return socket_refusal(call, None, "Unable to create socket", &reason);
        }
        if let Some(v) = check_socket(domain, kind, protocol) {
            return socket_refusal(call, None, "Unable to create socket", &v.reason);
        }
    }
    new_socket(call, original);
}

fn socket_create_pair(call: &mut Call, original: Original) {
    if !call.parse(c"lllz") {
        return;
    }
    let (domain, kind) = (call.arg_long(1).unwrap_or(0), call.arg_long(2).unwrap_or(0));
    if !valid_domain_and_type(domain, kind) {
        return original.call(call);
    }
    let v = state::get().policy().check_pair();
    socket_refusal(call, None, "Unable to create socket pair", &v.reason);
}

fn socket_create_listen(call: &mut Call, _original: Original) {
    if !call.parse(c"l|l") {
        return;
    }
    let v = state::get().policy().check_listen();
    socket_refusal(call, None, "Unable to create listening socket", &v.reason);
}

fn socket_listen(call: &mut Call, original: Original) {
    refuse_on_socket(call, original, c"o|l", "Unable to listen on socket");
}

fn socket_accept(call: &mut Call, original: Original) {
    refuse_on_socket(call, original, c"o", "unable to accept incoming connection");
}

fn refuse_on_socket(call: &mut Call, original: Original, spec: &std::ffi::CStr, what: &str) {
    if !call.parse(spec) {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let v = state::get().policy().check_listen();
    socket_refusal(call, Some(socket), what, &v.reason);
}

fn socket_bind(call: &mut Call, original: Original) {
    if !call.parse(c"oS|l") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let address = call.arg_bytes(2).unwrap_or_default();
    let port = call.arg_long(3).unwrap_or(0) as u16;
    if let Some(reason) = closed_reason() {
        return socket_refusal(call, Some(socket), "Unable to bind address", &reason);
    }
    let v = guard::check_socket_bind(&address, port);
    if v.allowed {
        original.call(call);
    } else {
        socket_refusal(call, Some(socket), "Unable to bind address", &v.reason);
    }
}

fn socket_addrinfo_bind(call: &mut Call, original: Original) {
    if !call.parse(c"o") {
        return;
    }
    let Some(ai) = call.arg_addrinfo(1) else {
        return original.call(call);
    };
    let policy = state::get().policy();
    let verdict = match (check_socket(ai.family, ai.socktype, ai.protocol), ai.addr) {
        (Some(v), _) => v,
        (None, Some(sa)) => policy.check_bind(&sa.ip().to_string(), sa.port()),
        (None, None) => policy.check_bind("?", 1),
    };
    match closed_reason() {
        Some(reason) => socket_refusal(call, None, "Unable to bind address", &reason),
        None if verdict.allowed => new_socket(call, original),
        None => socket_refusal(call, None, "Unable to bind address", &verdict.reason),
    }
}

fn socket_connect(call: &mut Call, original: Original) {
    if !call.parse(c"oS|l!") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    if call.arg_is_null(3) {
        // AF_INET and AF_INET6 need a port: the original throws its ValueError.
        return original.call(call);
    }
    let address = call.arg_bytes(2).unwrap_or_default();
    let port = call.arg_long(3).unwrap_or(0) as u16;
    guard::begin_call();
    let plan = guard::plan_socket_destination(socket.family(), &address, port);
    if let Some(literal) = apply(call, socket, "unable to connect", plan) {
        call.set_arg_string(2, &literal);
        original.call(call);
    }
}

fn socket_sendto(call: &mut Call, original: Original) {
    if !call.parse(c"oSllS|l!") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    if call.arg_is_null(6) {
        return original.call(call);
    }
    let address = call.arg_bytes(5).unwrap_or_default();
    let port = call.arg_long(6).unwrap_or(0) as u16;
    guard::begin_call();
    let plan = guard::plan_socket_destination(socket.family(), &address, port);
    if let Some(literal) = apply(call, socket, "Unable to write to socket", plan) {
        call.set_arg_string(5, &literal);
        original.call(call);
    }
}

fn socket_sendmsg(call: &mut Call, original: Original) {
    if !call.parse(c"oa|l") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let Some((address, port)) = call.sendmsg_name(2) else {
        // No destination: a connected socket, already judged at connect.
        return original.call(call);
    };
    guard::begin_call();
    let plan = guard::plan_socket_destination(socket.family(), &address, port.unwrap_or(0) as u16);
    if let Some(literal) = apply(call, socket, "Error in sendmsg", plan) {
        call.set_sendmsg_addr(2, &literal);
        original.call(call);
    }
}

fn socket_addrinfo_connect(call: &mut Call, original: Original) {
    if !call.parse(c"o") {
        return;
    }
    let Some(ai) = call.arg_addrinfo(1) else {
        return original.call(call);
    };
    let policy = state::get().policy();
    let verdict = match (check_socket(ai.family, ai.socktype, ai.protocol), ai.addr) {
        (Some(v), _) => Some(v),
        (None, Some(sa)) => Some(policy.check_address(None, sa.ip(), sa.port())).filter(|v| !v.allowed),
        (None, None) => policy.check_transport(&appengine_sockets_policy::Transport::Unix),
    };
    match (closed_reason(), verdict) {
        (Some(reason), _) => socket_refusal(call, None, "unable to connect", &reason),
        (None, Some(v)) => socket_refusal(call, None, "unable to connect", &v.reason),
        (None, None) => new_socket(call, original),
    }
}

/// Functions that return a new Socket: run the original, then forget any mocked options
/// left under the same object handle by a socket that no longer exists.
fn new_socket(call: &mut Call, original: Original) {
    original.call(call);
    if let Some(handle) = call.returned_object_handle() {
        OPTIONS.with(|o| o.borrow_mut().retain(|k, _| k.0 != handle));
    }
}

fn closed_reason() -> Option<String> {
    state::get().closed_reason().map(str::to_owned)
}

/// A mocked option's remembered value.
#[derive(Clone, Copy, Debug)]
enum Mock {
    Int(i64),
    Linger(i64, i64),
}

thread_local! {
    /// Mocked option values by (socket object handle, level, option).
    static OPTIONS: RefCell<HashMap<(u32, i64, i64), Mock>> = RefCell::new(HashMap::new());
}

/// Forget every remembered option (at request end, when the request's sockets are gone).
pub fn forget_socket_options() {
    OPTIONS.with(|o| o.borrow_mut().clear());
}

fn unsupported_option(call: &mut Call, socket: SocketRef, what: &str, level: i64, name: i64) {
    socket.set_error(ENOPROTOOPT);
    call.warn(&format!(
        "{what} [{ENOPROTOOPT}]: Protocol not available ({} is not supported on App Engine)",
        option_name(level, name)
    ));
    call.return_false();
}

fn socket_set_option(call: &mut Call, original: Original) {
    if !call.parse(c"ollz") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let (level, name) = (call.arg_long(2).unwrap_or(0), call.arg_long(3).unwrap_or(0));
    let value = match socket_option(level, name) {
        SocketOption::Int { .. } => Mock::Int(call.arg_coerce_long(4)),
        SocketOption::Linger => match call.linger_arg(4) {
            Some((on, linger)) => Mock::Linger(on, linger),
            None => return,
        },
        SocketOption::Unsupported => return unsupported_option(call, socket, "Unable to set socket option", level, name),
    };
    OPTIONS.with(|o| o.borrow_mut().insert((socket.handle(), level, name), value));
    call.return_true();
}

fn socket_get_option(call: &mut Call, original: Original) {
    if !call.parse(c"oll") {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let (level, name) = (call.arg_long(2).unwrap_or(0), call.arg_long(3).unwrap_or(0));
    let remembered = OPTIONS.with(|o| o.borrow().get(&(socket.handle(), level, name)).copied());
    match (socket_option(level, name), remembered) {
        (SocketOption::Unsupported, _) => unsupported_option(call, socket, "Unable to retrieve socket option", level, name),
        (_, Some(Mock::Int(v))) => call.return_long(v),
        (_, Some(Mock::Linger(on, linger))) => call.return_linger(on, linger),
        (SocketOption::Int { default, .. }, None) => call.return_long(default),
        (SocketOption::Linger, None) => call.return_linger(0, 0),
    }
}

