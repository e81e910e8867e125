//! A mutex on the C library's `pthread_mutex_t`, for what threads share while requests
//! run: what a request shares with the threads its C libraries start (names they resolved,
//! messages they queued: [`crate::enforce::libc`]), and what those threads could not log.
//!
//! Rust's `std::sync::Mutex` locks with a futex of its own, which thread checkers such as
//! valgrind's helgrind and DRD do not see: every use of the data it protects from two
//! threads would be reported as a race. A `pthread_mutex_t` is what they understand (and
//! what the C libraries around it use), at the same cost when uncontended.
//!
//! This object's own calls go to the C library directly (its GOT is never patched), so
//! locking here never re-enters the libc layer's guarded functions.
//!
//! A `fork()` (`pcntl_fork()`, a library's own) copies only the forking thread: a mutex
//! another thread held at that moment would stay locked in the child for ever, and the
//! child's first guarded call would hang. Every mutex here is registered, at its first
//! lock, with `pthread_atfork` handlers that take them all before the fork and release
//! them after it in the parent and the child.

#![allow(unsafe_code)]

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::Once;

/// A value behind a `pthread_mutex_t`, usable in a `static`.
pub struct PthreadMutex<T> {
    mutex: UnsafeCell<libc::pthread_mutex_t>,
    value: UnsafeCell<T>,
    /// Whether the fork handlers know this mutex.
    registered: AtomicBool,
}

// SAFETY: the value is only reached through a guard, which holds the mutex.
unsafe impl<T: Send> Sync for PthreadMutex<T> {}
// SAFETY: as above; the mutex itself may move between threads while unlocked.
unsafe impl<T: Send> Send for PthreadMutex<T> {}

impl<T> PthreadMutex<T> {
    /// A new, unlocked mutex (a default `pthread_mutex_t`: not recursive, not robust).
    pub const fn new(value: T) -> Self {
        PthreadMutex {
            mutex: UnsafeCell::new(libc::PTHREAD_MUTEX_INITIALIZER),
            value: UnsafeCell::new(value),
            registered: AtomicBool::new(false),
        }
    }

    /// Lock, waiting for the mutex. Never call it again on the same thread while the
    /// guard lives (a default mutex would deadlock).
    pub fn lock(&'static self) -> Guard<'static, T> {
        if !self.registered.load(Ordering::Acquire) {
            register_for_fork(self.mutex.get(), &self.registered);
        }
        // SAFETY: the mutex was initialised statically and is never moved while locked (a
        // guard borrows it); pthread_mutex_lock of a default mutex only fails on deadlock
        // detection, which a default mutex does not do.
        unsafe { libc::pthread_mutex_lock(self.mutex.get()) };
        Guard { lock: self, _not_send: PhantomData }
    }
}

/// The locked value; unlocks when dropped (on the thread that locked: not `Send`).
pub struct Guard<'a, T> {
    lock: &'a PthreadMutex<T>,
    _not_send: PhantomData<*const ()>,
}

impl<T> Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the mutex is held.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the mutex is held, and this guard is borrowed mutably.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        // SAFETY: this thread holds the mutex.
        unsafe { libc::pthread_mutex_unlock(self.lock.mutex.get()) };
    }
}

/// The mutexes the fork handlers take and release (statics: they live for ever).
const MAX_MUTEXES: usize = 16;
static FORK_MUTEXES: [AtomicPtr<libc::pthread_mutex_t>; MAX_MUTEXES] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_MUTEXES];
static FORK_COUNT: AtomicUsize = AtomicUsize::new(0);
/// How many of them [`before_fork`] took.
static LOCKED_FOR_FORK: AtomicUsize = AtomicUsize::new(0);
/// Serialises registrations (never taken by the fork handlers).
static REGISTERING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn register_for_fork(mutex: *mut libc::pthread_mutex_t, registered: &AtomicBool) {
    static HANDLERS: Once = Once::new();
    HANDLERS.call_once(|| {
        // SAFETY: the handlers only lock and unlock registered static mutexes.
        unsafe { libc::pthread_atfork(Some(before_fork), Some(after_fork), Some(after_fork)) };
    });
    let _serial = REGISTERING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if registered.load(Ordering::Acquire) {
        return;
    }
    let n = FORK_COUNT.load(Ordering::Acquire);
    if n < MAX_MUTEXES {
        FORK_MUTEXES[n].store(mutex, Ordering::Release);
        FORK_COUNT.store(n + 1, Ordering::Release);
    }
    registered.store(true, Ordering::Release);
}

/// `fork()`'s prepare handler: take every registered mutex (in registration order; no
/// code holds two of them at once, so no order can deadlock).
extern "C" fn before_fork() {
    let n = FORK_COUNT.load(Ordering::Acquire);
    LOCKED_FOR_FORK.store(n, Ordering::Release);
    for m in FORK_MUTEXES.iter().take(n) {
        // SAFETY: a registered static mutex.
        unsafe { libc::pthread_mutex_lock(m.load(Ordering::Acquire)) };
    }
}

/// `fork()`'s parent and child handlers: the forking thread holds every registered mutex
/// (taken by [`before_fork`]); release them.
extern "C" fn after_fork() {
    // Those before_fork took (one registered since is not held).
    let n = LOCKED_FOR_FORK.load(Ordering::Acquire);
    for m in FORK_MUTEXES.iter().take(n).rev() {
        // SAFETY: as above; this thread locked it in before_fork.
        unsafe { libc::pthread_mutex_unlock(m.load(Ordering::Acquire)) };
    }
}

#[cfg(test)]
mod tests {
    use super::PthreadMutex;

    #[test]
    fn counts_across_threads() {
        static N: PthreadMutex<u64> = PthreadMutex::new(0);
        let threads: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    for _ in 0..1000 {
                        *N.lock() += 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(*N.lock(), 4000);
    }
}
