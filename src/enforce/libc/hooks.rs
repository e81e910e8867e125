//! The guarded libc functions, and raising what they queued when the PHP function returns.
//!
//! Each guarded function reads its call's address, asks [`super::verdicts`], and either calls
//! the C library's function unchanged or fails with `-1` and `errno` `EACCES`. On a thread
//! that is not judged they cost one thread-local read before the real call.
//!
//! `dlopen` is guarded so that objects loaded later (`dl()`, `FFI::cdef` with a library,
//! plugins a library loads) are patched as soon as they are loaded; `dlsym` so that a
//! symbol looked up by name (`FFI::cdef` declaring `connect`) is the guarded function.
//! `getaddrinfo` is guarded to remember which names produced which addresses (a name is
//! judged with all of its addresses, and the Gmail whitelist matches names); it changes
//! nothing in the lookup, except that a lookup of one address family waits for the same
//! name's lookup of the other family running beside it (see [`names::lookup_ended`]).
//! `pthread_create` is guarded so that a thread a C library starts
//! on a judged thread belongs to the same request (see [`guarded_pthread_create`]).

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use libc::{msghdr, sockaddr, socklen_t};

use super::got::Interposed;
use super::address::{self, Address};
use super::verdicts::{self, Action};
use super::{messages, names, requests};

const EACCES: c_int = 13;

fn thread() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

fn refuse() -> c_int {
    // SAFETY: errno is this thread's.
    unsafe { *libc::__errno_location() = EACCES };
    -1
}

unsafe extern "C" fn guarded_connect(fd: c_int, sa: *const sockaddr, len: socklen_t) -> c_int {
    if requests::enforcing() && !allowed(|| verdicts::destination(Action::Connect, &address::read(sa, len), thread())) {
        return refuse();
    }
    libc::connect(fd, sa, len)
}

unsafe extern "C" fn guarded_sendto(
    fd: c_int,
    buf: *const c_void,
    n: usize,
    flags: c_int,
    sa: *const sockaddr,
    len: socklen_t,
) -> isize {
    if requests::enforcing() && !sa.is_null() && !allowed(|| verdicts::destination(Action::Send, &address::read_used(sa, len), thread())) {
        return refuse() as isize;
    }
    libc::sendto(fd, buf, n, flags, sa, len)
}

/// Whether a judged call may go ahead: `decide`'s answer, or a refusal (EACCES) if it
/// panicked. No panic crosses into the C library that called a guarded function (it would
/// abort PHP): a library's thread exiting, for one, runs its `pthread_key` destructors
/// after Rust destroyed the thread's thread-locals, and those are read with `try_with`,
/// but whatever else fails in a decision fails closed here.
///
/// A decision locks and allocates. A library's signal handler calling a guarded function
/// (`sendto`, `connect`: async-signal-safe) while its thread is inside a decision would
/// wait for ever for a lock (or the allocator's) that thread holds: such a call is
/// refused at once, with nothing locked, allocated, logged or said ([`JUDGING`]).
fn allowed(decide: impl FnOnce() -> bool) -> bool {
    if JUDGING.with(|j| j.replace(true)) {
        return false;
    }
    // The flag is set before the decision takes any lock (a handler runs on this thread).
    std::sync::atomic::compiler_fence(Ordering::SeqCst);
    let allowed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decide)).unwrap_or(false);
    std::sync::atomic::compiler_fence(Ordering::SeqCst);
    JUDGING.with(|j| j.set(false));
    allowed
}

thread_local! {
    /// Set while this thread decides on a call: a guarded call that finds it set comes
    /// from a signal handler that interrupted the decision. A plain flag with no
    /// destructor: reading it takes no lock and allocates nothing, in a handler too.
    static JUDGING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// # Safety
/// `msg` is null or a valid msghdr.
unsafe fn msg_allowed(msg: *const msghdr) -> bool {
    if msg.is_null() || (*msg).msg_name.is_null() || (*msg).msg_namelen == 0 {
        return true;
    }
    verdicts::destination(Action::Send, &address::read_used((*msg).msg_name.cast(), (*msg).msg_namelen), thread())
}

unsafe extern "C" fn guarded_sendmsg(fd: c_int, msg: *const msghdr, flags: c_int) -> isize {
    if requests::enforcing() && !allowed(|| msg_allowed(msg)) {
        return refuse() as isize;
    }
    libc::sendmsg(fd, msg, flags)
}

unsafe extern "C" fn guarded_sendmmsg(fd: c_int, msgs: *mut libc::mmsghdr, vlen: c_uint, flags: c_int) -> c_int {
    if requests::enforcing() && !msgs.is_null() {
        // Send the messages before the first refused one; fail if that is the first.
        for i in 0..vlen as usize {
            if !allowed(|| msg_allowed(&(*msgs.add(i)).msg_hdr)) {
                if i == 0 {
                    return refuse();
                }
                return libc::sendmmsg(fd, msgs, i as c_uint, flags);
            }
        }
    }
    libc::sendmmsg(fd, msgs, vlen, flags)
}

unsafe extern "C" fn guarded_bind(fd: c_int, sa: *const sockaddr, len: socklen_t) -> c_int {
    if requests::enforcing() && !allowed(|| verdicts::bind(&address::read_used(sa, len), thread())) {
        return refuse();
    }
    libc::bind(fd, sa, len)
}

unsafe extern "C" fn guarded_listen(fd: c_int, backlog: c_int) -> c_int {
    if requests::enforcing() && !allowed(|| verdicts::listen(thread())) {
        return refuse();
    }
    libc::listen(fd, backlog)
}

unsafe extern "C" fn guarded_accept(fd: c_int, sa: *mut sockaddr, len: *mut socklen_t) -> c_int {
    if requests::enforcing() && !allowed(|| verdicts::listen(thread())) {
        return refuse();
    }
    libc::accept(fd, sa, len)
}

unsafe extern "C" fn guarded_accept4(fd: c_int, sa: *mut sockaddr, len: *mut socklen_t, flags: c_int) -> c_int {
    if requests::enforcing() && !allowed(|| verdicts::listen(thread())) {
        return refuse();
    }
    libc::accept4(fd, sa, len, flags)
}

unsafe extern "C" fn guarded_socket(domain: c_int, kind: c_int, protocol: c_int) -> c_int {
    if requests::enforcing()
        && !allowed(|| verdicts::socket(i64::from(domain), i64::from(kind), i64::from(protocol), thread()))
    {
        return refuse();
    }
    libc::socket(domain, kind, protocol)
}

unsafe extern "C" fn guarded_getaddrinfo(
    node: *const c_char,
    service: *const c_char,
    hints: *const libc::addrinfo,
    res: *mut *mut libc::addrinfo,
) -> c_int {
    // A lookup of one address family, whose name's other half may be looked up beside it
    // (libcurl's resolver pool): noted while it runs (see names::lookup_ended).
    // An address literal's lookup records nothing (see names::resolved): PHP's own lookup
    // of the literal a stream was handed is passed without reading its answer.
    let name = (!node.is_null() && requests::enforcing() && !names::is_ip_literal(CStr::from_ptr(node).to_bytes()))
        .then(|| CStr::from_ptr(node).to_string_lossy().into_owned());
    let families = if hints.is_null() { names::ANY } else { names::families((*hints).ai_family) };
    let paired = name.as_deref().is_some_and(|n| allowed(|| names::lookup_started(n, families)));
    let rc = libc::getaddrinfo(node, service, hints, res);
    super::loads::patch_new();
    let mut addresses: Vec<IpAddr> = Vec::new();
    if rc == 0 && !res.is_null() && name.is_some() {
        let mut ai = *res;
        while !ai.is_null() {
            if let Address::Ip(sa) = address::read((*ai).ai_addr, (*ai).ai_addrlen) {
                if !addresses.contains(&sa.ip()) {
                    addresses.push(sa.ip());
                }
            }
            ai = (*ai).ai_next;
        }
    }
    let Some(name) = name else { return rc };
    if paired {
        // The other half waited for past its limit (or the wait failed): the answer is not
        // handed out, so no connect follows a name judged by half of its addresses.
        if !allowed(|| names::lookup_ended(&name, families, &addresses)) {
            if rc == 0 {
                libc::freeaddrinfo(*res);
                *res = std::ptr::null_mut();
            }
            return libc::EAI_AGAIN;
        }
    } else if rc == 0 {
        // Unrecorded if it fails: the lookup's answer stands, its addresses are judged alone.
        let _ = allowed(|| {
            names::resolved(&name, &addresses);
            true
        });
    }
    rc
}

/// A thread's start routine, as `pthread_create` takes it. "C-unwind": glibc's
/// `pthread_exit` and cancellation unwind the thread's stack through it.
type StartRoutine = unsafe extern "C-unwind" fn(*mut c_void) -> *mut c_void;

/// What [`thread_start`] needs: the routine the library asked for, its argument, and what
/// the new thread inherits.
struct Start {
    routine: StartRoutine,
    arg: *mut c_void,
    from: requests::Inheritance,
    /// The starting thread's signal mask, which the new thread takes once it inherited.
    mask: libc::sigset_t,
}

/// Block every signal on this thread; returns the mask it had. A thread started while
/// they are blocked starts with them blocked: a library's signal handler cannot run on it
/// (and connect there) before it took on its request ([`unblock_signals`], in its first
/// frame). glibc keeps its own cancellation and set-id signals out of any mask.
pub(super) fn block_signals() -> libc::sigset_t {
    // SAFETY: sigfillset fills the set it is given; pthread_sigmask sets this thread's mask.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut before: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut before);
        before
    }
}

/// Give this thread back the signal mask [`block_signals`] returned.
pub(super) fn unblock_signals(mask: &libc::sigset_t) {
    // SAFETY: a mask pthread_sigmask returned.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, mask, std::ptr::null_mut()) };
}

/// `pthread_create`: on a judged thread (running a request, or started by a library in
/// one), the new thread starts in [`thread_start`], which makes it belong to the same
/// request before it runs the library's routine. Elsewhere (a server starting its threads
/// outside requests) a plain call. A thread whose routine is in the main program (a
/// server's or a language runtime's own, such as Go's in FrankenPHP) is never a library's.
unsafe extern "C" fn guarded_pthread_create(
    thread: *mut libc::pthread_t,
    attr: *const libc::pthread_attr_t,
    routine: Option<StartRoutine>,
    arg: *mut c_void,
) -> c_int {
    // No routine: glibc would start a thread that jumps to address 0.
    let Some(routine) = routine else {
        return libc::EINVAL;
    };
    let real = |routine: StartRoutine, arg: *mut c_void| {
        // SAFETY: the same ABI; pthread_create only calls it, on the new thread.
        let routine = std::mem::transmute::<StartRoutine, extern "C" fn(*mut c_void) -> *mut c_void>(routine);
        libc::pthread_create(thread, attr, routine, arg)
    };
    if !requests::enforcing() || in_main_program(routine as usize) {
        return real(routine, arg);
    }
    let Some(from) = requests::inheritance(crate::zend::interrupt::starting_function_label) else {
        return real(routine, arg);
    };
    let mask = block_signals();
    let start = Box::into_raw(Box::new(Start { routine, arg, from, mask }));
    let rc = real(thread_start, start.cast());
    unblock_signals(&mask);
    if rc != 0 {
        // No thread: the start was never handed over.
        drop(Box::from_raw(start));
    }
    rc
}

/// The first frame of a library's thread started in a request: inherit, then run the
/// library's routine and return what it returns. Nothing to drop is alive during the
/// routine, so `pthread_exit` and cancellation unwind through this frame untouched.
unsafe extern "C-unwind" fn thread_start(start: *mut c_void) -> *mut c_void {
    // SAFETY: `start` is the Box guarded_pthread_create handed to this thread alone.
    let Start { routine, arg, from, mask } = *Box::from_raw(start.cast::<Start>());
    requests::inherit(from);
    unblock_signals(&mask);
    routine(arg)
}

/// The main program's load address (0: unknown), found at start-up (before any thread a
/// request could start, so reading it later needs no synchronisation a thread checker
/// would have to understand).
static MAIN_BASE: AtomicUsize = AtomicUsize::new(0);

/// The load address of the object containing `address`.
fn object_base(address: usize) -> Option<usize> {
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr only reads the dynamic linker's tables, for any address.
    let found = unsafe { libc::dladdr(address as *const c_void, &mut info) } != 0;
    found.then_some(info.dli_fbase as usize)
}

/// Whether `address` is in the main program (not in a shared object it loaded).
fn in_main_program(address: usize) -> bool {
    let main = MAIN_BASE.load(Ordering::Relaxed);
    main != 0 && object_base(address) == Some(main)
}

pub(super) unsafe extern "C" fn guarded_dlopen(file: *const c_char, mode: c_int) -> *mut c_void {
    let handle = libc::dlopen(file, mode);
    if !handle.is_null() {
        patch();
    }
    handle
}

/// Guard every loaded object (those already guarded are passed over); returns the number
/// of slots written.
pub fn patch() -> usize {
    super::loads::walking();
    super::got::patch_all(table())
}

/// `dlmopen`: a new link-map namespace loads its own copy of the C library, whose socket
/// functions no GOT slot of ours leads to. Refused on a judged thread (NULL, as for a
/// library that cannot be loaded), unless it loads into the main namespace.
unsafe extern "C" fn guarded_dlmopen(lmid: libc::Lmid_t, file: *const c_char, mode: c_int) -> *mut c_void {
    const LM_ID_BASE: libc::Lmid_t = 0;
    if lmid == LM_ID_BASE {
        return guarded_dlopen(file, mode);
    }
    if requests::enforcing() {
        return std::ptr::null_mut();
    }
    libc::dlmopen(lmid, file, mode)
}

/// The interposed symbols.
pub fn table() -> &'static [Interposed] {
    static TABLE: OnceLock<Vec<Interposed>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let e = |name: &'static CStr, real: usize, guarded: usize| Interposed { name, real, guarded };
        let mut table = vec![
            e(c"connect", libc::connect as *const () as usize, guarded_connect as *const () as usize),
            e(c"sendto", libc::sendto as *const () as usize, guarded_sendto as *const () as usize),
            e(c"sendmsg", libc::sendmsg as *const () as usize, guarded_sendmsg as *const () as usize),
            e(c"sendmmsg", libc::sendmmsg as *const () as usize, guarded_sendmmsg as *const () as usize),
            e(c"bind", libc::bind as *const () as usize, guarded_bind as *const () as usize),
            e(c"listen", libc::listen as *const () as usize, guarded_listen as *const () as usize),
            e(c"accept", libc::accept as *const () as usize, guarded_accept as *const () as usize),
            e(c"accept4", libc::accept4 as *const () as usize, guarded_accept4 as *const () as usize),
            e(c"socket", libc::socket as *const () as usize, guarded_socket as *const () as usize),
            e(c"getaddrinfo", libc::getaddrinfo as *const () as usize, guarded_getaddrinfo as *const () as usize),
            e(c"pthread_create", libc::pthread_create as *const () as usize, guarded_pthread_create as *const () as usize),
            e(c"dlopen", libc::dlopen as *const () as usize, guarded_dlopen as *const () as usize),
            e(c"dlsym", libc::dlsym as *const () as usize, super::lookup::dlsym_entry()),
            e(c"dlvsym", libc::dlvsym as *const () as usize, super::lookup::dlvsym_entry()),
            e(c"dlmopen", libc::dlmopen as *const () as usize, guarded_dlmopen as *const () as usize),
            // The C library's exported aliases of guarded functions (the same code).
            e(c"__connect", libc::connect as *const () as usize, guarded_connect as *const () as usize),
            e(c"__socket", libc::socket as *const () as usize, guarded_socket as *const () as usize),
            e(c"__sendmmsg", libc::sendmmsg as *const () as usize, guarded_sendmmsg as *const () as usize),
        ];
        table.extend(super::threads::entries());
        table.extend(super::loads::entries());
        table.extend(super::resolver::entries());
        table
    })
}

// ---------------------------------------------------------------------------------------
// Installing.

/// Install the guarded functions in every loaded object, and raise queued messages when
/// the VM is interrupted (right after the PHP function that queued them returns). Returns
/// the number of slots written.
pub fn install() -> usize {
    PINNED.store(pin_in_memory(), Ordering::Relaxed);
    // SAFETY: getauxval has no preconditions; AT_ENTRY is the main program's entry point.
    let entry = unsafe { libc::getauxval(libc::AT_ENTRY) } as usize;
    MAIN_BASE.store(super::got::object_containing(entry).unwrap_or(0), Ordering::Relaxed);
    crate::zend::interrupt::install_interrupt(raise_queued);
    super::got::skip_scan_of_loaded();
    super::loads::preload_nss();
    patch()
}

/// Keep this object mapped after PHP unloads it: a library may have kept a guarded
/// function's address (a `dlsym` result, an FFI function) past module shutdown, and calling
/// it must not jump into unmapped memory. (Shutdown restores every GOT slot; outside a
/// request a guarded function only calls the real one.)
fn pin_in_memory() -> bool {
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr fills `info` for an address in this object; dlopen with RTLD_NOLOAD
    // only adds a reference (and RTLD_NODELETE) to an object that is already loaded.
    unsafe {
        libc::dladdr(pin_in_memory as *const () as *const c_void, &mut info) != 0
            && !info.dli_fname.is_null()
            && !libc::dlopen(info.dli_fname, libc::RTLD_NOW | libc::RTLD_NOLOAD | libc::RTLD_NODELETE).is_null()
    }
}

/// Whether this object stays mapped after PHP unloads it (see [`pin_in_memory`]).
static PINNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Module shutdown. While this object stays mapped the guarded functions stay in place:
/// outside a request they only call the real ones, and a restart of PHP in the same
/// process (the embed SAPI) finds them installed. Walking every object again costs as much
/// as the start-up walk, so it is done only when the object could not be kept mapped.
pub fn uninstall() -> usize {
    crate::zend::interrupt::restore_interrupt();
    if PINNED.load(Ordering::Relaxed) {
        return 0;
    }
    super::got::restore_all(table())
}

/// When the VM is interrupted (queueing a message set `EG(vm_interrupt)`; the VM tests it
/// right after the internal function returns): raise what C libraries' refused calls
/// queued (on this thread, or on threads they started in this request), so the app's
/// error handler runs after the function, never inside a library.
fn raise_queued(interrupted: usize) {
    thread_local! {
        /// Set while this thread raises: the app's error handler runs PHP code, and the VM
        /// can be interrupted inside it (a library's thread queued more). Those wait for
        /// the handler to return, as they would for any PHP function.
        static RAISING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !messages::pending() || RAISING.try_with(|r| r.replace(true)).unwrap_or(true) {
        return;
    }
    // A message of a call still running (PHP code nested in it is running now) waits
    // until it returns.
    let running = |frame| crate::zend::interrupt::wake_when_returns(frame, interrupted);
    let taken = messages::take(running);
    // Those left now wait for their call, which wakes the VM again when it returns.
    let waiting = messages::pending();
    for (level, text) in taken {
        crate::zend::interrupt::raise(level == messages::Level::Warning, &text);
    }
    let _ = RAISING.try_with(|r| r.set(false));
    if !waiting && messages::pending() {
        // Queued while the app's error handler ran: said at the VM's next check.
        crate::zend::interrupt::wake(crate::zend::interrupt::this_threads_flag());
    }
}

/// This thread's id and its `EG(vm_interrupt)`, for [`requests::request_start`].
pub fn current_thread() -> (u64, usize) {
    (thread(), crate::zend::interrupt::this_threads_flag())
}
