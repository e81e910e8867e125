//! Slots that could not be guarded, and failing closed while any is left.
//!
//! A GOT slot in an object's RELRO segment is written after `mprotect` made its page
//! writable; a system that refuses that (an SELinux or seccomp policy, a hardened kernel)
//! leaves the slot pointing at the real function, and the object's socket calls would go
//! past the layer. [`got`](super::got) reports each such slot here ([`failed`]); a later
//! walk that writes it ([`fixed`]) takes it off. While any slot is left, every socket
//! call the layer judges beneath C libraries is refused ([`refusal`], read by
//! [`super::verdicts`]): what PHP's own functions judged and approved keeps working by
//! the rules. The process says so once on PHP's error log ([`say_once`], at module
//! start-up and at each request start, on a PHP thread) and `php --ri` shows it
//! ([`describe`]). The calls of the unguarded object itself go to the real functions,
//! which no in-process layer can then see (docs/differences.md#not-covered).

#![allow(unsafe_code)]

use std::ffi::{c_void, CStr};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::sync::PthreadMutex;

/// How many slots are left unguarded now (read on every judged call: one atomic load).
static LEFT: AtomicUsize = AtomicUsize::new(0);

/// The unguarded slots' addresses, and the first failure's description.
static SLOTS: PthreadMutex<(Vec<usize>, String)> = PthreadMutex::new((Vec::new(), String::new()));

/// Whether the process has said so on PHP's error log.
static SAID: AtomicBool = AtomicBool::new(false);

/// `slot` could not be made writable (`errno`): it keeps the real function.
pub fn failed(slot: usize, errno: i32) {
    let mut s = SLOTS.lock();
    if s.0.contains(&slot) {
        return;
    }
    s.0.push(slot);
    if s.1.is_empty() {
        s.1 = format!("a GOT slot of {} (mprotect: {}, errno {errno})", object_of(slot), strerror(errno));
    }
    LEFT.store(s.0.len(), Ordering::Release);
}

/// `slot` was written: take it off the list if it was on it.
pub fn fixed(slot: usize) {
    if LEFT.load(Ordering::Acquire) == 0 {
        return;
    }
    let mut s = SLOTS.lock();
    s.0.retain(|&x| x != slot);
    LEFT.store(s.0.len(), Ordering::Release);
}

/// The refusal's reason while a slot is left unguarded; `None` otherwise.
pub fn refusal() -> Option<String> {
    if LEFT.load(Ordering::Acquire) == 0 {
        return None;
    }
    Some(format!(
        "refused until every C library's socket functions can be guarded ({} GOT slots could not be made writable)",
        LEFT.load(Ordering::Acquire)
    ))
}

/// For `php --ri`: the state of the guarded slots.
pub fn describe() -> String {
    let left = LEFT.load(Ordering::Acquire);
    if left == 0 {
        return "guarded in every object loaded".to_owned();
    }
    let first = SLOTS.lock().1.clone();
    format!("{left} GOT slots not guarded (first: {first}); socket calls beneath C libraries are refused")
}

/// On a PHP thread: put on PHP's error log, once per process, that slots are unguarded.
pub fn say_once() {
    if LEFT.load(Ordering::Acquire) == 0 || SAID.swap(true, Ordering::AcqRel) {
        return;
    }
    let first = SLOTS.lock().1.clone();
    crate::zend::log_error(&format!(
        "appengine_sockets: cannot guard {first}; socket calls beneath C libraries are refused until it is fixed"
    ));
}

/// The file name of the object `address` is in.
fn object_of(address: usize) -> String {
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr only reads the dynamic linker's tables, for any address.
    let found = unsafe { libc::dladdr(address as *const c_void, &mut info) } != 0;
    if !found || info.dli_fname.is_null() {
        return format!("the object at {address:#x}");
    }
    // SAFETY: dladdr's file name is a NUL-terminated string the dynamic linker keeps.
    let name = unsafe { CStr::from_ptr(info.dli_fname) }.to_string_lossy().into_owned();
    if name.is_empty() {
        "the main program".to_owned()
    } else {
        name
    }
}

fn strerror(errno: i32) -> String {
    std::io::Error::from_raw_os_error(errno).kind().to_string()
}
