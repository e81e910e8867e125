//! Every way a C library has glibc start a thread that runs its code, guarded so that the
//! thread belongs to the request that asked for it.
//!
//! `pthread_create` is guarded in [`super::hooks`]. glibc starts threads for a library's
//! code through four more doors, none of which goes through the `pthread_create` GOT slot
//! (they call glibc's internal one): C11 `thrd_create` (librdkafka's broker threads), and
//! the `SIGEV_THREAD` notifications of POSIX timers (`timer_create`), message queues
//! (`mq_notify`), POSIX AIO (`aio_read`, `aio_write`, `aio_fsync`, `lio_listio`) and
//! `getaddrinfo_a`, each of which runs the library's function on a new thread. On a judged
//! thread each guard hands glibc a start of its own ([`c11_start`], [`notified`]) that first
//! makes the new thread take on the request (as [`super::judge::inherit`] does for
//! `pthread_create`), then runs the library's function. glibc's own helper threads (the
//! timer's signal thread, AIO's workers, `getaddrinfo_a`'s lookups) run only glibc code.
//! A thread started by none of these doors (a raw `clone`) is not the request's: see the
//! README's "not covered" list.

#![allow(unsafe_code)]

use std::ffi::{c_int, c_void, CStr};
use std::sync::OnceLock;

use super::got::Interposed;
use super::requests::{self, Inheritance};

/// `struct sigevent` (64 bytes) with the `SIGEV_THREAD` members of its union.
#[repr(C)]
pub struct SigEvent {
    value: *mut c_void,
    signo: c_int,
    notify: c_int,
    function: Option<Notify>,
    attributes: *mut c_void,
    _pad: [c_int; 8],
}

/// A `SIGEV_THREAD` function: `union sigval` is passed as one pointer-sized integer.
type Notify = unsafe extern "C-unwind" fn(*mut c_void);

/// A C11 thread's routine.
type C11Start = unsafe extern "C-unwind" fn(*mut c_void) -> c_int;

const SIGEV_THREAD: c_int = 2;

/// glibc's functions behind the guards, found in the C library by name at start-up.
struct Reals {
    thrd_create: usize,
    timer_create: usize,
    mq_notify: usize,
    getaddrinfo_a: usize,
    aio_read: usize,
    aio_write: usize,
    aio_fsync: usize,
    lio_listio: usize,
}

fn reals() -> &'static Reals {
    static REALS: OnceLock<Reals> = OnceLock::new();
    REALS.get_or_init(|| {
        let find = super::lookup::in_libc;
        Reals {
            thrd_create: find(c"thrd_create"),
            timer_create: find(c"timer_create"),
            mq_notify: find(c"mq_notify"),
            getaddrinfo_a: find(c"getaddrinfo_a"),
            aio_read: find(c"aio_read"),
            aio_write: find(c"aio_write"),
            aio_fsync: find(c"aio_fsync"),
            lio_listio: find(c"lio_listio"),
        }
    })
}

/// The guarded functions of this file, for [`super::hooks::table`]. `aio_*64` are the same
/// functions as `aio_*` on x86-64 (objects built with 64-bit file offsets import them).
pub fn entries() -> Vec<Interposed> {
    let r = reals();
    let e = |name: &'static CStr, real: usize, guarded: usize| Interposed { name, real, guarded };
    let mut v = vec![
        e(c"thrd_create", r.thrd_create, guarded_thrd_create as *const () as usize),
        e(c"timer_create", r.timer_create, guarded_timer_create as *const () as usize),
        e(c"mq_notify", r.mq_notify, guarded_mq_notify as *const () as usize),
        e(c"getaddrinfo_a", r.getaddrinfo_a, guarded_getaddrinfo_a as *const () as usize),
        e(c"aio_read", r.aio_read, guarded_aio_read as *const () as usize),
        e(c"aio_read64", r.aio_read, guarded_aio_read as *const () as usize),
        e(c"aio_write", r.aio_write, guarded_aio_write as *const () as usize),
        e(c"aio_write64", r.aio_write, guarded_aio_write as *const () as usize),
        e(c"aio_fsync", r.aio_fsync, guarded_aio_fsync as *const () as usize),
        e(c"aio_fsync64", r.aio_fsync, guarded_aio_fsync as *const () as usize),
        e(c"lio_listio", r.lio_listio, guarded_lio_listio as *const () as usize),
        e(c"lio_listio64", r.lio_listio, guarded_lio_listio as *const () as usize),
    ];
    // A C library without one of them (none today): leave its slots alone.
    v.retain(|e| e.real != 0);
    v
}

// ---------------------------------------------------------------------------------------
// C11 threads.

struct C11 {
    routine: C11Start,
    arg: *mut c_void,
    from: Inheritance,
    /// The starting thread's signal mask (see [`super::hooks::block_signals`]).
    mask: libc::sigset_t,
}

unsafe extern "C" fn guarded_thrd_create(thread: *mut libc::pthread_t, routine: Option<C11Start>, arg: *mut c_void) -> c_int {
    // SAFETY: the C library's thrd_create, found by name.
    let real: unsafe extern "C" fn(*mut libc::pthread_t, Option<C11Start>, *mut c_void) -> c_int =
        std::mem::transmute(reals().thrd_create);
    let (Some(routine), true) = (routine, requests::enforcing()) else {
        return real(thread, routine, arg);
    };
    let Some(from) = requests::inheritance(crate::zend::interrupt::starting_function_label) else {
        return real(thread, Some(routine), arg);
    };
    let mask = super::hooks::block_signals();
    let start = Box::into_raw(Box::new(C11 { routine, arg, from, mask }));
    let rc = real(thread, Some(c11_start), start.cast());
    super::hooks::unblock_signals(&mask);
    // thrd_success is 0: any other result started no thread.
    if rc != 0 {
        drop(Box::from_raw(start));
    }
    rc
}

/// The first frame of a C11 thread started in a request: inherit, then run the routine.
unsafe extern "C-unwind" fn c11_start(start: *mut c_void) -> c_int {
    // SAFETY: the Box guarded_thrd_create handed to this thread alone.
    let C11 { routine, arg, from, mask } = *Box::from_raw(start.cast::<C11>());
    requests::inherit(from);
    super::hooks::unblock_signals(&mask);
    routine(arg)
}

// ---------------------------------------------------------------------------------------
// SIGEV_THREAD notifications.

/// What a notification thread needs: the library's function and value, what it inherits,
/// and (AIO, which reads the caller's own `aiocb` when the operation completes) the
/// caller's `sigevent` to give its function and value back before the function runs.
struct Notification {
    function: Notify,
    value: *mut c_void,
    from: Inheritance,
    /// One-shot notifications (all but timers) free this after their one call.
    once: bool,
    restore: *mut SigEvent,
}

/// A notification thread started for a request: inherit, then run the library's function.
unsafe extern "C-unwind" fn notified(data: *mut c_void) {
    let n = data.cast::<Notification>();
    let (function, value) = ((*n).function, (*n).value);
    requests::inherit((*n).from.clone());
    if (*n).once {
        let n = Box::from_raw(n);
        if !n.restore.is_null() {
            (*n.restore).function = Some(n.function);
            (*n.restore).value = n.value;
        }
    }
    function(value)
}

/// A copy of `sev` whose `SIGEV_THREAD` function is [`notified`], when the calling thread
/// is judged; `None` to call glibc with `sev` unchanged.
unsafe fn wrapped(sev: *const SigEvent, once: bool) -> Option<SigEvent> {
    if sev.is_null() || (*sev).notify != SIGEV_THREAD || !requests::enforcing() {
        return None;
    }
    let function = (*sev).function?;
    let from = requests::inheritance(crate::zend::interrupt::starting_function_label)?;
    let n = Box::into_raw(Box::new(Notification {
        function,
        value: (*sev).value,
        from,
        once,
        restore: std::ptr::null_mut(),
    }));
    Some(SigEvent {
        value: n.cast(),
        signo: (*sev).signo,
        notify: SIGEV_THREAD,
        function: Some(notified),
        attributes: (*sev).attributes,
        _pad: [0; 8],
    })
}

/// Free what [`wrapped`] made, when glibc refused the call (no notification will come).
unsafe fn unwrap_failed(w: &SigEvent) {
    drop(Box::from_raw(w.value.cast::<Notification>()));
}

/// A timer's notification may run many times: what it carries is kept for the process's
/// life (one small allocation per timer a request creates with `SIGEV_THREAD`).
unsafe extern "C" fn guarded_timer_create(clock: libc::clockid_t, sev: *const SigEvent, timer: *mut libc::timer_t) -> c_int {
    let real: unsafe extern "C" fn(libc::clockid_t, *const SigEvent, *mut libc::timer_t) -> c_int =
        std::mem::transmute(reals().timer_create);
    match wrapped(sev, false) {
        None => real(clock, sev, timer),
        Some(w) => {
            let rc = real(clock, &w, timer);
            if rc != 0 {
                unwrap_failed(&w);
            }
            rc
        }
    }
}

unsafe extern "C" fn guarded_mq_notify(q: libc::mqd_t, sev: *const SigEvent) -> c_int {
    let real: unsafe extern "C" fn(libc::mqd_t, *const SigEvent) -> c_int = std::mem::transmute(reals().mq_notify);
    match wrapped(sev, true) {
        None => real(q, sev),
        Some(w) => {
            let rc = real(q, &w);
            if rc != 0 {
                unwrap_failed(&w);
            }
            rc
        }
    }
}

unsafe extern "C" fn guarded_getaddrinfo_a(mode: c_int, list: *mut *mut c_void, n: c_int, sev: *const SigEvent) -> c_int {
    let real: unsafe extern "C" fn(c_int, *mut *mut c_void, c_int, *const SigEvent) -> c_int =
        std::mem::transmute(reals().getaddrinfo_a);
    match wrapped(sev, true) {
        None => real(mode, list, n, sev),
        Some(w) => {
            let rc = real(mode, list, n, &w);
            if rc != 0 {
                unwrap_failed(&w);
            }
            rc
        }
    }
}

/// `struct aiocb`'s `aio_sigevent`: glibc reads it from the caller's `aiocb` when the
/// operation completes, so it is rewritten in place (and given back by [`notified`]).
const AIOCB_SIGEVENT: usize = 32;

/// Point an `aiocb`'s `SIGEV_THREAD` notification at [`notified`]; returns what to undo
/// when glibc refuses the operation.
unsafe fn wrap_aiocb(cb: *mut c_void) -> Option<(*mut SigEvent, Notify, *mut c_void)> {
    if cb.is_null() {
        return None;
    }
    let sev = cb.cast::<u8>().add(AIOCB_SIGEVENT).cast::<SigEvent>();
    let w = wrapped(sev, true)?;
    let old = ((*sev).function?, (*sev).value);
    (*w.value.cast::<Notification>()).restore = sev;
    (*sev).function = w.function;
    (*sev).value = w.value;
    Some((sev, old.0, old.1))
}

unsafe fn unwrap_aiocb(undo: Option<(*mut SigEvent, Notify, *mut c_void)>) {
    if let Some((sev, function, value)) = undo {
        drop(Box::from_raw((*sev).value.cast::<Notification>()));
        (*sev).function = Some(function);
        (*sev).value = value;
    }
}

unsafe fn aio(real: usize, cb: *mut c_void) -> c_int {
    let real: unsafe extern "C" fn(*mut c_void) -> c_int = std::mem::transmute(real);
    let undo = wrap_aiocb(cb);
    let rc = real(cb);
    if rc != 0 {
        unwrap_aiocb(undo);
    }
    rc
}

unsafe extern "C" fn guarded_aio_read(cb: *mut c_void) -> c_int {
    aio(reals().aio_read, cb)
}

unsafe extern "C" fn guarded_aio_write(cb: *mut c_void) -> c_int {
    aio(reals().aio_write, cb)
}

unsafe extern "C" fn guarded_aio_fsync(op: c_int, cb: *mut c_void) -> c_int {
    let real: unsafe extern "C" fn(c_int, *mut c_void) -> c_int = std::mem::transmute(reals().aio_fsync);
    let undo = wrap_aiocb(cb);
    let rc = real(op, cb);
    if rc != 0 {
        unwrap_aiocb(undo);
    }
    rc
}

/// `lio_listio`: each `aiocb`'s notification, and the list's own (`LIO_NOWAIT`). When it
/// fails, some operations may have been queued all the same: their notifications stay
/// wrapped (they free themselves when they run).
unsafe extern "C" fn guarded_lio_listio(mode: c_int, list: *const *mut c_void, n: c_int, sev: *const SigEvent) -> c_int {
    let real: unsafe extern "C" fn(c_int, *const *mut c_void, c_int, *const SigEvent) -> c_int =
        std::mem::transmute(reals().lio_listio);
    if !list.is_null() {
        for i in 0..usize::try_from(n).unwrap_or(0) {
            wrap_aiocb(*list.add(i));
        }
    }
    match wrapped(sev, true) {
        None => real(mode, list, n, sev),
        Some(w) => {
            let rc = real(mode, list, n, &w);
            if rc != 0 && *libc::__errno_location() == libc::EINVAL {
                unwrap_failed(&w);
            }
            rc
        }
    }
}

// `struct sigevent` is 64 bytes.
const _: () = assert!(std::mem::size_of::<SigEvent>() == 64);
