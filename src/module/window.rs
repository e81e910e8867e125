//! A request's window: when the libc layer judges, from the first moment PHP code of a
//! request can run to the last.
//!
//! It opens when the SAPI activates the request (see [`super::apps`]), before any module's
//! request start-up: ext/session, registered before this module, opens the session in its
//! own RINIT with `session.auto_start` (a save handler's connection), and another module's
//! RINIT may run app code. It closes when the SAPI deactivates the request
//! ([`install`] puts [`deactivate_then_close`] in `sapi_module.deactivate`): after the
//! shutdown functions, destructors, output callbacks, every module's request shutdown
//! (ext/session's runs later than this module's and calls a user save handler's `write()`
//! and `close()`), the executor's own shutdown (destructors of objects made that late) and
//! every module's post-deactivation. This module's RINIT and RSHUTDOWN are too late and too
//! early for that: PHP runs request start-ups in registration order and shutdowns in
//! reverse, and this module is loaded after the built-in ones.

#![allow(unsafe_code)]

use ext_php_rs::ffi;

use super::sapi_hook::SapiHook;

/// `sapi_module.deactivate`, while [`deactivate_then_close`] stands in.
static DEACTIVATE: SapiHook = SapiHook::new();

/// The request's window opens (the SAPI activates it), on the request's thread.
pub fn open() {
    super::request_open();
}

/// This module's RINIT: open the window if the SAPI's activation did not (a SAPI that
/// replaced `sapi_module.activate` after this module's start-up).
pub fn open_unless_open() {
    if !crate::enforce::libc::in_request() {
        open();
    }
}

/// `sapi_module.deactivate` while this module is loaded: the SAPI's own first, then the
/// window closes.
unsafe extern "C" fn deactivate_then_close() -> std::ffi::c_int {
    let rc = DEACTIVATE.call_original();
    super::request_close();
    rc
}

/// Module start-up: close each request's window when the SAPI deactivates it.
pub fn install() {
    // SAFETY: sapi_module is the running SAPI's table; module start-up runs on one thread
    // before any request.
    unsafe { DEACTIVATE.install(&raw mut (*ffi::ext_php_rs_sapi_module()).deactivate, deactivate_then_close) }
}

/// Module shutdown: give the SAPI its own `deactivate` back (if it is still ours).
pub fn remove() {
    // SAFETY: as in install.
    unsafe { DEACTIVATE.remove(&raw mut (*ffi::ext_php_rs_sapi_module()).deactivate) }
}
