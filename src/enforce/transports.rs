//! The stream transports: every factory registered with `php_stream_xport_register`
//! (`tcp`, `udp`, `ssl`, `tls*`, `unix`, `udg` and any other) is wrapped.
//!
//! A stream the factory makes gets a copy of its ops table whose `set_option` intercepts
//! the first transport operation: a connect is judged by the policy core, then handed to
//! the original ops with the *checked literal address* in place of the app's host name, so
//! PHP's own code makes the connection without resolving the name again. Connect and bind
//! run with the transport's own ops pointer (PHP's code tells UDP from TCP by it);
//! afterwards the copy forwards every operation to the original ops, restarting the
//! stream's idle clock (see `crate::idle`). Because TLS streams keep the host name they
//! were created with (openssl stores it at factory time), certificate verification and SNI
//! still use the name the app wrote. Every path that opens a socket through
//! `php_stream_xport_create` (fsockopen, stream_socket_client, the http:// and ftp://
//! wrappers, mysqlnd, ...) comes through here.

#![allow(unsafe_code)]

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::ptr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use appengine_sockets_policy::Transport;
use ext_php_rs::ffi::{self, php_stream, php_stream_context, php_stream_ops, zend_resource, zend_string, zval, HashTable};
use ext_php_rs::types::Zval;

use crate::guard::{self, Plan};
use crate::zend::{new_zend_string, reclaim_fd, release_zend_string, warn};

// ---------------------------------------------------------------------------------------
// Declarations the ext-php-rs bindings do not carry (php_streams.h, php_stream_transport.h
// of PHP 8.x; the layouts are stable across 8.0-8.4).

const PHP_STREAM_OPTION_XPORT_API: c_int = 7;
const PHP_STREAM_OPTION_RETURN_OK: c_int = 0;
const PHP_STREAM_OPTION_RETURN_ERR: c_int = -1;
const PHP_STREAM_OPTION_CHECK_LIVENESS: c_int = 12;
const STREAM_XPORT_SERVER: c_int = 1;

const STREAM_XPORT_OP_BIND: c_int = 0;
const STREAM_XPORT_OP_CONNECT: c_int = 1;
const STREAM_XPORT_OP_LISTEN: c_int = 2;
const STREAM_XPORT_OP_ACCEPT: c_int = 3;
const STREAM_XPORT_OP_CONNECT_ASYNC: c_int = 4;

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




extern "C" {
    fn php_stream_xport_get_hash() -> *mut HashTable;
    fn php_stream_context_get_option(
        context: *mut php_stream_context,
        wrappername: *const c_char,
        optionname: *const c_char,
    ) -> *mut zval;
}

/// The original factory of each wrapped transport, by name.
static FACTORIES: Mutex<Vec<(String, usize)>> = Mutex::new(Vec::new());

fn original_factory(name: &[u8]) -> Option<Factory> {
    let list = FACTORIES.lock().unwrap_or_else(|e| e.into_inner());
    list.iter().find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name)).map(|&(_, f)| {
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
            let zv = value as *const Zval as *mut Zval;
            let current = (*zv).value.ptr as usize;
            if current == 0 || current == guarded_factory as Factory as usize {
                continue;
            }
            // Named only when wrapped: at each request start every factory is already ours.
            let name = key.to_string();
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
    let Some(original) = original_factory(name) else {
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
        let slot = slot_for((*stream).ops, Transport::from_name_bytes(name), flags & STREAM_XPORT_SERVER != 0);
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
    // What the operation judges and approves holds only while it runs.
    let rc = guard::scope(|| unsafe { establish(stream, slot, set_option, option, value, param, op) });
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
                guard::plan_connect(&slot.transport, name, bindto.as_deref(), crate::metrics::Layer::Stream)
            }
        }
        STREAM_XPORT_OP_BIND => guard::plan_bind(slot.server, unsafe { input_name(param) }),
        STREAM_XPORT_OP_LISTEN | STREAM_XPORT_OP_ACCEPT => guard::plan_listen(),
        _ => Plan::Proceed,
    };
    let rc = match plan {
        Plan::Proceed => unsafe { set_option(stream, option, value, ptrparam) },
        Plan::Refuse { text, errno, warning } => {
            if let Some(w) = warning {
                warn(&w);
            }
            unsafe { fail(param, &text, errno) };
            return PHP_STREAM_OPTION_RETURN_OK;
        }
        Plan::Connect(names) => unsafe { connect_each(stream, set_option, option, value, param, &names) },
    };
    if matches!(op, STREAM_XPORT_OP_CONNECT | STREAM_XPORT_OP_CONNECT_ASYNC) {
        // The idle clock starts at connect on every path: a name handed over as its checked
        // literal, a literal the app wrote (not rewritten), a report-only refusal. A stream
        // left alone from here on is as idle as one that was used.
        crate::idle::start(crate::idle::Kind::Stream, stream as u64);
    }
    rc
}

/// # Safety
/// `param` is a live xport param.
unsafe fn input_name<'a>(param: *mut XportParam) -> &'a [u8] {
    unsafe {
        let p = &*param;
        if p.inputs.name.is_null() {
            return &[];
        }
        // PHP's own buffer, live for the whole transport operation.
        std::slice::from_raw_parts(p.inputs.name.cast::<u8>(), p.inputs.namelen)
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
