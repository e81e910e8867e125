//! Objects glibc loads by itself: NSS modules (a `hosts:` service such as `resolve`,
//! `mdns`, `sss`), gconv modules (`iconv_open`) and libidn2 are loaded by the C library's
//! internal `dlopen`, which no GOT slot leads to. The functions that can load them are
//! guarded so that, when they return, anything new in the process is patched before it
//! runs again: glibc counts every object it ever loaded (`dlpi_adds`), and a look at that
//! counter after each call says whether a walk is needed. The same look is taken when a
//! request starts (objects loaded between requests, by any thread).
//!
//! At start-up the NSS modules named on `/etc/nsswitch.conf`'s `hosts:` line are loaded
//! (as glibc would at the first lookup) and patched with everything else, so a request's
//! first lookup finds them guarded.
//!
//! What such an object does *while* it is first loaded and called (its constructor, a
//! gconv module's `gconv_init`, an NSS module's first lookup) runs before the walk: the
//! README's "not covered" list.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use super::got::Interposed;

/// glibc's count of objects loaded, as of the last walk.
static WALKED_AT: AtomicU64 = AtomicU64::new(0);

/// How many objects glibc has loaded in this process so far (never decreases).
pub fn loaded_count() -> u64 {
    unsafe extern "C" fn first(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
        *data.cast::<u64>() = (*info).dlpi_adds;
        1
    }
    let mut adds: u64 = 0;
    // SAFETY: the callback reads one field of the first object's info and stops the walk.
    unsafe { libc::dl_iterate_phdr(Some(first), (&mut adds as *mut u64).cast()) };
    adds
}

/// Note that every object loaded so far has been walked (called just before a walk).
pub fn walking() {
    WALKED_AT.store(loaded_count(), Ordering::Relaxed);
}

/// A walk passed over an object still being loaded: the next [`patch_new`] walks again.
pub fn walk_again() {
    WALKED_AT.store(0, Ordering::Relaxed);
}

/// Patch what was loaded since the last walk, if anything was.
pub fn patch_new() {
    if loaded_count() != WALKED_AT.load(Ordering::Relaxed) {
        super::hooks::patch();
    }
}

/// Load the NSS modules of `/etc/nsswitch.conf`'s `hosts:` line (the services built into
/// the C library, `files` and `dns`, have none); a service without a module is skipped.
pub fn preload_nss() {
    let Ok(conf) = std::fs::read_to_string("/etc/nsswitch.conf") else { return };
    let Some(line) = conf.lines().find_map(|l| l.trim_start().strip_prefix("hosts:")) else { return };
    let line = line.split('#').next().unwrap_or_default();
    // "[NOTFOUND=return]" actions sit between services.
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        load_services(&rest[..open]);
        rest = rest[open..].find(']').map_or("", |close| &rest[open + close + 1..]);
    }
    load_services(rest);
}

fn load_services(words: &str) {
    for service in words.split_whitespace() {
        if matches!(service, "files" | "dns") || !service.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            continue;
        }
        let Ok(file) = std::ffi::CString::new(format!("libnss_{service}.so.2")) else { continue };
        // SAFETY: dlopen of a named NSS module, as glibc's own lookup would load it; the
        // handle is kept (glibc never unloads NSS modules either).
        unsafe { libc::dlopen(file.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    }
}

struct Reals {
    gethostbyname: usize,
    gethostbyname2: usize,
    gethostbyname_r: usize,
    gethostbyname2_r: usize,
    gethostbyaddr: usize,
    gethostbyaddr_r: usize,
    getnameinfo: usize,
    iconv_open: usize,
}

fn reals() -> &'static Reals {
    static REALS: OnceLock<Reals> = OnceLock::new();
    REALS.get_or_init(|| {
        let find = super::lookup::in_libc;
        Reals {
            gethostbyname: find(c"gethostbyname"),
            gethostbyname2: find(c"gethostbyname2"),
            gethostbyname_r: find(c"gethostbyname_r"),
            gethostbyname2_r: find(c"gethostbyname2_r"),
            gethostbyaddr: find(c"gethostbyaddr"),
            gethostbyaddr_r: find(c"gethostbyaddr_r"),
            getnameinfo: find(c"getnameinfo"),
            iconv_open: find(c"iconv_open"),
        }
    })
}

/// The guarded functions of this file, for [`super::hooks::table`]. (`getaddrinfo` is
/// guarded in [`super::hooks`] and calls [`patch_new`] too.)
pub fn entries() -> Vec<Interposed> {
    let r = reals();
    let e = |name: &'static CStr, real: usize, guarded: usize| Interposed { name, real, guarded };
    let mut v = vec![
        e(c"gethostbyname", r.gethostbyname, guarded_gethostbyname as *const () as usize),
        e(c"gethostbyname2", r.gethostbyname2, guarded_gethostbyname2 as *const () as usize),
        e(c"gethostbyname_r", r.gethostbyname_r, guarded_gethostbyname_r as *const () as usize),
        e(c"gethostbyname2_r", r.gethostbyname2_r, guarded_gethostbyname2_r as *const () as usize),
        e(c"gethostbyaddr", r.gethostbyaddr, guarded_gethostbyaddr as *const () as usize),
        e(c"gethostbyaddr_r", r.gethostbyaddr_r, guarded_gethostbyaddr_r as *const () as usize),
        e(c"getnameinfo", r.getnameinfo, guarded_getnameinfo as *const () as usize),
        e(c"iconv_open", r.iconv_open, guarded_iconv_open as *const () as usize),
    ];
    v.retain(|e| e.real != 0);
    v
}

type P = *mut c_void;

unsafe extern "C" fn guarded_gethostbyname(name: *const c_char) -> P {
    let real: unsafe extern "C" fn(*const c_char) -> P = std::mem::transmute(reals().gethostbyname);
    let r = real(name);
    patch_new();
    r
}

unsafe extern "C" fn guarded_gethostbyname2(name: *const c_char, af: c_int) -> P {
    let real: unsafe extern "C" fn(*const c_char, c_int) -> P = std::mem::transmute(reals().gethostbyname2);
    let r = real(name, af);
    patch_new();
    r
}

unsafe extern "C" fn guarded_gethostbyname_r(name: *const c_char, ret: P, buf: P, len: usize, result: P, err: P) -> c_int {
    let real: unsafe extern "C" fn(*const c_char, P, P, usize, P, P) -> c_int = std::mem::transmute(reals().gethostbyname_r);
    let r = real(name, ret, buf, len, result, err);
    patch_new();
    r
}

unsafe extern "C" fn guarded_gethostbyname2_r(name: *const c_char, af: c_int, ret: P, buf: P, len: usize, result: P, err: P) -> c_int {
    let real: unsafe extern "C" fn(*const c_char, c_int, P, P, usize, P, P) -> c_int =
        std::mem::transmute(reals().gethostbyname2_r);
    let r = real(name, af, ret, buf, len, result, err);
    patch_new();
    r
}

unsafe extern "C" fn guarded_gethostbyaddr(addr: P, len: u32, kind: c_int) -> P {
    let real: unsafe extern "C" fn(P, u32, c_int) -> P = std::mem::transmute(reals().gethostbyaddr);
    let r = real(addr, len, kind);
    patch_new();
    r
}

unsafe extern "C" fn guarded_gethostbyaddr_r(addr: P, len: u32, kind: c_int, ret: P, buf: P, blen: usize, result: P, err: P) -> c_int {
    let real: unsafe extern "C" fn(P, u32, c_int, P, P, usize, P, P) -> c_int = std::mem::transmute(reals().gethostbyaddr_r);
    let r = real(addr, len, kind, ret, buf, blen, result, err);
    patch_new();
    r
}

unsafe extern "C" fn guarded_getnameinfo(sa: P, salen: u32, host: P, hostlen: u32, serv: P, servlen: u32, flags: c_int) -> c_int {
    let real: unsafe extern "C" fn(P, u32, P, u32, P, u32, c_int) -> c_int = std::mem::transmute(reals().getnameinfo);
    let r = real(sa, salen, host, hostlen, serv, servlen, flags);
    patch_new();
    r
}

unsafe extern "C" fn guarded_iconv_open(to: *const c_char, from: *const c_char) -> P {
    let real: unsafe extern "C" fn(*const c_char, *const c_char) -> P = std::mem::transmute(reals().iconv_open);
    let r = real(to, from);
    patch_new();
    r
}
