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

#![allow(unsafe_code)]

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A value behind a `pthread_mutex_t`, usable in a `static`.
pub struct PthreadMutex<T> {
    mutex: UnsafeCell<libc::pthread_mutex_t>,
    value: UnsafeCell<T>,
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
        }
    }

    /// Lock, waiting for the mutex. Never call it again on the same thread while the
    /// guard lives (a default mutex would deadlock).
    pub fn lock(&self) -> Guard<'_, T> {
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
