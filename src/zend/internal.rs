//! The hook around internal function calls, and what it needs: the running call's
//! identity and raising a message already prefixed with a function's name.
//!
//! The libc layer must never raise a warning inside a C library's call (an app's error
//! handler would run there). It queues the message and raises it from
//! [`install_after_internal_call`]'s callback, which Zend's `zend_execute_internal` hook
//! runs right after every internal function returns, with the returning call's frame.

use std::ffi::{c_int, CString};
use std::sync::atomic::{AtomicUsize, Ordering};

use ext_php_rs::ffi::{self, zend_execute_data, zval};

use super::E_WARNING;

type Handler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);

extern "C" {
    /// Zend's hook around every internal function call (NULL: call the handler).
    static mut zend_execute_internal: Option<Handler>;
    /// Zend's default: run the internal function's handler.
    fn execute_internal(ex: *mut zend_execute_data, rv: *mut zval);
}

/// The hook that was installed before ours (another extension's), called in our place.
static PREVIOUS: AtomicUsize = AtomicUsize::new(0);
/// The callback run after each internal call (a `fn(usize)`), 0 when not installed.
static AFTER: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn guarded_execute_internal(ex: *mut zend_execute_data, rv: *mut zval) {
    let previous = PREVIOUS.load(Ordering::Relaxed);
    // SAFETY: PHP hands this hook a live call frame and return value; `previous` is 0 or
    // the hook that was installed before this one.
    unsafe {
        if previous == 0 {
            execute_internal(ex, rv);
        } else {
            std::mem::transmute::<usize, Handler>(previous)(ex, rv);
        }
    }
    let after = AFTER.load(Ordering::Relaxed);
    if after != 0 {
        // SAFETY: only ever stored from a `fn(usize)`.
        let after = unsafe { std::mem::transmute::<usize, fn(usize)>(after) };
        after(ex as usize);
    }
}

/// Run `after(frame)` right after every internal function returns (module start-up). The
/// hook another extension installed before is kept and runs the function.
pub fn install_after_internal_call(after: fn(usize)) {
    AFTER.store(after as usize, Ordering::Relaxed);
    // SAFETY: module start-up, on PHP's one thread, before any script runs.
    unsafe {
        let current = zend_execute_internal.map_or(0, |f| f as usize);
        if current != guarded_execute_internal as *const () as usize {
            PREVIOUS.store(current, Ordering::Relaxed);
            zend_execute_internal = Some(guarded_execute_internal);
        }
    }
}

/// Remove the hook (module shutdown), giving back the one installed before, if it is
/// still ours to remove.
pub fn restore_internal_call_hook() {
    AFTER.store(0, Ordering::Relaxed);
    // SAFETY: module shutdown, on PHP's one thread.
    unsafe {
        if zend_execute_internal.map(|f| f as usize) == Some(guarded_execute_internal as *const () as usize) {
            let previous = PREVIOUS.swap(0, Ordering::Relaxed);
            zend_execute_internal = (previous != 0).then(|| std::mem::transmute::<usize, Handler>(previous));
        }
    }
}

/// The PHP call running now, as (frame, function) addresses: (0, 0) outside a call.
/// Only meaningful on the thread running the request.
pub fn frame_key() -> (usize, usize) {
    // SAFETY: EG(current_execute_data) is null or a live frame of this thread's request.
    unsafe {
        // NTS: the process's executor globals; ZTS: this thread's, through TSRM.
        let ex = (*ffi::ext_php_rs_executor_globals()).current_execute_data;
        if ex.is_null() {
            (0, 0)
        } else {
            (ex as usize, (*ex).func as usize)
        }
    }
}

/// The name of the internal function whose call `frame` is returning, as PHP's messages
/// name it ("curl_exec", "Memcached::set"), for the hook's callback; "" when the call left
/// no function behind (FFI's calls free theirs before they return).
pub fn returning_function_label(frame: usize) -> String {
    if frame == 0 {
        return String::new();
    }
    // SAFETY: `frame` is the live frame of the internal call the hook is returning from;
    // its function, when still there, and the function's name and scope are live too.
    unsafe {
        let func = (*(frame as *const zend_execute_data)).func;
        if func.is_null() || (*func).common.function_name.is_null() {
            return String::new();
        }
        let text = |s: *const ffi::zend_string| {
            String::from_utf8_lossy(std::slice::from_raw_parts((*s).val.as_ptr().cast::<u8>(), (*s).len)).into_owned()
        };
        let name = text((*func).common.function_name);
        let scope = (*func).common.scope;
        if scope.is_null() || (*scope).name.is_null() {
            name
        } else {
            format!("{}::{name}", text((*scope).name))
        }
    }
}

/// Raise an E_WARNING (`warning`) or E_NOTICE whose text already names its function.
pub fn raise(warning: bool, message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    let ty: c_int = if warning { E_WARNING } else { super::E_NOTICE };
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { super::zend_error(ty, c"%s".as_ptr(), text.as_ptr()) };
}
