//! Standing in for one of the SAPI's request callbacks (`sapi_module.activate`,
//! `sapi_module.deactivate`): ours runs the SAPI's own, then does its work; module shutdown
//! gives the SAPI its own back if the slot is still ours.

#![allow(unsafe_code)]

use std::ffi::c_int;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A SAPI request callback.
pub type Callback = unsafe extern "C" fn() -> c_int;

/// One stood-in callback: the SAPI's own (0: none) and ours (0: not installed).
pub struct SapiHook {
    original: AtomicUsize,
    installed: AtomicUsize,
}

impl SapiHook {
    pub const fn new() -> Self {
        SapiHook { original: AtomicUsize::new(0), installed: AtomicUsize::new(0) }
    }

    /// Run the SAPI's own callback, if it has one (0 if not).
    pub fn call_original(&self) -> c_int {
        let original = self.original.load(Ordering::Relaxed);
        if original == 0 {
            return 0;
        }
        // SAFETY: `original` was stored by `install` from a valid `Callback`.
        unsafe { std::mem::transmute::<usize, Callback>(original)() }
    }

    /// Put `ours` in `slot` (module start-up, on one thread before any request).
    ///
    /// # Safety
    /// `slot` is a callback field of the running SAPI's `sapi_module`.
    pub unsafe fn install(&self, slot: *mut Option<Callback>, ours: Callback) {
        let current = (*slot).map_or(0, |f| f as usize);
        if current != 0 && current == self.installed.load(Ordering::Relaxed) {
            return;
        }
        self.original.store(current, Ordering::Relaxed);
        self.installed.store(ours as usize, Ordering::Relaxed);
        *slot = Some(ours);
    }

    /// Give the SAPI its own callback back, if `slot` still holds ours (module shutdown).
    ///
    /// # Safety
    /// As [`SapiHook::install`].
    pub unsafe fn remove(&self, slot: *mut Option<Callback>) {
        let current = (*slot).map_or(0, |f| f as usize);
        if current != 0 && current == self.installed.swap(0, Ordering::Relaxed) {
            let original = self.original.swap(0, Ordering::Relaxed);
            *slot = (original != 0).then(|| std::mem::transmute::<usize, Callback>(original));
        }
    }
}
