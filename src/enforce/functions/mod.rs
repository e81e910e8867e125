//! The replaced PHP functions, in one declarative table, and what each one does.
//!
//! Each handler is short: read the arguments, ask the policy (through [`crate::guard`]),
//! then run PHP's original function or refuse. Destinations of stream connections are judged
//! inside the stream transports (see [`crate::enforce::transports`]), where the address is known and where
//! every other path that opens a socket passes too; the handlers here add the rules that
//! belong to a function rather than to a connection.

use std::cell::RefCell;

use appengine_sockets_policy::sockets::{check_socket, linger_read_back, AF_PACKET, option_name, socket_option, SocketOption, ENOPROTOOPT};

use crate::guard::{self, Plan, SocketPlan, EACCES};
use crate::idle;
use crate::state;
pub mod swap;

use crate::zend::{self, set_sockets_last_error, value_error, Call, Original, SocketRef};
use swap::{replaced_functions, Replaced};

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
    ftp_connect => ftp_connect,
    ftp_ssl_connect => ftp_connect,
    socket_read => socket_operation,
    socket_write => socket_operation,
    socket_recv => socket_operation,
    socket_send => socket_operation,
    socket_recvfrom => socket_operation,
    socket_recvmsg => socket_operation,
    socket_getpeername => socket_operation,
    socket_getsockname => socket_operation,
    socket_set_block => socket_operation,
    socket_set_nonblock => socket_operation,
    socket_shutdown => socket_operation,
    socket_close => socket_close,
    socket_select => socket_select,
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
    let v = guard::gate_verdict().unwrap_or_else(|| state::get().policy().check_pair());
    match guard::judge(&v, asked("")) {
        Some(Plan::Refuse { text, .. }) => {
            call.warn(&format!("Failed to create sockets: [{EACCES}]: Permission denied ({text})"));
            call.return_false();
        }
        _ => _original.call(call),
    }
}

fn asked(target: &str) -> guard::Asked<'_> {
    guard::Asked::target(target)
}

/// stream_socket_sendto: a datagram to an explicit address is a destination like a
/// connect; the address is resolved once and PHP is given the checked literal.
fn stream_socket_sendto(call: &mut Call, original: Original) {
    if !call.parse(c"rS|lS") {
        return;
    }
    // Not an open stream: PHP's TypeError. Not a socket (a memory or plain file stream):
    // PHP returns -1 and sends nothing. Either way, before any lookup or decision.
    if !call.arg_stream_label(1).is_some_and(|label| label.windows(6).any(|w| w == b"socket")) {
        return original.call(call);
    }
    let address = call.arg_bytes(4).filter(|a| !a.is_empty());
    let Some(address) = address else {
        return original.call(call);
    };
    if matches!(
        appengine_sockets_policy::parse_xport_name(&address),
        Err(appengine_sockets_policy::TargetError::NoPort(_) | appengine_sockets_policy::TargetError::Ipv6(_))
    ) {
        // PHP cannot read it either: its own warning, and nothing is sent.
        return original.call(call);
    }
    guard::begin_call();
    match guard::plan_sendto(&address) {
        Plan::Connect(names) => {
            match names.first() {
                Some(first) => call.call_with_arg_string(4, first, original),
                None => original.call(call),
            }
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

/// ftp_connect, ftp_ssl_connect: ext/ftp connects with its own resolver call rather than a
/// stream transport, so the host is judged here and ext/ftp is handed the checked literal.
fn ftp_connect(call: &mut Call, original: Original) {
    if !call.parse(c"S|ll") {
        return;
    }
    if call.arg_long(3).is_some_and(|timeout| timeout <= 0) {
        // ext/ftp's own check, before any lookup or decision.
        return value_error(3, "must be greater than 0");
    }
    let host = call.arg_bytes(1).unwrap_or_default();
    // Absent: ext/ftp's default port.
    let port = call.arg_long(2).unwrap_or(21) as u16;
    guard::begin_call();
    match guard::plan_host(&host, port) {
        SocketPlan::To(literal) => {
            // The name's checked address, recorded as the C-library layer records a
            // library's lookup: ext/ftp's passive data connection to it (the address a
            // normal server's PASV reply names) is then judged as this name, and one to
            // any other address stays a literal.
            let ip = literal.to_str().ok().and_then(|l| l.parse::<std::net::IpAddr>().ok());
            if let (Ok(name), Some(ip)) = (std::str::from_utf8(&host), ip) {
                crate::enforce::libc::names::resolved(name, &[ip]);
            }
            call.call_with_arg_string(1, &literal, original);
        }
        SocketPlan::Proceed => original.call(call),
        SocketPlan::LookupFailed { detail } => {
            call.warn(&format!(
                "php_network_getaddresses: getaddrinfo for {} failed: {detail}",
                String::from_utf8_lossy(&host)
            ));
            call.return_false();
        }
        SocketPlan::Refuse { text, warning, .. } => {
            if let Some(w) = warning {
                call.warn(&w);
            }
            call.warn(&format!("Unable to connect to {}:{port} ({text})", String::from_utf8_lossy(&host)));
            call.return_false();
        }
    }
}

// ---------------------------------------------------------------------------------------
// ext/sockets. Refusals follow ext/sockets' own format ("unable to connect [13]: Permission
// denied (private address 10.0.0.5)") and set both the socket's error and
// socket_last_error(), as PHP_SOCKET_ERROR does.

fn strerror(errno: i32) -> &'static str {
    match errno {
        EACCES => "Permission denied",
        ENOPROTOOPT => "Protocol not available",
        _ => "Unknown error",
    }
}

/// Fail an ext/sockets call as PHP_SOCKET_ERROR does: the error on the socket (if any) and
/// in socket_last_error(), and "<what> [errno]: strerror (reason)".
fn fail_socket_call(call: &mut Call, socket: Option<SocketRef>, what: &str, plan: Plan) {
    if let Plan::Refuse { text, errno, warning } = plan {
        if let Some(w) = warning {
            call.warn(&w);
        }
        if errno == 0 {
            call.warn(&text);
        } else {
            match socket {
                Some(s) => s.set_error(errno),
                None => set_sockets_last_error(errno),
            }
            call.warn(&format!("{what} [{errno}]: {} ({text})", strerror(errno)));
        }
    }
    call.return_false();
}

/// Judge a verdict-only rule for an ext/sockets call: true when the call was refused (and
/// answered), false when it may go ahead.
fn refused(call: &mut Call, socket: Option<SocketRef>, what: &str, v: Option<appengine_sockets_policy::Verdict>, target: &str) -> bool {
    let v = guard::gate_verdict().or(v);
    match v.and_then(|v| guard::judge(&v, asked(target))) {
        Some(plan) => {
            fail_socket_call(call, socket, what, plan);
            true
        }
        None => false,
    }
}

fn apply(call: &mut Call, socket: SocketRef, what: &str, plan: SocketPlan) -> Result<Option<std::ffi::CString>, ()> {
    match plan {
        SocketPlan::To(literal) => Ok(Some(literal)),
        SocketPlan::Proceed => Ok(None),
        SocketPlan::LookupFailed { detail } => {
            // ext/sockets looks names up with gethostbyname(): h_errno TRY_AGAIN (a timeout,
            // SERVFAIL) is -10002, anything else HOST_NOT_FOUND.
            let (code, text) = if detail == "Temporary failure in name resolution" {
                (TRY_AGAIN, "Host name lookup failure")
            } else {
                (HOST_NOT_FOUND, "Unknown host")
            };
            socket.set_error(code);
            call.warn(&format!("Host lookup failed [{code}]: {text}"));
            call.return_false();
            Err(())
        }
        SocketPlan::Refuse { text, errno, warning } => {
            fail_socket_call(call, Some(socket), what, Plan::Refuse { text, errno, warning });
            Err(())
        }
    }
}

/// The argument values ext/sockets accepts for a domain and type; anything else is left
/// to the original function, which throws its own ValueError. PHP 8.5's also takes
/// AF_PACKET on Linux for socket_create() (it defines the constant then): judged, and
/// refused as raw; socket_create_pair() does not (`packet` false).
fn valid_domain_and_type(domain: i64, kind: i64, packet: bool) -> bool {
    let packet = packet && domain == AF_PACKET && zend::long_constant("AF_PACKET") == Some(AF_PACKET);
    (matches!(domain, 1 | 2 | 10) || packet) && kind <= 10
}

/// The socket type without the flags an app may OR into it where ext/sockets takes them:
/// PHP 8.4's defines SOCK_NONBLOCK and SOCK_CLOEXEC and strips them before its own check
/// (so `SOCK_RAW | SOCK_NONBLOCK` is a raw socket, and must be judged as one). PHP 8.2's
/// has neither constant and throws its ValueError for such a type, so there the type is
/// taken as written (and left to that ValueError).
fn base_socket_type(kind: i64) -> i64 {
    kind & !socket_type_flags()
}

/// SOCK_NONBLOCK | SOCK_CLOEXEC as the running ext/sockets defines them (0 where it
/// defines neither), looked up once: a module's constants never change in a process (an
/// app's `define()` of either is not ext/sockets'), and two constant look-ups cost more
/// than the rest of socket_create()'s checks.
fn socket_type_flags() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    const UNKNOWN: i64 = -1;
    static FLAGS: AtomicI64 = AtomicI64::new(UNKNOWN);
    match FLAGS.load(Ordering::Relaxed) {
        UNKNOWN => {
            let flags = ["SOCK_NONBLOCK", "SOCK_CLOEXEC"]
                .iter()
                .filter_map(|name| zend::module_long_constant(name))
                .fold(0, |all, flag| all | flag);
            FLAGS.store(flags, Ordering::Relaxed);
            flags
        }
        flags => flags,
    }
}

fn socket_create(call: &mut Call, original: Original) {
    if !call.parse(c"lll") {
        return;
    }
    let (domain, kind, protocol) = (call.arg_long(1).unwrap_or(0), call.arg_long(2).unwrap_or(0), call.arg_long(3).unwrap_or(0));
    let kind = base_socket_type(kind);
    if valid_domain_and_type(domain, kind, true)
        && refused(call, None, "Unable to create socket", check_socket(domain, kind, protocol), "")
    {
        return;
    }
    new_socket(call, original);
}

fn socket_create_pair(call: &mut Call, original: Original) {
    if !call.parse(c"lllz") {
        return;
    }
    let (domain, kind) = (call.arg_long(1).unwrap_or(0), base_socket_type(call.arg_long(2).unwrap_or(0)));
    let v = Some(state::get().policy().check_pair());
    if valid_domain_and_type(domain, kind, false) && refused(call, None, "Unable to create socket pair", v, "") {
        return;
    }
    original.call(call);
}

/// PHP 8.5's socket_create_listen(), socket_bind() and socket_sendto() throw a ValueError
/// for a port outside 0..=65535 (earlier PHPs truncate it to 16 bits, and so are judged
/// on the port they would use): such a call is left to the original, which throws.
fn port_value_error(call: &Call, arg: u32) -> bool {
    call.arg_long(arg).is_some_and(|port| !(0..=65535).contains(&port))
        && zend::long_constant("PHP_VERSION_ID").is_some_and(|v| v >= 80500)
}

fn socket_create_listen(call: &mut Call, original: Original) {
    if !call.parse(c"l|l") {
        return;
    }
    if port_value_error(call, 1) {
        return original.call(call);
    }
    let v = Some(state::get().policy().check_listen());
    if !refused(call, None, "Unable to create listening socket", v, "") {
        original.call(call);
    }
}

fn socket_listen(call: &mut Call, original: Original) {
    refuse_on_socket(call, original, c"O|l", "Unable to listen on socket");
}

fn socket_accept(call: &mut Call, original: Original) {
    refuse_on_socket(call, original, c"O", "unable to accept incoming connection");
}

fn refuse_on_socket(call: &mut Call, original: Original, spec: &std::ffi::CStr, what: &str) {
    if !call.parse_objects(spec, &[SOCKET]) {
        return;
    }
    let Some(socket) = call.arg_socket(1) else {
        return original.call(call);
    };
    let v = Some(state::get().policy().check_listen());
    if !refused(call, Some(socket), what, v, "") {
        new_socket(call, original);
    }
}

fn socket_bind(call: &mut Call, original: Original) {
    let Some(socket) = socket_call(call, original, c"OS|l") else {
        return;
    };
    if port_value_error(call, 3) {
        return original.call(call);
    }
    let address = call.arg_bytes(2).unwrap_or_default();
    let port = call.arg_long(3).unwrap_or(0) as u16;
    let v = guard::socket_bind_verdict(&address, port);
    let target = format!("{}:{port}", String::from_utf8_lossy(&address));
    if !refused(call, Some(socket), "Unable to bind address", Some(v).filter(|v| !v.allowed), &target) {
        original.call(call);
    }
}

fn socket_addrinfo_bind(call: &mut Call, original: Original) {
    if !call.parse_objects(c"O", &[ADDRESS_INFO]) {
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
    let target = ai.addr.map(|a| a.to_string()).unwrap_or_default();
    if !refused(call, None, "Unable to bind address", Some(verdict).filter(|v| !v.allowed), &target) {
        new_socket(call, original);
    }
}

fn socket_connect(call: &mut Call, original: Original) {
    socket_destination_call(call, original, c"OS|l!", (2, 3), "unable to connect");
}

fn socket_sendto(call: &mut Call, original: Original) {
    socket_destination_call(call, original, c"OSllS|l!", (5, 6), "Unable to write to socket");
}

/// socket_connect and socket_sendto: the destination is arguments (address, port); it is
/// judged, and ext/sockets is handed the checked literal in place of the address.
fn socket_destination_call(call: &mut Call, original: Original, spec: &std::ffi::CStr, (addr_arg, port_arg): (u32, u32), what: &str) {
    let Some(socket) = socket_call(call, original, spec) else {
        return;
    };
    if call.arg_is_null(port_arg)
        || call.arg_long(3).is_some_and(|len| addr_arg == 5 && len < 0)
        || (addr_arg == 5 && port_value_error(call, port_arg))
    {
        // AF_INET and AF_INET6 need a port, socket_sendto a length of at least 0 and (PHP
        // 8.5) a port that fits in 16 bits: the original throws its ValueError.
        return original.call(call);
    }
    let port = call.arg_long(port_arg).unwrap_or(0) as u16;
    guard::begin_call();
    let address = call.arg_str(addr_arg).unwrap_or_default();
    let plan = guard::plan_socket_destination(socket.family(), address, port);
    if let Ok(literal) = apply(call, socket, what, plan) {
        match literal {
            Some(literal) => call.call_with_arg_string(addr_arg, &literal, original),
            None => original.call(call),
        }
        // The clock runs from the end of the connect (or send), on every path: a name
        // handed over as its checked literal or a literal the app wrote.
        idle::restart(idle::Kind::Socket, u64::from(socket.handle()));
    }
}

fn socket_sendmsg(call: &mut Call, original: Original) {
    let Some(socket) = socket_call(call, original, c"Oa|l") else {
        return;
    };
    if call.arg_long(3).is_some_and(|flags| i32::try_from(flags).is_err()) {
        // ext/sockets' own ValueError for flags beyond a C int, before anything is read.
        return original.call(call);
    }
    if call.sendmsg_sets_source_address(2) {
        // IP_PKTINFO / IPV6_PKTINFO choose the source address: a bind by another name.
        let v = appengine_sockets_policy::Verdict::refuse_with(
            appengine_sockets_policy::Rule::Bind,
            "choosing a source address (IP_PKTINFO, IPV6_PKTINFO) is not allowed",
        );
        if refused(call, Some(socket), "Error in sendmsg", Some(v), "") {
            return;
        }
    }
    let Some((address, port)) = call.sendmsg_name(2) else {
        // No destination: a connected socket, already judged at connect.
        return original.call(call);
    };
    // A port ext/sockets would reject (not numeric, out of 0..65535) is left to it: it
    // fails the call without sending.
    let Some(port) = port.filter(|p| (0..=65535).contains(p)) else {
        return original.call(call);
    };
    guard::begin_call();
    let plan = guard::plan_socket_destination(socket.family(), &address, port as u16);
    if let Ok(literal) = apply(call, socket, "Error in sendmsg", plan) {
        let literal = literal.unwrap_or_else(|| std::ffi::CString::new(address).unwrap_or_default());
        call.call_with_sendmsg_name(2, &literal, port, original);
    }
}

fn socket_addrinfo_connect(call: &mut Call, original: Original) {
    if !call.parse_objects(c"O", &[ADDRESS_INFO]) {
        return;
    }
    let Some(ai) = call.arg_addrinfo(1) else {
        return original.call(call);
    };
    let policy = state::get().policy();
    let verdict = match (check_socket(ai.family, ai.socktype, ai.protocol), ai.addr) {
        (Some(v), _) => Some(v),
        (None, Some(sa)) => {
            // The ACL judges it as a connect to each name whose lookup produced it.
            let names = crate::enforce::libc::names::names_for(sa.ip());
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            Some(guard::acl_verdict(policy.check_address(None, sa.ip(), sa.port()), &names, sa.port()).0)
        }
        (None, None) => policy.check_transport(&appengine_sockets_policy::Transport::Unix),
    };
    let target = ai.addr.map(|a| a.to_string()).unwrap_or_default();
    let judged = verdict.map(|v| {
        let asked = guard::Asked {
            target: target.as_bytes(),
            address: ai.addr.map(|a| a.ip()),
            port: ai.addr.map(|a| a.port()),
            acl: None,
        };
        (guard::gate_verdict().unwrap_or(v.clone()), asked)
    });
    if let Some((v, asked)) = judged {
        if let Some(plan) = guard::judge(&v, asked) {
            return fail_socket_call(call, None, "unable to connect", plan);
        }
    }
    if let Some(sa) = ai.addr {
        // Judged here: PHP's own connect is not judged a second time beneath (where the
        // lookup that made this AddressInfo would be judged as a name).
        guard::approve(&[sa.ip()], sa.port());
    }
    new_socket(call, original);
}

/// Functions that return a new Socket: run the original, then forget any mocked options
/// left under the same object handle by a socket that no longer exists, and start the new
/// socket's idle clock.
fn new_socket(call: &mut Call, original: Original) {
    original.call(call);
    if let Some(handle) = call.returned_object_handle() {
        OPTIONS.with(|o| o.borrow_mut().retain(|k, _| k.0 != handle));
        idle::start(idle::Kind::Socket, u64::from(handle));
    }
}

/// ext/sockets' error for a name that does not resolve (-10000 - HOST_NOT_FOUND).
const HOST_NOT_FOUND: i32 = -10001;
/// ext/sockets' error for a temporary lookup failure (-10000 - TRY_AGAIN).
const TRY_AGAIN: i32 = -10002;

/// ETIMEDOUT: what socket_last_error() says after a reclaim.
const ETIMEDOUT: i32 = 110;

/// Touch a Socket's clock; a socket idle past the timeout has its connection shut down.
fn socket_touch(socket: SocketRef) -> idle::Activity {
    let activity = idle::touch(idle::Kind::Socket, u64::from(socket.handle()));
    if let idle::Activity::ReclaimNow(_) = activity {
        crate::zend::reclaim_fd(socket.fd());
    }
    activity
}

/// An operation on a Socket: restart its idle clock, or (idle longer than
/// appengine_sockets.idle_timeout) close its connection and fail with a warning and
/// socket_last_error() ETIMEDOUT.
fn socket_alive(call: &mut Call, socket: SocketRef) -> bool {
    match idle::failure(socket_touch(socket)) {
        None => true,
        Some(message) => {
            socket.set_error(ETIMEDOUT);
            call.warn(&message);
            call.return_false();
            false
        }
    }
}

/// socket_read, socket_write, socket_recv, ...: operations that only need the idle clock,
/// restarted again when the operation returns (a blocking read is not idle time).
fn socket_operation(call: &mut Call, original: Original) {
    match call.arg_socket(1) {
        Some(socket) if !socket_alive(call, socket) => {}
        Some(socket) => {
            original.call(call);
            idle::restart(idle::Kind::Socket, u64::from(socket.handle()));
        }
        None => original.call(call),
    }
}

/// socket_close: the socket is gone.
fn socket_close(call: &mut Call, original: Original) {
    if let Some(socket) = call.arg_socket(1) {
        idle::forget(idle::Kind::Socket, u64::from(socket.handle()));
    }
    original.call(call);
}

/// socket_select: an operation on every socket it watches (their clocks restart; one
/// idle past the timeout has its connection shut down, so select reports it readable and
/// the read that follows fails with the reclaim warning).
fn socket_select(call: &mut Call, original: Original) {
    let mut watched = Vec::new();
    for n in 1..=3 {
        for socket in call.arg_sockets(n) {
            socket_touch(socket);
            watched.push(socket.handle());
        }
    }
    original.call(call);
    for handle in watched {
        idle::restart(idle::Kind::Socket, u64::from(handle));
    }
}

/// Lower-case class names for `O` argument specs.
const SOCKET: &std::ffi::CStr = c"socket";
const ADDRESS_INFO: &std::ffi::CStr = c"addressinfo";

/// A mocked option's remembered value.
#[derive(Clone, Copy, Debug)]
enum Mock {
    Int(i64),
    Linger(i64, i64),
}

thread_local! {
    /// Mocked option values by (socket object handle, level, option).
    static OPTIONS: RefCell<idle::KeyMap<(u32, i64, i64), Mock>> = RefCell::new(idle::KeyMap::default());
}

/// Forget every remembered option (at request end, when the request's sockets are gone).
pub fn forget_socket_options() {
    OPTIONS.with(|o| o.borrow_mut().clear());
}

fn unsupported_option(call: &mut Call, socket: SocketRef, what: &str, level: i64, name: i64) {
    let text = format!("{} is not supported on App Engine", option_name(level, name));
    fail_socket_call(call, Some(socket), what, Plan::Refuse { text, errno: ENOPROTOOPT, warning: None });
}

/// The common start of a function whose first argument is a Socket: arguments parsed, a
/// live Socket, its clock restarted; `None` when the call was answered (or handed to the
/// original, which throws its own error for a bad or closed Socket) already.
fn socket_call(call: &mut Call, original: Original, spec: &std::ffi::CStr) -> Option<SocketRef> {
    if !call.parse_objects(spec, &[SOCKET]) {
        return None;
    }
    let Some(socket) = call.arg_socket(1) else {
        original.call(call);
        return None;
    };
    socket_alive(call, socket).then_some(socket)
}

/// socket_set_option and socket_get_option: the Socket, the level and the option.
fn option_call(call: &mut Call, original: Original, spec: &std::ffi::CStr) -> Option<(SocketRef, i64, i64)> {
    let socket = socket_call(call, original, spec)?;
    Some((socket, call.arg_long(2).unwrap_or(0), call.arg_long(3).unwrap_or(0)))
}

fn socket_set_option(call: &mut Call, original: Original) {
    let Some((socket, level, name)) = option_call(call, original, c"Ollz") else {
        return;
    };
    let option = socket_option(level, name);
    let value = match option {
        SocketOption::Int { .. } => Mock::Int(option.read_back(call.arg_zval_long(4)).unwrap_or(0)),
        SocketOption::Linger => match linger_values(call) {
            Some([on, linger]) => {
                let previous = match OPTIONS.with(|o| o.borrow().get(&(socket.handle(), level, name)).copied()) {
                    Some(Mock::Linger(on, linger)) => (on, linger),
                    _ => (0, 0),
                };
                let (on, linger) = linger_read_back(on, linger, previous);
                Mock::Linger(on, linger)
            }
            None => return,
        },
        SocketOption::Unsupported => {
            if validate_option_value(call, level, name) {
                unsupported_option(call, socket, "Unable to set socket option", level, name);
            }
            return;
        }
    };
    OPTIONS.with(|o| o.borrow_mut().insert((socket.handle(), level, name), value));
    call.return_true();
}

/// An option that is refused is still read as ext/sockets reads it first, so bad input
/// gets stock PHP's ValueError (or conversion warning) before the refusal: false when
/// the ValueError was thrown. (The value conversions of the multicast group and
/// IPV6_PKTINFO-style options are not repeated: those options are refused as given.)
fn validate_option_value(call: &mut Call, level: i64, name: i64) -> bool {
    const IPPROTO_IP: i64 = 0;
    const IPPROTO_IPV6: i64 = 41;
    match (level, name) {
        // IP_MULTICAST_TTL, IPV6_MULTICAST_HOPS: ext/sockets' range checks.
        (IPPROTO_IP, 33) => in_range(call, 0, 255),
        (IPPROTO_IPV6, 18) => in_range(call, -1, 255),
        // The rest of ext/sockets' IPv4/IPv6 multicast options, IPV6_PKTINFO and
        // TCP_CONGESTION: their own conversions, not repeated here.
        (IPPROTO_IP, 32 | 34 | 42..=47) | (IPPROTO_IPV6, 17 | 19 | 42..=47 | 50) | (6, 13) => true,
        // Any other option at these two levels: ext/sockets' plain int conversion.
        (IPPROTO_IP | IPPROTO_IPV6, _) => {
            call.arg_zval_long(4);
            true
        }
        // SO_LINGER, SO_RCVTIMEO/SO_SNDTIMEO at any other level: the keys they need.
        (_, 13) => linger_values(call).is_some(),
        (_, 20) => call.option_array_longs(4, "SO_RCVTIMEO", ["sec", "usec"]).is_some(),
        (_, 21) => call.option_array_longs(4, "SO_SNDTIMEO", ["sec", "usec"]).is_some(),
        // SO_BINDTODEVICE takes a string as it is.
        (_, 25) => true,
        _ => {
            call.arg_zval_long(4);
            true
        }
    }
}

/// SO_LINGER's `l_onoff` and `l_linger`, read as the running ext/sockets reads them: PHP
/// 8.4's throws a ValueError for either outside 0..=65535 (after finding both keys); 8.2's
/// narrows them to unsigned short.
fn linger_values(call: &mut Call) -> Option<[i64; 2]> {
    let values = call.option_array_longs(4, "SO_LINGER", ["l_onoff", "l_linger"])?;
    #[cfg(php84)]
    for (key, v) in ["l_onoff", "l_linger"].into_iter().zip(values) {
        if !(0..=65535).contains(&v) {
            zend::value_error(4, &format!("\"{key}\" must be between 0 and 65535"));
            return None;
        }
    }
    Some(values)
}

fn in_range(call: &mut Call, min: i64, max: i64) -> bool {
    let value = call.arg_zval_long(4);
    if (min..=max).contains(&value) {
        return true;
    }
    value_error(4, &format!("must be between {min} and {max}"));
    false
}

fn socket_get_option(call: &mut Call, original: Original) {
    let Some((socket, level, name)) = option_call(call, original, c"Oll") else {
        return;
    };
    let remembered = OPTIONS.with(|o| o.borrow().get(&(socket.handle(), level, name)).copied());
    match (socket_option(level, name), remembered) {
        (SocketOption::Unsupported, _) => unsupported_option(call, socket, "Unable to retrieve socket option", level, name),
        (_, Some(Mock::Int(v))) => call.return_long(v),
        (_, Some(Mock::Linger(on, linger))) => call.return_linger(on, linger),
        (SocketOption::Int { default, .. }, None) => call.return_long(default),
        (SocketOption::Linger, None) => call.return_linger(0, 0),
    }
}

