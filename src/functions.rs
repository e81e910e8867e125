//! The replaced PHP functions, in one declarative table, and what each one does.
//!
//! Each handler is short: read the arguments, ask the policy (through [`crate::guard`]),
//! then run PHP's original function or refuse. Destinations of stream connections are judged
//! inside the stream transports (see [`crate::zend`]), where the address is known and where
//! every other path that opens a socket passes too; the handlers here add the rules that
//! belong to a function rather than to a connection.

use crate::guard::{self, Plan, EACCES};
use crate::state;
use crate::zend::{replaced_functions, Call, Original, Replaced, Spec};

/// Every function the extension replaces, and its logic.
pub static REPLACED: &[Replaced] = replaced_functions![
    fsockopen => via_transport,
    pfsockopen => via_transport,
    stream_socket_client => via_transport,
    stream_socket_server => stream_socket_server,
    stream_socket_pair => stream_socket_pair,
    stream_socket_sendto => stream_socket_sendto,
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
    if !call.parse(Spec::ThreeLongs) {
        return;
    }
    let v = state::get().policy().check_pair();
    call.warn(&format!("Failed to create sockets: [{EACCES}]: Permission denied ({})", v.reason));
    call.return_false();
}

/// stream_socket_sendto: a datagram to an explicit address is a destination like a
/// connect; the address is resolved once and PHP is given the checked literal.
fn stream_socket_sendto(call: &mut Call, original: Original) {
    if !call.parse(Spec::SendTo) {
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
