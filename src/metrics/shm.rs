//! The memory the server-wide counters live in: anonymous shared memory mapped once at
//! module start-up, before php-fpm (or Apache's prefork) forks its workers, so every
//! worker and every worker that replaces a recycled one adds to the same words. A SAPI
//! that does not fork (the CLI, a threaded server) has one process: the same memory is
//! shared by its threads anyway.

#![allow(unsafe_code)]

use std::sync::atomic::AtomicU64;

/// `words` zeroed, shared words, never unmapped (a reference may outlive a module
/// shutdown; one mapping per module start-up). `None` if the kernel refuses the mapping.
pub fn map(words: usize) -> Option<&'static [AtomicU64]> {
    let len = words.checked_mul(std::mem::size_of::<AtomicU64>())?;
    // SAFETY: a fresh anonymous mapping, no address hint, no file; the result is checked.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_SHARED | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED || p.is_null() {
        return None;
    }
    // SAFETY: the mapping is `len` bytes, page-aligned (so aligned for AtomicU64), zeroed
    // by the kernel (a valid AtomicU64 is any bit pattern), and never unmapped, so the
    // slice is valid for 'static. Every access is atomic.
    Some(unsafe { std::slice::from_raw_parts(p.cast::<AtomicU64>(), words) })
}
