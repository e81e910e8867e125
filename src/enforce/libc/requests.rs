//! Who is judged: which thread's socket calls belong to which request.
//!
//! A request is judged on the thread running it from [`request_start`] to [`request_end`],
//! and on every thread a C library started from a judged thread ([`inheritance`] on the
//! starting thread, [`inherit`] first thing on the new one): a library's thread belongs to
//! the request (and app) that started it. Each running request is listed in [`LIVE`] with
//! what its threads share: the names its libraries resolved ([`super::names`]) and the
//! messages its libraries' threads queued ([`super::messages`]). Every other thread
//! (start-up, shutdown, a server's own threads, a worker between requests) is not judged.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};


use crate::guard;
use crate::state;
use crate::sync::PthreadMutex;

use super::messages::{self, Hot, Level, SLOTS};
use super::names::Names;

/// The request a thread's calls belong to: the thread running it, and the request's number
/// in this process ([`SEQUENCE`]: no two requests share one, even when a thread id is
/// reused by a later thread under ZTS). `thread == 0`: none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owner {
    pub(super) thread: u64,
    request: u64,
}

const NO_OWNER: Owner = Owner { thread: 0, request: 0 };

/// The number of the last request started in this process.
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// What a thread a C library starts inherits from the thread starting it (see
/// [`inheritance`]): the request its calls belong to, and that request's app id.
#[derive(Clone, Debug)]
pub struct Inheritance {
    pub(super) owner: Owner,
    pub(super) slot: usize,
    app_id: String,
    /// The ACL the request started with.
    acl: Option<crate::acl::Snapshot>,
    /// The PHP function running when the thread was started, which its messages name.
    function: String,
}

/// What the guarded functions read on every call, in one thread-local (one look-up).
pub(super) struct Local {
    /// Whether this thread is running a PHP request (a library's own threads never are).
    pub(super) in_request: Cell<bool>,
    /// The request this thread's calls are judged for: the thread's own request, the one
    /// that started this thread (a library's thread), or none (never judged).
    pub(super) owner: Cell<Owner>,
    /// This thread's mail slot (see [`messages::MAIL`]), for its request or the one it inherited.
    pub(super) slot: Cell<usize>,
    /// What [`messages::pending`] reads when the VM is interrupted.
    pub(super) hot: Cell<Hot>,
    /// The request's `EG(vm_interrupt)` (see [`crate::zend::interrupt::wake`]), set when a
    /// message is queued on this thread (0: none).
    pub(super) wake: Cell<usize>,
}

thread_local! {
    pub(super) static LOCAL: Local = const {
        Local {
            in_request: Cell::new(false),
            owner: Cell::new(NO_OWNER),
            slot: Cell::new(0),
            hot: Cell::new(Hot { own: false, watch: 0 }),
            wake: Cell::new(0),
        }
    };
    /// A library's thread: the app id of the request that started it (logged with its
    /// decisions).
    static INHERITED_APP: RefCell<String> = const { RefCell::new(String::new()) };
    /// A library's thread: the PHP function its messages name (see [`Inheritance`]).
    static INHERITED_FUNCTION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Whether calls on this thread are judged now: it runs a PHP request, or a C library
/// started it (or its ancestor) in one. Threads a server starts outside requests (its
/// listener, its workers), PHP's start-up and shutdown, php-fpm's master and a worker
/// between requests pass through untouched.
#[inline]
pub fn enforcing() -> bool {
    LOCAL.with(|l| l.owner.get().thread != 0)
}

/// A request starts on this thread (`thread`: its id; `wake`: the address of its
/// `EG(vm_interrupt)`, set when a message is queued for it).
pub fn request_start(thread: u64, wake: usize) {
    let n = SEQUENCE.fetch_add(1, Ordering::Relaxed) + 1;
    let owner = Owner { thread, request: n };
    guard::forget_approvals();
    messages::forget_own();
    let slot = {
        let mut live = LIVE.lock();
        // A request of this thread that never ended (a bailout past request end).
        live.retain(|l| l.owner.thread != thread);
        let slot = (0..SLOTS).find(|&s| !live.iter().any(|l| l.slot == s)).unwrap_or(live.len() % SLOTS);
        live.push(Live {
            owner,
            slot,
            names: Names::default(),
            mail: Vec::new(),
            wake,
        });
        slot
    };
    LOCAL.with(|l| {
        l.slot.set(slot);
        l.owner.set(owner);
        l.wake.set(wake);
        l.in_request.set(true);
    });
}

/// The request on this thread ends: stop judging, and forget the request's names and
/// queued messages (those its libraries' threads queue later are dropped).
pub fn request_end() {
    if LOCAL.with(|l| l.in_request.replace(false)) {
        let owner = LOCAL.with(|l| l.owner.replace(NO_OWNER));
        let mut live = LIVE.lock();
        if let Some(i) = live.iter().position(|l| l.owner == owner) {
            let slot = live.swap_remove(i).slot;
            messages::refresh_mail(&live, slot);
        }
    }
    messages::forget_own();
    guard::forget_approvals();
}

/// Whether the calling thread runs a PHP request (only then may PHP's state be read).
pub(super) fn on_php_thread(_thread: u64) -> bool {
    LOCAL.with(|l| l.in_request.get())
}

/// What a thread being started now inherits, when the starting thread is judged (it runs
/// a request, or a library started it in one); `None` otherwise: the new thread is not
/// judged.
/// `function()`: on a request's thread, the PHP function running now, which the new
/// thread's messages name.
pub fn inheritance(function: impl FnOnce() -> String) -> Option<Inheritance> {
    let owner = LOCAL.with(|l| l.owner.get());
    if owner.thread == 0 {
        return None;
    }
    let slot = LOCAL.with(|l| l.slot.get());
    let (app_id, function) = if LOCAL.with(|l| l.in_request.get()) {
        // From now on this request's thread watches its mail flag.
        LOCAL.with(|l| l.hot.set(Hot { watch: slot + 1, ..l.hot.get() }));
        (state::with_app_id(str::to_owned), function())
    } else {
        (inherited_app(), inherited_function())
    };
    // The ACL the request started with (a library's thread hands on what it inherited).
    Some(Inheritance { owner, slot, app_id, acl: crate::acl::snapshot(), function })
}

/// The first thing a thread started with an [`Inheritance`] does: its calls belong to
/// that request from now on.
pub fn inherit(from: Inheritance) {
    LOCAL.with(|l| {
        l.owner.set(from.owner);
        l.slot.set(from.slot);
    });
    crate::metrics::inherit_app(&from.app_id);
    let _ = INHERITED_APP.try_with(|a| *a.borrow_mut() = from.app_id);
    crate::acl::inherit(from.acl);
    let _ = INHERITED_FUNCTION.try_with(|f| *f.borrow_mut() = from.function);
}
// ---------------------------------------------------------------------------------------
// What a request shares with its libraries' threads.

/// One running request: the names its libraries resolved (on any of its threads), the
/// messages its libraries' threads queued for it, and its thread's `EG(vm_interrupt)`.
pub(super) struct Live {
    pub(super) owner: Owner,
    pub(super) slot: usize,
    pub(super) names: Names,
    pub(super) mail: Vec<(Level, String)>,
    pub(super) wake: usize,
}

/// The running requests (NTS: one at most; ZTS: one per thread in a request).
pub(super) static LIVE: PthreadMutex<Vec<Live>> = PthreadMutex::new(Vec::new());

/// A library's thread: the app id of the request that started it ("" once the thread's
/// thread-locals are destroyed: a `pthread_key` destructor at the thread's exit).
pub(super) fn inherited_app() -> String {
    INHERITED_APP.try_with(|a| a.borrow().clone()).unwrap_or_default()
}

/// A library's thread: the PHP function that started it, which its messages name ("" as
/// for [`inherited_app`]).
pub(super) fn inherited_function() -> String {
    INHERITED_FUNCTION.try_with(|f| f.borrow().clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each test runs on a thread of its own, with its own made-up thread id for requests.

    #[test]
    fn judged_threads_are_a_requests_and_the_threads_it_started() {
        assert!(!enforcing(), "a thread outside any request");
        assert!(inheritance(String::new).is_none(), "nothing to inherit outside a request");
        request_start(0x1003, 0);
        assert!(enforcing());
        let from = inheritance(String::new).expect("a request's thread hands on its request");
        let (child, grandchild) = std::thread::spawn(move || {
            let before = enforcing();
            inherit(from);
            let grandchild = inheritance(String::new).map(|g| std::thread::spawn(move || {
                inherit(g);
                enforcing()
            }));
            (before, enforcing() && grandchild.is_some_and(|g| g.join().unwrap()))
        })
        .join()
        .unwrap();
        assert!(!child, "a new thread is judged only once it inherited");
        assert!(grandchild, "a library thread's own threads belong to the same request");
        assert!(!std::thread::spawn(enforcing).join().unwrap(), "a thread started plainly");
        request_end();
        assert!(!enforcing());
    }

}
