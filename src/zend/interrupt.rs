//! Raising what a C library's call queued, after the PHP function that made the call
//! returns, with nothing of ours on PHP's internal-call path; and what that needs: the
//! running call's identity, the name a message is said as, and raising a message already
//! prefixed with a function's name.
//!
//! The libc layer must never raise a warning inside a C library's call (an app's error
//! handler would run there). It queues the message and sets the request thread's
//! `EG(vm_interrupt)` ([`wake`]), as PHP's own timeouts and pcntl's signals do. The VM
//! tests that flag after every internal call (`ZEND_VM_SET_OPCODE` in `DO_ICALL` and
//! `DO_FCALL`; `zend_call_function` after an internal function it called; the JIT after
//! its calls) and at loop back-edges, and then runs `zend_interrupt_function`: ours
//! ([`install_interrupt`]) raises the queued messages and calls the one installed before
//! it. `zend_execute_internal` stays unset, so PHP compiles and runs internal calls exactly
//! as stock PHP does (`DO_ICALL`, OPcache's folding, 8.4's frameless calls).

use std::ffi::{c_int, CString};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ext_php_rs::ffi::{self, zend_execute_data};

use super::E_WARNING;

type InterruptFn = unsafe extern "C" fn(*mut zend_execute_data);

extern "C" {
    /// Zend's hook run when the VM finds `EG(vm_interrupt)` set (NULL: none).
    static mut zend_interrupt_function: Option<InterruptFn>;
}

/// The interrupt function that was installed before ours (pcntl's), called after ours.
static PREVIOUS: AtomicUsize = AtomicUsize::new(0);
/// What to run on an interrupt (a `fn(usize)`, given the interrupted frame), 0 when not
/// installed.
static ON_INTERRUPT: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn interrupted(ex: *mut zend_execute_data) {
    let run = ON_INTERRUPT.load(Ordering::Relaxed);
    if run != 0 {
        // SAFETY: only ever stored from a `fn(usize)`.
        unsafe { std::mem::transmute::<usize, fn(usize)>(run)(ex as usize) };
    }
    let previous = PREVIOUS.load(Ordering::Relaxed);
    if previous != 0 {
        // SAFETY: the interrupt function installed before ours, with the frame PHP gave us.
        unsafe { std::mem::transmute::<usize, InterruptFn>(previous)(ex) };
    }
}

/// Run `run(frame)` whenever the VM is interrupted (module start-up), with the frame PHP
/// hands the interrupt function; the interrupt function installed before (pcntl's) keeps
/// running after it.
pub fn install_interrupt(run: fn(usize)) {
    ON_INTERRUPT.store(run as usize, Ordering::Relaxed);
    // SAFETY: module start-up, on PHP's one thread, before any script runs.
    unsafe {
        let current = zend_interrupt_function.map_or(0, |f| f as usize);
        if current != interrupted as *const () as usize {
            PREVIOUS.store(current, Ordering::Relaxed);
            zend_interrupt_function = Some(interrupted);
        }
    }
}

/// Remove ours (module shutdown), giving back the one installed before, if it is still
/// ours to remove.
pub fn restore_interrupt() {
    ON_INTERRUPT.store(0, Ordering::Relaxed);
    // SAFETY: module shutdown, on PHP's one thread.
    unsafe {
        if zend_interrupt_function.map(|f| f as usize) == Some(interrupted as *const () as usize) {
            let previous = PREVIOUS.swap(0, Ordering::Relaxed);
            zend_interrupt_function = (previous != 0).then(|| std::mem::transmute::<usize, InterruptFn>(previous));
        }
    }
}

/// The address of this thread's `EG(vm_interrupt)` (NTS: the process's; ZTS: this
/// thread's), taken at request start so that a library's thread can [`wake`] the request's.
pub fn this_threads_flag() -> usize {
    // SAFETY: the executor globals of the calling thread, live while it runs requests.
    unsafe { std::ptr::addr_of_mut!((*ffi::ext_php_rs_executor_globals()).vm_interrupt) as usize }
}

/// Set the flag at `flag` (an address from [`this_threads_flag`], 0: none): the request's
/// thread runs [`install_interrupt`]'s function at its next VM check. The caller keeps the
/// flag's thread alive (a request's own thread, or under the lock of the running requests).
pub fn wake(flag: usize) {
    if flag != 0 {
        // SAFETY: `flag` is a live zend_atomic_bool (a bool, C11 atomic or volatile), which
        // PHP's timers also set from other threads.
        unsafe { AtomicBool::from_ptr(flag as *mut bool) }.store(true, Ordering::SeqCst);
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

/// `ZEND_CALL_HAS_EXTRA_NAMED_PARAMS` (zend_compile.h, 8.2 to 8.4): the frame's
/// `extra_named_params` is set, and is released when the frame is left.
const CALL_HAS_EXTRA_NAMED_PARAMS: u32 = 1 << 27;
/// `ZEND_ACC_VARIADIC` (zend_compile.h, 8.2 to 8.4).
const ACC_VARIADIC: u32 = 1 << 14;
/// The key of the one element of [`wake_when_returns`]'s array.
const WAKE_KEY: &std::ffi::CStr = c"appengine_sockets";

thread_local! {
    /// Whether a frame given [`wake_when_returns`]'s array was left since the VM was last
    /// interrupted for a waiting message.
    static RELEASED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The frame last given that array.
    static WATCHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether the call frame at `frame` is still on this thread's VM stack (in its top page,
/// below its top): `zend_call_function` frees the frame of the call it made only after
/// looking at the flag, while a returning call's caller looks at it once every frame
/// nested in that call has been freed.
fn still_on_stack(frame: usize) -> bool {
    // SAFETY: this thread's executor globals; only addresses are compared.
    unsafe {
        let eg = ffi::ext_php_rs_executor_globals();
        let page = (*eg).vm_stack as usize;
        page != 0 && frame > page && frame < (*eg).vm_stack_top as usize
    }
}

/// The destructor of [`wake_when_returns`]'s array: its frame is being left.
unsafe extern "C" fn wake_on_release(value: *mut ffi::zval) {
    let _ = value;
    RELEASED.with(|r| r.set(true));
    wake(this_threads_flag());
}

/// `ZEND_INTERNAL_FUNCTION` (zend_compile.h).
const INTERNAL_FUNCTION: u8 = 1;

/// Whether the PHP call `frame` (a [`frame_key`]) is still running on this thread and will
/// wake the VM (see [`wake`]) when it returns; `false`: it has returned, or cannot be
/// watched (then its messages are raised now). `interrupted`: the frame PHP handed the
/// interrupt function. PHP 8.2 interrupts the VM after an internal call has been left
/// (with the caller's frame); 8.3 and later (`zend_fcall_interrupt`) just before, with the
/// returning call's own frame, still the current one: that call has returned; unless
/// PHP code nested in it has just ended (its frame was given the array) and
/// `zend_call_function` looks at the flag right after it, with the same frame: then the
/// call goes on, and the flag is set again for its return (outside the VM's loop, so
/// without interrupting again at once).
///
/// The VM is interrupted inside the call only when PHP code runs nested in it (an error
/// handler run for the function's own warning, a library's callback): the frame nested
/// directly in it is given an `extra_named_params` array of one element whose destructor
/// wakes the VM, which Zend releases when that frame is left (the VM and the JIT both do,
/// for every frame they leave), so the VM is interrupted again right after `frame`
/// returns. A frame that already has extra named parameters, or takes variadic ones, is
/// not watched.
pub fn wake_when_returns(frame: usize, interrupted: usize) -> bool {
    if frame == interrupted {
        let released = RELEASED.with(|r| r.replace(false));
        // SAFETY: `frame` is the frame PHP handed the interrupt function, live.
        let internal = unsafe {
            let func = (*(frame as *const zend_execute_data)).func;
            !func.is_null() && (*func).type_ == INTERNAL_FUNCTION
        };
        if released && internal && still_on_stack(WATCHED.with(|w| w.get())) {
            wake(this_threads_flag());
            return true;
        }
        return false;
    }
    // SAFETY: the chain from EG(current_execute_data) is this thread's live frames; the
    // frame given the array is one of them, owned by Zend until it is left.
    unsafe {
        let mut ex = (*ffi::ext_php_rs_executor_globals()).current_execute_data;
        let mut above: *mut zend_execute_data = std::ptr::null_mut();
        while !ex.is_null() && ex as usize != frame {
            above = ex;
            ex = (*ex).prev_execute_data;
        }
        if ex.is_null() {
            RELEASED.with(|r| r.set(false));
            return false;
        }
        // Nothing nested: the call itself (its caller releases the array; the JIT only for
        // calls that may pass named parameters).
        let watched = if above.is_null() { ex } else { above };
        let info = (*watched).This.u1.type_info;
        if info & CALL_HAS_EXTRA_NAMED_PARAMS != 0 {
            let named = (*watched).extra_named_params;
            let ours = wake_on_release as *const () as usize;
            return !named.is_null() && (*named).pDestructor.map(|f| f as usize) == Some(ours);
        }
        let func = (*watched).func;
        if func.is_null() || (*func).common.fn_flags & ACC_VARIADIC != 0 {
            return false;
        }
        let named = ffi::_zend_new_array(1);
        let mut null: ffi::zval = std::mem::zeroed();
        null.u1.type_info = ffi::IS_NULL;
        ffi::zend_hash_str_update(named, WAKE_KEY.as_ptr(), WAKE_KEY.to_bytes().len(), &mut null);
        (*named).pDestructor = Some(wake_on_release);
        (*watched).extra_named_params = named;
        WATCHED.with(|w| w.set(watched as usize));
        (*watched).This.u1.type_info = info | CALL_HAS_EXTRA_NAMED_PARAMS;
        true
    }
}

/// `ZEND_ACC_CALL_VIA_TRAMPOLINE` (zend_compile.h, 8.2 to 8.4).
const CALL_VIA_TRAMPOLINE: u32 = 1 << 18;

/// The name a library's thread started now says its messages as: the running PHP
/// function's ("curl_exec", "Memcached::set"), or "" for a function that dies with its
/// call (FFI's, made for one call). Only on the thread running the request.
pub fn starting_function_label() -> String {
    // SAFETY: EG(current_execute_data) is null or a live frame of this thread's request,
    // its function null or live.
    let trampoline = unsafe {
        let ex = (*ffi::ext_php_rs_executor_globals()).current_execute_data;
        ex.is_null() || (*ex).func.is_null() || (*(*ex).func).common.fn_flags & CALL_VIA_TRAMPOLINE != 0
    };
    if trampoline {
        String::new()
    } else {
        super::active_function_label()
    }
}

/// Raise an E_WARNING (`warning`) or E_NOTICE whose text already names its function.
pub fn raise(warning: bool, message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    let ty: c_int = if warning { E_WARNING } else { super::E_NOTICE };
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { super::zend_error(ty, c"%s".as_ptr(), text.as_ptr()) };
}
