//! The handler swap: each replaced function's `zend_internal_function.handler` is pointed
//! at a Rust handler that runs the function's logic with the saved original.

#![allow(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use ext_php_rs::ffi::{self, zend_execute_data, zend_function, zval};

use crate::zend::call::Handler;
use crate::zend::{Call, Original};

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
    let original = unsafe { Original::from_raw(raw) };
    // SAFETY: PHP's frame and return value for this handler.
    let mut call = unsafe { Call::from_raw(ex, rv) };
    // What the function judges and approves holds only while it runs.
    crate::guard::scope(|| logic(&mut call, original));
}

/// Build the table of replaced functions: `replaced_functions![name => logic, ...]`.
macro_rules! replaced_functions {
    ($($name:ident => $logic:path),* $(,)?) => {
        &[$({
            static ORIGINAL: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);
            #[allow(unsafe_code)]
            unsafe extern "C" fn handler(ex: *mut ::ext_php_rs::ffi::zend_execute_data, rv: *mut ::ext_php_rs::ffi::zval) {
                // SAFETY: PHP calls this as the function's handler.
                unsafe { $crate::enforce::functions::swap::dispatch(ex, rv, &ORIGINAL, $logic) }
            }
            $crate::enforce::functions::swap::Replaced::new(stringify!($name), handler, &ORIGINAL)
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
    // SAFETY: CG(function_table) is the table of internal functions; at start-up and
    // shutdown, the only times this runs, it is the process's (under ZTS, the starting
    // thread's CG, reached through TSRM, which every thread's copy is made from).
    unsafe {
        let table = (*ffi::ext_php_rs_compiler_globals()).function_table;
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