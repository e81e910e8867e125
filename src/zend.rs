//! Every `unsafe` line of the extension: the Zend API as this crate uses it.
//!
//! Two enforcement points, both installed at module start-up and removed at shutdown:
//!
//! * **Function handlers.** For each function in [`crate::functions::REPLACED`] the
//!   internal function's `handler` is swapped for one that runs the function's logic with a
//!   [`Call`] and the saved [`Original`]. This is where function-level rules live (listen,
//!   pairs, datagram destinations, `$errno`).
//! * **Stream transports.** Every factory registered with `php_stream_xport_register`
//!   (`tcp`, `udp`, `ssl`, `tls*`, `unix`, `udg` and any other) is wrapped. A stream the
//!   factory makes gets a copy of its ops table whose `set_option` intercepts the first
//!   transport operation: a connect is judged by the policy core, then handed to the
//!   original ops with the *checked literal address* in place of the app's host name, so
//!   PHP's own code makes the connection without resolving the name again. Connect and
//!   bind run with the transport's own ops pointer (PHP's code tells UDP from TCP by it);
//!   afterwards the copy forwards every operation to the original ops, restarting the
//!   stream's idle clock (see `crate::idle`). Because TLS streams keep the host name
//!   they were created with (openssl stores it at factory time), certificate verification
//!   and SNI still use the name the app wrote. Every path that opens a socket through
//!   `php_stream_xport_create` (fsockopen, stream_socket_client, the http:// and ftp://
//!   wrappers, mysqlnd, ...) comes through here.

#![allow(unsafe_code)]

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use appengine_sockets_policy::Transport;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::ffi::{
    self, php_stream, php_stream_context, php_stream_ops, zend_execute_data, zend_function, zend_long, zend_reference,
    zend_resource, zend_string, zval, HashTable,
};
use ext_php_rs::types::{ZendStr, Zval};

use crate::guard::{self, Plan};

// ---------------------------------------------------------------------------------------
// Declarations the ext-php-rs bindings do not carry (php_streams.h, php_stream_transport.h,
// zend_API.h of PHP 8.x; the layouts are stable across 8.0-8.4).

const PHP_STREAM_OPTION_XPORT_API: c_int = 7;
const PHP_STREAM_OPTION_RETURN_OK: c_int = 0;
const PHP_STREAM_OPTION_RETURN_ERR: c_int = -1;
const PHP_STREAM_OPTION_CHECK_LIVENESS: c_int = 12;
const SHUT_RDWR: c_int = 2;
const STREAM_XPORT_SERVER: c_int = 1;

const STREAM_XPORT_OP_BIND: c_int = 0;
const STREAM_XPORT_OP_CONNECT: c_int = 1;
const STREAM_XPORT_OP_LISTEN: c_int = 2;
const STREAM_XPORT_OP_ACCEPT: c_int = 3;
const STREAM_XPORT_OP_CONNECT_ASYNC: c_int = 4;

const E_WARNING: c_int = 2;
const E_NOTICE: c_int = 8;
const E_CORE_WARNING: c_int = 32;

#[repr(C)]
struct Timeval {
    tv_sec: i64,
    tv_usec: i64,
}

#[repr(C)]
struct XportInputs {
    name: *mut c_char,
    namelen: usize,
    timeout: *mut Timeval,
    addr: *mut c_void,
    buf: *mut c_char,
    buflen: usize,
    addrlen: u32,
    backlog: c_int,
    flags: c_int,
}

#[repr(C)]
struct XportOutputs {
    client: *mut php_stream,
    addr: *mut c_void,
    addrlen: u32,
    textaddr: *mut zend_string,
    error_text: *mut zend_string,
    returncode: c_int,
    error_code: c_int,
}

/// `php_stream_xport_param`.
#[repr(C)]
struct XportParam {
    op: c_int,
    /// Bit-fields: want_addr:1, want_textaddr:1, want_errortext:1, how:2.
    bits: c_uint,
    inputs: XportInputs,
    outputs: XportOutputs,
}

const WANT_ERRORTEXT: c_uint = 1 << 2;

type Factory = unsafe extern "C" fn(
    proto: *const c_char,
    protolen: usize,
    resourcename: *const c_char,
    resourcenamelen: usize,
    persistent_id: *const c_char,
    options: c_int,
    flags: c_int,
    timeout: *mut Timeval,
    context: *mut php_stream_context,
) -> *mut php_stream;

type Handler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);

extern "C" {
    fn php_stream_xport_get_hash() -> *mut HashTable;
    fn php_stream_context_get_option(
        context: *mut php_stream_context,
        wrappername: *const c_char,
        optionname: *const c_char,
    ) -> *mut zval;
    fn zend_try_assign_typed_ref_long(reference: *mut zend_reference, lval: zend_long) -> c_int;
    fn zend_parse_parameters(num_args: u32, type_spec: *const c_char, ...) -> c_int;
    fn zend_argument_value_error(arg_num: u32, format: *const c_char, ...);
    static mut module_registry: HashTable;
    fn zend_ini_string_ex(name: *const c_char, name_length: usize, orig: c_int, exists: *mut bool) -> *mut c_char;
    fn get_active_function_name() -> *const c_char;
    fn zend_error(type_: c_int, format: *const c_char, ...);
    fn shutdown(fd: c_int, how: c_int) -> c_int;
    fn php_file_le_pstream() -> c_int;
}

// ---------------------------------------------------------------------------------------
// Small helpers.

fn warn(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { ffi::php_error_docref(ptr::null(), E_WARNING, c"%s".as_ptr(), text.as_ptr()) };
}

/// Raise an E_NOTICE attributed to the running function.
pub fn notice(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { ffi::php_error_docref(ptr::null(), E_NOTICE, c"%s".as_ptr(), text.as_ptr()) };
}

/// Raise an E_CORE_WARNING at start-up.
pub fn startup_warning(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { zend_error(E_CORE_WARNING, c"%s".as_ptr(), text.as_ptr()) };
}

/// The current value of an ini setting, if it exists.
pub fn ini_string(name: &CStr) -> Option<String> {
    let mut exists = false;
    // SAFETY: a NUL-terminated name; the returned value is owned by the ini table.
    unsafe {
        let v = zend_ini_string_ex(name.as_ptr(), name.to_bytes().len(), 0, &mut exists);
        (exists && !v.is_null()).then(|| CStr::from_ptr(v).to_string_lossy().into_owned())
    }
}

/// The SAPI's name ("cli", "cli-server", "fpm-fcgi", ...).
pub fn sapi_name() -> String {
    // SAFETY: sapi_module is set before any module starts.
    unsafe {
        let p = ffi::sapi_module.name;
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    }
}

/// The PHP function running now ("fsockopen"), or "" outside a call.
pub fn active_function_name() -> String {
    // SAFETY: returns a NUL-terminated name or null.
    unsafe {
        let p = get_active_function_name();
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    }
}

fn new_zend_string(s: &str) -> *mut zend_string {
    ZendStr::new(s, false).into_raw()
}

/// # Safety
/// `s` is null or a zend_string this code owns.
unsafe fn release_zend_string(s: *mut zend_string) {
    if !s.is_null() {
        drop(unsafe { ZBox::from_raw(s) });
    }
}

// ---------------------------------------------------------------------------------------
// Replaced functions.

/// One PHP call in progress: the frame and return value of a replaced function.
pub struct Call {
    ex: *mut zend_execute_data,
    rv: *mut zval,
}

/// The handler a replaced function had before the extension started.
#[derive(Clone, Copy)]
pub struct Original(Handler);

impl Original {
    /// Run the original function on this call, as if it had not been replaced.
    pub fn call(self, call: &mut Call) {
        // SAFETY: the frame and return value are the ones PHP gave the replaced handler.
        unsafe { (self.0)(call.ex, call.rv) }
    }
}

impl Call {
    fn num_args(&self) -> u32 {
        // SAFETY: `ex` is a live frame (ZEND_CALL_NUM_ARGS).
        unsafe { (*self.ex).This.u2.num_args }
    }

    /// Argument `n` (1-based), as PHP's ZEND_CALL_ARG finds it.
    fn arg_ptr(&self, n: u32) -> Option<*mut zval> {
        if n == 0 || n > self.num_args() {
            return None;
        }
        let slot = std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
        // SAFETY: arguments follow the frame header, and n <= num_args.
        Some(unsafe { (self.ex as *mut zval).add(slot + n as usize - 1) })
    }

    /// The string value of argument `n`, if it is a string.
    pub fn arg_bytes(&self, n: u32) -> Option<Vec<u8>> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { &*p };
        zv.dereference().zend_str().map(|s| s.as_bytes().to_vec())
    }

    /// Run `original` with argument `n` replaced by a string (the checked literal).
    pub fn call_with_arg_string(&mut self, n: u32, value: &CStr, original: Original) {
        let mut z = Zval::new();
        let _ = z.set_string(&value.to_string_lossy(), false);
        self.call_with_arg(n, z, original);
    }

    /// Run `original` with argument `n` replaced by `replacement`, then release the
    /// replacement and put the app's argument back. (The frame keeps ownership of what the
    /// caller passed: the JIT skips freeing arguments it knows are literals, so a value left
    /// in the slot would leak.)
    fn call_with_arg(&mut self, n: u32, replacement: Zval, original: Original) {
        let Some(p) = self.arg_ptr(n) else {
            drop(replacement);
            return original.call(self);
        };
        // SAFETY: a live argument slot of this frame. The app's zval is moved out bitwise
        // (no refcount change) and moved back after the call; ours is dropped (released).
        unsafe {
            let saved = std::mem::ManuallyDrop::new(ptr::read(p));
            ptr::write(p, replacement);
            original.call(self);
            drop(ptr::read(p));
            ptr::write(p, std::mem::ManuallyDrop::into_inner(saved));
        }
    }

    /// Assign an integer through the by-reference argument `n`, as ZEND_TRY_ASSIGN_REF_LONG.
    pub fn assign_ref_long(&mut self, n: u32, value: i64) {
        if let Some(p) = self.arg_ptr(n) {
            // SAFETY: by-reference arguments arrive as IS_REFERENCE zvals.
            unsafe {
                let zv: &mut Zval = &mut *p;
                if zv.is_reference() {
                    zend_try_assign_typed_ref_long(zv.value.ref_, value);
                }
            }
        }
    }

    /// Return `false` from the call.
    pub fn return_false(&mut self) {
        // SAFETY: the return value slot PHP gave the handler.
        unsafe { (*self.rv).set_bool(false) };
    }

    /// Raise an E_WARNING attributed to the running function ("fsockopen(): ...").
    pub fn warn(&self, message: &str) {
        warn(message);
    }

    /// Validate (and, in weak mode, coerce in place) the arguments as
    /// `zend_parse_parameters(spec)` would, with PHP's own TypeError/ArgumentCountError on
    /// failure. After it succeeds the arguments in the frame have their declared types,
    /// so what the policy reads is what the original function will read.
    ///
    /// Integer arguments (`l`) are written back into the frame as the integers zpp
    /// computed (zpp converts strings and floats only into its output), so a later read
    /// and the original function both see the very port or number the policy judged.
    ///
    /// Only the letters `l S z o a r`, `|` and `!` (after `l` or a pointer letter) are
    /// accepted; each writes one machine word, `l!` two. Twelve pointer slots are always
    /// passed, more than any accepted spec of this crate consumes.
    pub fn parse(&mut self, spec: &CStr) -> bool {
        let bytes = spec.to_bytes();
        let ok = bytes.iter().all(|c| b"lSzoar|!".contains(c))
            && bytes.windows(2).all(|w| w[1] != b'!' || b"lSzoar".contains(&w[0]));
        let slots = bytes.iter().filter(|c| b"lSzoar".contains(c)).count()
            + bytes.windows(2).filter(|w| w == b"l!").count();
        if !ok || slots > 12 {
            return false;
        }
        let mut store = [0u64; 12];
        let p = store.as_mut_ptr();
        let n = self.num_args();
        // SAFETY: every accepted letter writes one word (or, for s/p and the `!` flag, one
        // extra word) through the next pointer; all twelve point into `store`.
        let rc = unsafe {
            zend_parse_parameters(
                n,
                spec.as_ptr(),
                p,
                p.add(1),
                p.add(2),
                p.add(3),
                p.add(4),
                p.add(5),
                p.add(6),
                p.add(7),
                p.add(8),
                p.add(9),
                p.add(10),
                p.add(11),
            )
        };
        if rc != 0 {
            return false;
        }
        // Write the integers back into the frame.
        let (mut arg, mut slot, n_args) = (1u32, 0usize, self.num_args());
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let nullable = bytes.get(i + 1) == Some(&b'!');
            match c {
                b'|' | b'!' => {}
                b'l' => {
                    let is_null = nullable && store[slot + 1] & 0xff != 0;
                    if arg <= n_args && !is_null {
                        if let Some(p) = self.arg_ptr(arg) {
                            // SAFETY: a live argument zval owned by the frame.
                            unsafe { (*p).set_long(store[slot] as i64) };
                        }
                    }
                    slot += if nullable { 2 } else { 1 };
                    arg += 1;
                }
                _ => {
                    slot += 1;
                    arg += 1;
                }
            }
            i += 1;
        }
        true
    }

    /// Integer argument `n`, if it is an int.
    pub fn arg_long(&self, n: u32) -> Option<i64> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        unsafe { (*p).dereference().long() }
    }

    /// Argument `n` converted to int as `zval_get_long` would.
    pub fn arg_coerce_long(&self, n: u32) -> i64 {
        // SAFETY: a live argument zval.
        self.arg_ptr(n)
            .and_then(|p| unsafe { (*p).dereference().coerce_to_long() })
            .unwrap_or(0)
    }

    /// Whether argument `n` is absent or null.
    pub fn arg_is_null(&self, n: u32) -> bool {
        // SAFETY: a live argument zval.
        self.arg_ptr(n).is_none_or(|p| unsafe { (*p).dereference().is_null() })
    }

    /// Argument `n` as an open ext/sockets `Socket`, if it is one (a closed Socket is
    /// left to the original function, which throws its own Error).
    pub fn arg_socket(&self, n: u32) -> Option<SocketRef> {
        let obj = self.arg_object(n, c"socket")?;
        let s = SocketRef(obj);
        (s.fd() >= 0).then_some(s)
    }

    /// Argument `n` as an ext/sockets `AddressInfo`: its family, type, protocol and
    /// destination (a literal socket address; no name is left in it).
    pub fn arg_addrinfo(&self, n: u32) -> Option<AddrInfo> {
        let obj = self.arg_object(n, c"addressinfo")?;
        // SAFETY: an AddressInfo object is a php_addrinfo { struct addrinfo; zend_object std; }.
        unsafe {
            let ai = &*((obj as *mut u8).sub(std::mem::size_of::<CAddrInfo>()) as *const CAddrInfo);
            Some(AddrInfo {
                family: i64::from(ai.ai_family),
                socktype: i64::from(ai.ai_socktype),
                protocol: i64::from(ai.ai_protocol),
                addr: sockaddr_to_std(ai.ai_addr, ai.ai_addrlen),
            })
        }
    }

    fn arg_object(&self, n: u32, class_lc: &CStr) -> Option<*mut ffi::zend_object> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval; class entries live for the process.
        unsafe {
            let zv = (*p).dereference();
            if !zv.is_object() {
                return None;
            }
            let obj = zv.value.obj;
            let ce = class_entry(class_lc)?;
            ((*obj).ce == ce).then_some(obj)
        }
    }

    /// The open Sockets in the array argument `n` (by reference, as socket_select takes).
    pub fn arg_sockets(&self, n: u32) -> Vec<SocketRef> {
        let Some(p) = self.arg_ptr(n) else { return Vec::new() };
        let Some(ce) = class_entry(c"socket") else { return Vec::new() };
        // SAFETY: a live argument zval; its array's values are live zvals.
        unsafe {
            let Some(arr) = (*p).dereference().array() else { return Vec::new() };
            arr.values()
                .filter_map(|v| {
                    let v = v.dereference();
                    if !v.is_object() || (*v.value.obj).ce != ce {
                        return None;
                    }
                    let s = SocketRef(v.value.obj);
                    (s.fd() >= 0).then_some(s)
                })
                .collect()
        }
    }

    /// Whether `socket_sendmsg()`'s `$message["control"]` carries IP_PKTINFO or
    /// IPV6_PKTINFO, which pick the datagram's source address.
    pub fn sendmsg_sets_source_address(&self, n: u32) -> bool {
        const PKTINFO: &[(i64, i64)] = &[(0, 8), (41, 50)];
        let Some(p) = self.arg_ptr(n) else { return false };
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let Some(control) = zv.array().and_then(|m| m.get("control")).and_then(Zval::array) else {
            return false;
        };
        control.values().filter_map(Zval::array).any(|cmsg| {
            let level = cmsg.get("level").and_then(Zval::coerce_to_long);
            let kind = cmsg.get("type").and_then(Zval::coerce_to_long);
            matches!((level, kind), (Some(l), Some(t)) if PKTINFO.contains(&(l, t)))
        })
    }

    /// `socket_sendmsg()`'s destination: `$message["name"]["addr"]` and `["port"]`.
    pub fn sendmsg_name(&self, n: u32) -> Option<(Vec<u8>, Option<i64>)> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let name = zv.array()?.get("name")?.array()?;
        let addr = name.get("addr")?.dereference();
        // A non-string address is coerced as ext/sockets would; one that cannot be is
        // judged as the empty name, which is refused.
        let addr = match addr.zend_str() {
            Some(s) => s.as_bytes().to_vec(),
            None => addr.coerce_to_string().unwrap_or_default().into_bytes(),
        };
        let port = match name.get("port").map(Zval::dereference) {
            None => Some(0),
            Some(p) => ext_sockets_integer(p),
        };
        Some((addr, port))
    }

    /// Replace `$message["name"]` with a copy whose `addr` is `literal` and whose `port` is
    /// the integer the policy judged (the app's array is never modified).
    pub fn call_with_sendmsg_name(&mut self, n: u32, literal: &CStr, port: i64, original: Original) {
        let copy = self.arg_ptr(n).and_then(|p| {
            // SAFETY: a live argument zval.
            let zv: &Zval = unsafe { (*p).dereference() };
            let message = zv.array()?;
            let mut name = message.get("name").and_then(Zval::array)?.to_owned();
            let mut message = message.to_owned();
            name.insert("addr", literal.to_string_lossy().as_ref()).ok()?;
            name.insert("port", port).ok()?;
            message.insert("name", name).ok()?;
            Some(message)
        });
        match copy {
            Some(message) => {
                let mut z = Zval::new();
                z.set_hashtable(message);
                self.call_with_arg(n, z, original);
            }
            None => original.call(self),
        }
    }

    /// Return an int.
    pub fn return_long(&mut self, value: i64) {
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_long(value) };
    }

    /// Return `true`.
    pub fn return_true(&mut self) {
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_bool(true) };
    }

    /// Return `['l_onoff' => on, 'l_linger' => linger]`, as socket_get_option(SO_LINGER).
    pub fn return_linger(&mut self, on: i64, linger: i64) {
        let mut arr = ext_php_rs::types::ZendHashTable::new();
        let _ = arr.insert("l_onoff", on);
        let _ = arr.insert("l_linger", linger);
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_hashtable(arr) };
    }

    /// The object handle of the returned object, if the call returned one.
    pub fn returned_object_handle(&self) -> Option<u32> {
        // SAFETY: the return value slot, after the original ran.
        unsafe {
            let rv = &*self.rv;
            rv.is_object().then(|| (*rv.value.obj).handle)
        }
    }

    /// `SO_LINGER`'s array value for socket_set_option: `(l_onoff, l_linger)`, or a
    /// ValueError exactly as ext/sockets throws it when a key is missing.
    pub fn linger_arg(&mut self, n: u32) -> Option<(i64, i64)> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let Some(arr) = zv.array() else {
            value_error(n, "must be of type array");
            return None;
        };
        for key in ["l_onoff", "l_linger"] {
            if arr.get(key).is_none() {
                value_error(n, &format!("must have key \"{key}\""));
                return None;
            }
        }
        let get = |k: &str| arr.get(k).and_then(Zval::coerce_to_long).unwrap_or(0);
        Some((get("l_onoff"), get("l_linger")))
    }
}

/// An integer as ext/sockets' conversions read one (`from_zval_integer_common`): ints as
/// they are, floats truncated, numeric strings (ints or floats, surrounding white space
/// allowed) by value; anything else is None (ext/sockets raises an error for it).
fn ext_sockets_integer(v: &Zval) -> Option<i64> {
    if let Some(l) = v.long() {
        return Some(l);
    }
    if let Some(d) = v.double() {
        return d.is_finite().then_some(d as i64);
    }
    let s = v.zend_str()?;
    let text = std::str::from_utf8(s.as_bytes()).ok()?;
    let t = text.trim_matches(|c: char| " \t\n\r\x0b\x0c".contains(c));
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) {
        return None;
    }
    t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().filter(|d| d.is_finite()).map(|d| d as i64))
}

/// An ext/sockets `Socket` object.
#[derive(Clone, Copy)]
pub struct SocketRef(*mut ffi::zend_object);

/// `php_socket` (ext/sockets/php_sockets.h).
#[repr(C)]
struct PhpSocket {
    bsd_socket: c_int,
    kind: c_int,
    error: c_int,
    blocking: c_int,
    zstream: zval,
    std: ffi::zend_object,
}

impl SocketRef {
    fn inner(self) -> *mut PhpSocket {
        // SAFETY: socket_from_obj: the zend_object is the `std` member of a php_socket.
        unsafe { (self.0 as *mut u8).sub(std::mem::offset_of!(PhpSocket, std)) as *mut PhpSocket }
    }

    /// The socket's address family (`AF_INET`, `AF_INET6`, ...).
    pub fn family(self) -> i64 {
        // SAFETY: a live Socket.
        i64::from(unsafe { (*self.inner()).kind })
    }

    /// The descriptor (-1 once closed).
    pub fn fd(self) -> c_int {
        // SAFETY: a live Socket.
        unsafe { (*self.inner()).bsd_socket }
    }

    /// The object handle, which identifies the socket within a request.
    ///
    /// (See [`Call::arg_sockets`] for arrays of sockets.)
    pub fn handle(self) -> u32 {
        // SAFETY: a live object.
        unsafe { (*self.0).handle }
    }

    /// Record an error as PHP_SOCKET_ERROR does: on the socket and in socket_last_error().
    pub fn set_error(self, errno: i32) {
        // SAFETY: a live Socket.
        unsafe { (*self.inner()).error = errno };
        set_sockets_last_error(errno);
    }
}

/// What an `AddressInfo` holds.
#[derive(Clone, Debug)]
pub struct AddrInfo {
    /// `ai_family`.
    pub family: i64,
    /// `ai_socktype`.
    pub socktype: i64,
    /// `ai_protocol`.
    pub protocol: i64,
    /// `ai_addr`, when it is an IPv4 or IPv6 address.
    pub addr: Option<std::net::SocketAddr>,
}

/// glibc's `struct addrinfo`.
#[repr(C)]
struct CAddrInfo {
    ai_flags: c_int,
    ai_family: c_int,
    ai_socktype: c_int,
    ai_protocol: c_int,
    ai_addrlen: u32,
    ai_addr: *const u8,
    ai_canonname: *mut c_char,
    ai_next: *mut CAddrInfo,
}

/// # Safety
/// `sa` is null or points to `len` readable bytes of a sockaddr.
unsafe fn sockaddr_to_std(sa: *const u8, len: u32) -> Option<std::net::SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
    if sa.is_null() || len < 2 {
        return None;
    }
    // SAFETY: as documented; sockaddr_in is 16 bytes, sockaddr_in6 28.
    unsafe {
        let family = u16::from_ne_bytes([*sa, *sa.add(1)]);
        let port = u16::from_be_bytes([*sa.add(2), *sa.add(3)]);
        match i64::from(family) {
            2 if len >= 16 => {
                let b = std::slice::from_raw_parts(sa.add(4), 4);
                Some(SocketAddr::from((Ipv4Addr::new(b[0], b[1], b[2], b[3]), port)))
            }
            10 if len >= 28 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(std::slice::from_raw_parts(sa.add(8), 16));
                Some(SocketAddr::from((Ipv6Addr::from(b), port)))
            }
            _ => None,
        }
    }
}

fn class_entry(name_lc: &CStr) -> Option<*mut ffi::zend_class_entry> {
    // SAFETY: CG(class_table) holds the process's internal classes.
    unsafe {
        let table = ffi::compiler_globals.class_table;
        if table.is_null() {
            return None;
        }
        let ce = ffi::zend_hash_str_find_ptr_lc(table, name_lc.as_ptr(), name_lc.to_bytes().len()) as *mut ffi::zend_class_entry;
        (!ce.is_null()).then_some(ce)
    }
}

fn value_error(arg: u32, message: &str) {
    let text = CString::new(message).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated argument.
    unsafe { zend_argument_value_error(arg, c"%s".as_ptr(), text.as_ptr()) };
}

/// Set ext/sockets' `socket_last_error()`, found through its module entry (its globals are
/// not a symbol this library can link against, since sockets may load after it).
pub fn set_sockets_last_error(errno: i32) {
    // SAFETY: the module registry lives for the process; sockets' globals begin with
    // `int last_error` (ZEND_BEGIN_MODULE_GLOBALS(sockets)).
    unsafe {
        let m = ffi::zend_hash_str_find_ptr_lc(ptr::addr_of_mut!(module_registry), c"sockets".as_ptr(), 7)
            as *mut ffi::zend_module_entry;
        if m.is_null() || (*m).globals_ptr.is_null() {
            return;
        }
        *((*m).globals_ptr as *mut c_int) = errno;
    }
}

/// A replaced function: its name, its logic, and where the original handler is kept.
pub struct Replaced {
    /// The PHP function name.
    pub name: &'static str,
    /// The replacement handler.
    handler: Handler,
    /// The original handler, 0 until installed.
    original: &'static AtomicUsize,
}

/// The logic of a replaced function.
pub type Logic = fn(&mut Call, Original);

/// # Safety
/// Called only by PHP as an internal function handler.
#[doc(hidden)]
pub unsafe fn dispatch(ex: *mut zend_execute_data, rv: *mut zval, original: &AtomicUsize, logic: Logic) {
    let raw = original.load(Ordering::Acquire);
    if raw == 0 {
        return;
    }
    // SAFETY: only ever stored from a valid handler pointer in `install_functions`.
    let original = Original(unsafe { std::mem::transmute::<usize, Handler>(raw) });
    let mut call = Call { ex, rv };
    logic(&mut call, original);
}

/// Build the table of replaced functions: `replaced_functions![name => logic, ...]`.
macro_rules! replaced_functions {
    ($($name:ident => $logic:path),* $(,)?) => {
        &[$({
            static ORIGINAL: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);
            #[allow(unsafe_code)]
            unsafe extern "C" fn handler(ex: *mut ::ext_php_rs::ffi::zend_execute_data, rv: *mut ::ext_php_rs::ffi::zval) {
                // SAFETY: PHP calls this as the function's handler.
                unsafe { $crate::zend::dispatch(ex, rv, &ORIGINAL, $logic) }
            }
            $crate::zend::Replaced::new(stringify!($name), handler, &ORIGINAL)
        }),*]
    };
}
pub(crate) use replaced_functions;

impl Replaced {
    #[doc(hidden)]
    pub const fn new(name: &'static str, handler: Handler, original: &'static AtomicUsize) -> Self {
        Replaced {
            name,
            handler,
            original,
        }
    }
}

fn find_function(name: &str) -> Option<*mut zend_function> {
    // SAFETY: CG(function_table) is the process-wide table of internal functions.
    unsafe {
        let table = ffi::compiler_globals.function_table;
        if table.is_null() {
            return None;
        }
        let zv = ffi::zend_hash_str_find(table, name.as_ptr().cast(), name.len());
        if zv.is_null() {
            return None;
        }
        let f = (*zv).value.ptr as *mut zend_function;
        (!f.is_null() && (*f).type_ == ffi::ZEND_INTERNAL_FUNCTION as u8).then_some(f)
    }
}

/// Swap in the replacement handlers. Functions whose extension is not loaded are skipped.
pub fn install_functions(table: &[Replaced]) {
    for r in table {
        let Some(f) = find_function(r.name) else { continue };
        // SAFETY: an internal function of this process; handlers are swapped at start-up,
        // before any request runs.
        unsafe {
            let current = (*f).internal_function.handler;
            if let Some(h) = current {
                if h as usize != r.handler as usize {
                    r.original.store(h as usize, Ordering::Release);
                    (*f).internal_function.handler = Some(r.handler);
                }
            }
        }
    }
}

/// Put the original handlers back.
pub fn restore_functions(table: &[Replaced]) {
    for r in table {
        let raw = r.original.load(Ordering::Acquire);
        let Some(f) = find_function(r.name) else { continue };
        if raw == 0 {
            continue;
        }
        // SAFETY: as in install_functions; `raw` is the handler saved there.
        unsafe {
            if (*f).internal_function.handler.map(|h| h as usize) == Some(r.handler as usize) {
                (*f).internal_function.handler = Some(std::mem::transmute::<usize, Handler>(raw));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Stream transports.

/// The original factory of each wrapped transport, by name.
static FACTORIES: Mutex<Vec<(String, usize)>> = Mutex::new(Vec::new());

fn original_factory(name: &str) -> Option<Factory> {
    let list = FACTORIES.lock().unwrap_or_else(|e| e.into_inner());
    list.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, f)| {
        // SAFETY: stored from a factory pointer read out of the transport table.
        unsafe { std::mem::transmute::<usize, Factory>(f) }
    })
}

/// Wrap every registered transport factory that is not wrapped yet. Safe to call again
/// (each request start does, so transports registered by extensions that started after
/// this one, such as openssl's `ssl`, `tls` and its own `tcp`, are wrapped too).
pub fn install_transports() {
    // SAFETY: the transport table is a process-wide HashTable of IS_PTR factories; it is
    // only modified during start-up and request start, never concurrently (NTS).
    unsafe {
        let ht = php_stream_xport_get_hash();
        if ht.is_null() {
            return;
        }
        let table: &mut ext_php_rs::types::ZendHashTable = &mut *ht;
        let mut list = FACTORIES.lock().unwrap_or_else(|e| e.into_inner());
        for (key, value) in table.iter() {
            let name = key.to_string();
            let zv = value as *const Zval as *mut Zval;
            let current = (*zv).value.ptr as usize;
            if current == 0 || current == guarded_factory as Factory as usize {
                continue;
            }
            match list.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 = current,
                None => list.push((name, current)),
            }
            (*zv).value.ptr = guarded_factory as Factory as *mut c_void;
        }
    }
}

/// Put the original factories back.
pub fn restore_transports() {
    // SAFETY: as in install_transports.
    unsafe {
        let ht = php_stream_xport_get_hash();
        if ht.is_null() {
            return;
        }
        let table: &mut ext_php_rs::types::ZendHashTable = &mut *ht;
        let list = FACTORIES.lock().unwrap_or_else(|e| e.into_inner());
        for (key, value) in table.iter() {
            let name = key.to_string();
            let zv = value as *const Zval as *mut Zval;
            if (*zv).value.ptr as usize != guarded_factory as Factory as usize {
                continue;
            }
            if let Some(&(_, f)) = list.iter().find(|(n, _)| *n == name) {
                (*zv).value.ptr = f as *mut c_void;
            }
        }
    }
}

/// A copy of a transport's ops whose `set_option` judges the first transport operation.
/// `ops` comes first so a stream's ops pointer is also a pointer to its slot.
#[repr(C)]
struct OpsSlot {
    ops: php_stream_ops,
    original: *const php_stream_ops,
    transport: Transport,
    server: bool,
}

struct Slots(UnsafeCell<Vec<&'static OpsSlot>>);
// SAFETY: slots are only created and read under SLOTS_LOCK; each slot is immutable once
// leaked, and PHP's ops tables are immutable statics.
unsafe impl Sync for Slots {}
static SLOTS: Slots = Slots(UnsafeCell::new(Vec::new()));
static SLOTS_LOCK: Mutex<()> = Mutex::new(());

fn slot_for(original: *const php_stream_ops, transport: Transport, server: bool) -> &'static OpsSlot {
    let _guard = SLOTS_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: under SLOTS_LOCK.
    let slots = unsafe { &mut *SLOTS.0.get() };
    if let Some(s) = slots
        .iter()
        .find(|s| s.original == original && s.transport == transport && s.server == server)
    {
        return s;
    }
    // SAFETY: `original` is a live, immutable ops table of a registered transport.
    let o = unsafe { &*original };
    let ops = php_stream_ops {
        write: o.write.map(|_| fwd_write as _),
        read: o.read.map(|_| fwd_read as _),
        close: o.close.map(|_| fwd_close as _),
        flush: o.flush.map(|_| fwd_flush as _),
        label: o.label,
        seek: o.seek.map(|_| fwd_seek as _),
        cast: o.cast.map(|_| fwd_cast as _),
        stat: o.stat.map(|_| fwd_stat as _),
        set_option: Some(guarded_set_option),
    };
    let slot: &'static OpsSlot = Box::leak(Box::new(OpsSlot {
        ops,
        original,
        transport,
        server,
    }));
    slots.push(slot);
    slot
}

/// # Safety
/// `stream` is live and its ops pointer is a slot's `ops`.
unsafe fn slot_of(stream: *mut php_stream) -> &'static OpsSlot {
    unsafe { &*((*stream).ops as *const OpsSlot) }
}

unsafe extern "C" fn guarded_factory(
    proto: *const c_char,
    protolen: usize,
    resourcename: *const c_char,
    resourcenamelen: usize,
    persistent_id: *const c_char,
    options: c_int,
    flags: c_int,
    timeout: *mut Timeval,
    context: *mut php_stream_context,
) -> *mut php_stream {
    // SAFETY: PHP passes a protocol name of `protolen` bytes.
    let name = unsafe { std::slice::from_raw_parts(proto.cast::<u8>(), protolen) };
    let name = String::from_utf8_lossy(name);
    let Some(original) = original_factory(&name) else {
        return ptr::null_mut();
    };
    // SAFETY: the arguments are PHP's, passed through unchanged.
    let stream = unsafe {
        original(
            proto,
            protolen,
            resourcename,
            resourcenamelen,
            persistent_id,
            options,
            flags,
            timeout,
            context,
        )
    };
    if stream.is_null() {
        return stream;
    }
    // SAFETY: a stream the factory just made; its ops are an immutable static table.
    unsafe {
        let slot = slot_for((*stream).ops, Transport::from_name(&name), flags & STREAM_XPORT_SERVER != 0);
        (*stream).ops = &slot.ops;
    }
    stream
}

/// An operation on a connected stream: restart its idle clock, or (idle too long) close
/// its connection and fail with a warning.
///
/// # Safety
/// `stream` is a live socket stream.
unsafe fn stream_activity(stream: *mut php_stream) -> bool {
    let activity = crate::idle::touch(crate::idle::Kind::Stream, stream as u64);
    if let crate::idle::Activity::ReclaimNow(_) = activity {
        // SAFETY: the stream's own descriptor; it stays open (PHP closes it with the
        // stream), only the connection is torn down.
        unsafe { reclaim_fd(socket_fd(stream)) };
    }
    match crate::idle::failure(activity) {
        None => true,
        Some(message) => {
            warn(&message);
            false
        }
    }
}

/// Tear down a reclaimed socket's connection, keeping its descriptor for PHP to close.
pub fn reclaim_fd(fd: c_int) {
    if fd >= 0 {
        // SAFETY: shutdown(2) on a descriptor; harmless if it is not connected.
        unsafe { shutdown(fd, SHUT_RDWR) };
    }
}

unsafe extern "C" fn fwd_write(stream: *mut php_stream, buf: *const c_char, count: usize) -> isize {
    unsafe {
        if !stream_activity(stream) {
            return -1;
        }
        let n = ((*slot_of(stream).original).write.unwrap_unchecked())(stream, buf, count);
        crate::idle::restart(crate::idle::Kind::Stream, stream as u64);
        n
    }
}
unsafe extern "C" fn fwd_read(stream: *mut php_stream, buf: *mut c_char, count: usize) -> isize {
    unsafe {
        if !stream_activity(stream) {
            return -1;
        }
        let n = ((*slot_of(stream).original).read.unwrap_unchecked())(stream, buf, count);
        crate::idle::restart(crate::idle::Kind::Stream, stream as u64);
        n
    }
}
unsafe extern "C" fn fwd_close(stream: *mut php_stream, close_handle: c_int) -> c_int {
    unsafe {
        crate::idle::forget(crate::idle::Kind::Stream, stream as u64);
        let original = slot_of(stream).original;
        (*stream).ops = original;
        ((*original).close.unwrap_unchecked())(stream, close_handle)
    }
}
unsafe extern "C" fn fwd_flush(stream: *mut php_stream) -> c_int {
    unsafe { ((*slot_of(stream).original).flush.unwrap_unchecked())(stream) }
}
unsafe extern "C" fn fwd_seek(stream: *mut php_stream, offset: ffi::zend_off_t, whence: c_int, newoffset: *mut ffi::zend_off_t) -> c_int {
    unsafe { ((*slot_of(stream).original).seek.unwrap_unchecked())(stream, offset, whence, newoffset) }
}
unsafe extern "C" fn fwd_cast(stream: *mut php_stream, castas: c_int, ret: *mut *mut c_void) -> c_int {
    unsafe {
        // stream_select() and socket_import_stream() cast: an operation. The cast itself
        // always succeeds: a reclaimed stream's connection is already shut down, so select
        // reports it readable and the read that follows fails with the reclaim warning.
        if !ret.is_null() {
            if let crate::idle::Activity::ReclaimNow(_) = crate::idle::touch(crate::idle::Kind::Stream, stream as u64) {
                reclaim_fd(socket_fd(stream));
            }
        }
        ((*slot_of(stream).original).cast.unwrap_unchecked())(stream, castas, ret)
    }
}
unsafe extern "C" fn fwd_stat(stream: *mut php_stream, ssb: *mut ffi::php_stream_statbuf) -> c_int {
    unsafe { ((*slot_of(stream).original).stat.unwrap_unchecked())(stream, ssb) }
}

unsafe extern "C" fn guarded_set_option(stream: *mut php_stream, option: c_int, value: c_int, ptrparam: *mut c_void) -> c_int {
    // SAFETY: only installed on streams made by guarded_factory.
    let slot = unsafe { slot_of(stream) };
    let original = slot.original;
    // SAFETY: the original ops always have set_option for socket transports; if not, the
    // option is simply not implemented (-2), as PHP itself answers.
    let Some(set_option) = (unsafe { (*original).set_option }) else {
        return -2;
    };
    if option == PHP_STREAM_OPTION_CHECK_LIVENESS && value == 0 {
        // php_stream_from_persistent_id asks whether a persistent stream may be reused: one
        // idle longer than the timeout is reclaimed and reported dead, so the app gets a
        // fresh connection (silently, as for any dead persistent stream).
        let activity = crate::idle::touch(crate::idle::Kind::Stream, stream as u64);
        if activity != crate::idle::Activity::Alive {
            unsafe { reclaim_fd(socket_fd(stream)) };
            return PHP_STREAM_OPTION_RETURN_ERR;
        }
        return unsafe { set_option(stream, option, value, ptrparam) };
    }
    let is_xport = option == PHP_STREAM_OPTION_XPORT_API && !ptrparam.is_null();
    // SAFETY: PHP_STREAM_OPTION_XPORT_API always carries a php_stream_xport_param.
    let op = if is_xport { unsafe { (*(ptrparam as *mut XportParam)).op } } else { -1 };
    let establishing = is_xport && matches!(op, STREAM_XPORT_OP_CONNECT | STREAM_XPORT_OP_CONNECT_ASYNC | STREAM_XPORT_OP_BIND | STREAM_XPORT_OP_LISTEN | STREAM_XPORT_OP_ACCEPT);
    if !establishing {
        // Every other option or transport operation is an operation on the socket.
        if !unsafe { stream_activity(stream) } {
            return PHP_STREAM_OPTION_RETURN_ERR;
        }
        return unsafe { set_option(stream, option, value, ptrparam) };
    }
    // Connect and bind run with the transport's own ops (PHP's code tells UDP from TCP by
    // them), then the stream gets the guarded copy back for idle tracking.
    unsafe { (*stream).ops = original };
    let param = ptrparam as *mut XportParam;
    let rc = unsafe { establish(stream, slot, set_option, option, value, param, op) };
    unsafe { (*stream).ops = &slot.ops };
    rc
}

/// Judge and perform a connect, bind, listen or accept on a guarded stream.
///
/// # Safety
/// `stream` is live with its original ops; `param` its xport param.
unsafe fn establish(
    stream: *mut php_stream,
    slot: &OpsSlot,
    set_option: unsafe extern "C" fn(*mut php_stream, c_int, c_int, *mut c_void) -> c_int,
    option: c_int,
    value: c_int,
    param: *mut XportParam,
    op: c_int,
) -> c_int {
    let ptrparam = param.cast::<c_void>();
    let plan = match op {
        STREAM_XPORT_OP_CONNECT | STREAM_XPORT_OP_CONNECT_ASYNC => {
            if slot.server {
                guard::plan_listen()
            } else {
                let name = unsafe { input_name(param) };
                let bindto = unsafe { context_bindto(stream) };
                guard::plan_connect(&slot.transport, &name, bindto.as_deref())
            }
        }
        STREAM_XPORT_OP_BIND => guard::plan_bind(slot.server, &unsafe { input_name(param) }),
        STREAM_XPORT_OP_LISTEN | STREAM_XPORT_OP_ACCEPT => guard::plan_listen(),
        _ => Plan::Proceed,
    };
    match plan {
        Plan::Proceed => unsafe { set_option(stream, option, value, ptrparam) },
        Plan::Refuse { text, errno, warning } => {
            if let Some(w) = warning {
                warn(&w);
            }
            unsafe { fail(param, &text, errno) };
            PHP_STREAM_OPTION_RETURN_OK
        }
        Plan::Connect(names) => {
            let rc = unsafe { connect_each(stream, set_option, option, value, param, &names) };
            crate::idle::start(crate::idle::Kind::Stream, stream as u64);
            rc
        }
    }
}

/// # Safety
/// `param` is a live xport param.
unsafe fn input_name(param: *mut XportParam) -> Vec<u8> {
    unsafe {
        let p = &*param;
        if p.inputs.name.is_null() {
            return Vec::new();
        }
        std::slice::from_raw_parts(p.inputs.name.cast::<u8>(), p.inputs.namelen).to_vec()
    }
}

/// The stream context's `socket.bindto`, when it is a string.
///
/// # Safety
/// `stream` is live.
unsafe fn context_bindto(stream: *mut php_stream) -> Option<Vec<u8>> {
    unsafe {
        let res: *mut zend_resource = (*stream).ctx;
        if res.is_null() || (*res).ptr.is_null() {
            return None;
        }
        let zv = php_stream_context_get_option((*res).ptr.cast(), c"socket".as_ptr(), c"bindto".as_ptr());
        if zv.is_null() {
            return None;
        }
        let zv: &Zval = &*zv;
        // Not a string: PHP's own code fails the connection ("local_addr context option
        // is not a string.") before binding anything.
        zv.dereference().zend_str().map(|s| s.as_bytes().to_vec())
    }
}

/// Fail a transport operation the way PHP's transports do: returncode -1, the error text
/// (when wanted) and the error number.
///
/// # Safety
/// `param` is a live xport param.
unsafe fn fail(param: *mut XportParam, text: &str, errno: c_int) {
    unsafe {
        let p = &mut *param;
        if p.bits & WANT_ERRORTEXT != 0 {
            release_zend_string(p.outputs.error_text);
            p.outputs.error_text = new_zend_string(text);
        }
        p.outputs.error_code = errno;
        p.outputs.returncode = -1;
    }
}

/// Connect to each checked literal address in turn, as PHP tries a name's addresses: stop
/// at the first that connects (or is in progress), and stop if a TCP connection was made
/// but a later step (the TLS handshake) failed. All attempts share the caller's timeout.
///
/// # Safety
/// `stream` is live with its original ops restored; `param` is its xport param.
unsafe fn connect_each(
    stream: *mut php_stream,
    set_option: unsafe extern "C" fn(*mut php_stream, c_int, c_int, *mut c_void) -> c_int,
    option: c_int,
    value: c_int,
    param: *mut XportParam,
    names: &[CString],
) -> c_int {
    unsafe {
        let p = &mut *param;
        let (saved_name, saved_len, saved_timeout) = (p.inputs.name, p.inputs.namelen, p.inputs.timeout);
        let deadline = (!saved_timeout.is_null()).then(|| {
            let t = &*saved_timeout;
            Instant::now() + Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
        });
        let mut remaining = Timeval { tv_sec: 0, tv_usec: 0 };
        let mut ret = PHP_STREAM_OPTION_RETURN_OK;
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                if let Some(deadline) = deadline {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    remaining.tv_sec = left.as_secs() as i64;
                    remaining.tv_usec = i64::from(left.subsec_micros());
                    p.inputs.timeout = &mut remaining;
                }
                release_zend_string(p.outputs.error_text);
                p.outputs.error_text = ptr::null_mut();
                p.outputs.error_code = 0;
            }
            p.inputs.name = name.as_ptr().cast_mut();
            p.inputs.namelen = name.as_bytes().len();
            ret = set_option(stream, option, value, param.cast());
            if ret != PHP_STREAM_OPTION_RETURN_OK || p.outputs.returncode != -1 || socket_fd(stream) != -1 {
                break;
            }
        }
        p.inputs.name = saved_name;
        p.inputs.namelen = saved_len;
        p.inputs.timeout = saved_timeout;
        ret
    }
}

/// The socket of a network stream: `php_netstream_data_t` (and openssl's data, which
/// embeds it first) begins with the descriptor.
///
/// # Safety
/// `stream` is a live socket stream.
unsafe fn socket_fd(stream: *mut php_stream) -> c_int {
    unsafe {
        let data = (*stream).abstract_ as *const c_int;
        if data.is_null() {
            -1
        } else {
            *data
        }
    }
}

// ---------------------------------------------------------------------------------------
// The module.

use ext_php_rs::builders::ModuleBuilder;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::args::Arg;
use ext_php_rs::builders::FunctionBuilder;
use ext_php_rs::flags::DataType;
use ext_php_rs::prelude::php_module;
use ext_php_rs::zend::ExecuteData;
use ext_php_rs::types::ZendHashTable;
use ext_php_rs::zend::{ce, IniEntryDef, IniEntryDefs, ModuleEntry};

/// The ini settings. All are PHP_INI_SYSTEM, so neither `ini_set()`, `php_value` nor a
/// `.user.ini` in app code can change them. The app id is read per request, so a pool's
/// or virtual host's `php_admin_value` and FastCGI's `PHP_ADMIN_VALUE` (which PHP applies
/// in system mode) set it; an app cannot claim another app's id.
static INI: IniEntryDefs<11> = IniEntryDefs::new([
    IniEntryDef::new(c"appengine_sockets.allow", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.deny", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.google_ranges_file", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.google_cloud_ranges_file", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.report_only", c"0", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.log", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.billing_enabled", c"1", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.mode", c"auto", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.idle_timeout", c"120", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.app_id", c"", IniEntryPermission::System),
    IniEntryDef::end(),
]);

unsafe extern "C" fn module_startup(_ty: i32, module_number: i32) -> i32 {
    IniEntryDef::register(INI.as_slice(), module_number);
    crate::startup();
    0
}

/// `appengine_sockets_check(string $address, ?int $port = null): array`. Arguments go
/// through zend_parse_parameters, so coercion and strict_types are PHP's own.
extern "C" fn appengine_sockets_check(ex: &mut ExecuteData, rv: &mut Zval) {
    let mut call = Call {
        ex: (ex as *mut ExecuteData).cast(),
        rv,
    };
    if !call.parse(c"S|l!") {
        return;
    }
    let address = String::from_utf8_lossy(&call.arg_bytes(1).unwrap_or_default()).into_owned();
    let port = if call.arg_is_null(2) { None } else { call.arg_long(2) };
    match crate::check::check(&address, port) {
        Err(m) => {
            PhpException::new(m, 0, ce::value_error()).throw();
        }
        Ok(r) => {
            let mut arr = ZendHashTable::new();
            let filled: PhpResult<()> = (|| {
                arr.insert("allowed", r.allowed)?;
                arr.insert("rule", r.rule)?;
                arr.insert("reason", r.reason)?;
                arr.insert("addresses", r.addresses)?;
                Ok(())
            })();
            if filled.is_ok() {
                rv.set_hashtable(arr);
            }
        }
    }
}

unsafe extern "C" fn module_shutdown(_ty: i32, _module_number: i32) -> i32 {
    crate::shutdown();
    0
}

unsafe extern "C" fn request_startup(_ty: i32, _module_number: i32) -> i32 {
    // Extensions that started after this one (openssl registers ssl://, tls:// and its own
    // tcp:// factory) are wrapped before the first script runs.
    install_transports();
    crate::request_start();
    switch_app(&ini_string(c"appengine_sockets.app_id").unwrap_or_default());
    0
}

static CURRENT_APP: Mutex<Option<String>> = Mutex::new(None);

/// The key under which an app's persistent stream waits while other apps' requests run.
/// It stays in EG(persistent_list), so PHP still owns it and closes it at shutdown; only a
/// lookup by the app's own key can no longer find it.
fn parked_key(app: &str, key: &[u8]) -> Vec<u8> {
    let mut k = format!("appengine_sockets\x01{app}\x01").into_bytes();
    k.extend_from_slice(key);
    k
}

/// Forget which app ran last (module start-up: a new process life for PHP).
pub fn reset_app() {
    *CURRENT_APP.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

/// Give the request's app its own persistent streams: when a worker moves from app A to
/// app B, every persistent stream in EG(persistent_list) under its own key (A's) is parked
/// under a key naming A, and B's parked streams get their own keys back. So pfsockopen()
/// and STREAM_CLIENT_PERSISTENT never hand one app another's socket, and each app gets its
/// own back when it returns.
pub fn switch_app(app: &str) {
    let previous = {
        let mut current = CURRENT_APP.lock().unwrap_or_else(|e| e.into_inner());
        if current.as_deref() == Some(app) {
            return;
        }
        current.replace(app.to_owned()).unwrap_or_default()
    };
    let prefix_of = |a: &str| format!("appengine_sockets\x01{a}\x01").into_bytes();
    let (mine, any) = (prefix_of(app), b"appengine_sockets\x01".to_vec());
    // SAFETY: EG(persistent_list) is this process's table of persistent resources. An entry
    // is renamed by removing its bucket without the destructor and adding its zval (moved
    // bitwise, refcount unchanged) under the new key, so each resource stays owned by the
    // list exactly once. Runs at request start (NTS: one thread).
    unsafe {
        let list: *mut HashTable = ptr::addr_of_mut!(ffi::executor_globals.persistent_list);
        let le_pstream = php_file_le_pstream();
        let mut renames: Vec<(Vec<u8>, Vec<u8>, std::mem::ManuallyDrop<zval>)> = Vec::new();
        for (key, value) in (*list).iter() {
            let is_stream = value.resource().is_some_and(|r| !r.is_null() && (*r).type_ == le_pstream);
            if !is_stream {
                continue;
            }
            let key = key.to_string().into_bytes();
            let new_key = if let Some(own) = key.strip_prefix(mine.as_slice()) {
                own.to_vec()
            } else if key.starts_with(&any) {
                continue;
            } else {
                parked_key(&previous, &key)
            };
            renames.push((key, new_key, std::mem::ManuallyDrop::new(ptr::read(value as *const Zval))));
        }
        let destructor = (*list).pDestructor;
        (*list).pDestructor = None;
        for (key, _, _) in &renames {
            ffi::zend_hash_str_del(list, key.as_ptr().cast(), key.len());
        }
        (*list).pDestructor = destructor;
        for (_, new_key, mut value) in renames {
            ffi::zend_hash_str_update(list, new_key.as_ptr().cast(), new_key.len(), &mut *value);
        }
    }
}

unsafe extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
    crate::request_end();
    0
}

unsafe extern "C" fn module_info(_module: *mut ModuleEntry) {
    crate::info(|key, value| {
        let (k, v) = (CString::new(key).unwrap_or_default(), CString::new(value).unwrap_or_default());
        // SAFETY: two NUL-terminated strings.
        unsafe { ffi::php_info_print_table_row(2, k.as_ptr(), v.as_ptr()) };
    });
}

/// The module entry PHP loads.
#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .startup_function(module_startup)
        .shutdown_function(module_shutdown)
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .info_function(module_info)
        .function(
            FunctionBuilder::new("appengine_sockets_check", appengine_sockets_check)
                .arg(Arg::new("address", DataType::String))
                .not_required()
                .arg(Arg::new("port", DataType::Long).allow_null().default("null"))
                .returns(DataType::Array, false, false),
        )
}

/// Start and end a phpinfo() table.
pub fn info_table(rows: impl FnOnce()) {
    // SAFETY: plain phpinfo output calls.
    unsafe {
        ffi::php_info_print_table_start();
        rows();
        ffi::php_info_print_table_end();
    }
}
