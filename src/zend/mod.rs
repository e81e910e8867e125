//! The Zend access helpers: every call into PHP's C API that the layers above need, and
//! nothing that decides. This module imports nothing from the rest of the crate; the
//! enforcement points (`crate::enforce`) and the lifecycle (`crate::module`) build on it.
//!
//! * this file: errors and notices, ini values, the SAPI's name, zend_strings, class
//!   entries;
//! * [`call`]: one PHP call in progress (arguments, return value, the saved original
//!   handler);
//! * [`socket`]: ext/sockets' `Socket` and `AddressInfo` objects, socket addresses and
//!   `socket_last_error()`;
//! * [`interrupt`]: raising queued messages from the VM's interrupt (no hook on the
//!   internal-call path), the running call's identity, and raising a message.

#![allow(unsafe_code)]

pub mod call;
pub mod interrupt;
pub mod socket;

use std::ffi::{c_char, c_int, CStr, CString};
use std::ptr;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::ffi::{self, zend_reference, zend_long, zend_string, HashTable};
use ext_php_rs::types::ZendStr;

pub use call::{Call, Original};
pub use interrupt::frame_key;
pub use socket::{module_globals_named, set_sockets_last_error, sockaddr_to_std, AddrInfo, SocketRef};

// ---------------------------------------------------------------------------------------
// Declarations the ext-php-rs bindings do not carry (zend_API.h, main/*.h of PHP 8.x).

pub(crate) const E_WARNING: c_int = 2;
pub(crate) const E_NOTICE: c_int = 8;
pub(crate) const E_CORE_WARNING: c_int = 32;

extern "C" {
    pub(crate) fn zend_try_assign_typed_ref_long(reference: *mut zend_reference, lval: zend_long) -> c_int;
    pub(crate) fn zend_parse_parameters(num_args: u32, type_spec: *const c_char, ...) -> c_int;
    fn zend_argument_value_error(arg_num: u32, format: *const c_char, ...);
    fn zend_argument_type_error(arg_num: u32, format: *const c_char, ...);
    #[cfg(php84)]
    fn zend_zval_value_name(arg: *const ffi::zval) -> *const c_char;
    pub(crate) fn zval_get_long_func(op: *mut ffi::zval, is_strict: bool) -> zend_long;
    pub(crate) static mut module_registry: HashTable;
    fn zend_ini_string_ex(name: *const c_char, name_length: usize, orig: c_int, exists: *mut bool) -> *mut c_char;
    fn get_active_function_name() -> *const c_char;
    fn get_active_class_name(space: *mut *const c_char) -> *const c_char;
    pub(crate) fn zend_error(type_: c_int, format: *const c_char, ...);
    fn php_log_err_with_severity(log_message: *const c_char, syslog_type_int: c_int);
    fn shutdown(fd: c_int, how: c_int) -> c_int;
    fn zend_get_constant_str(name: *const c_char, name_len: usize) -> *mut ffi::zval;
}

const SHUT_RDWR: c_int = 2;

pub fn warn(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { ffi::php_error_docref(ptr::null(), E_WARNING, c"%s".as_ptr(), text.as_ptr()) };
}

/// Raise an E_NOTICE attributed to the running function.
pub fn notice(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { ffi::php_error_docref(ptr::null(), E_NOTICE, c"%s".as_ptr(), text.as_ptr()) };
}

/// Put a line on PHP's error log (`error_log`, else the SAPI's log: stderr for the CLI,
/// the FastCGI error stream and php-fpm's log under php-fpm), at syslog severity
/// warning. No error handler of the app runs and nothing is displayed.
pub fn log_error(message: &str) {
    const LOG_WARNING: c_int = 4;
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a NUL-terminated message; PHP copies what it needs.
    unsafe { php_log_err_with_severity(text.as_ptr(), LOG_WARNING) };
}

/// Raise an E_CORE_WARNING at start-up.
pub fn startup_warning(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a constant "%s" format with one NUL-terminated argument.
    unsafe { zend_error(E_CORE_WARNING, c"%s".as_ptr(), text.as_ptr()) };
}

/// The value of an integer constant some extension registered ("SOCK_NONBLOCK"), if it
/// is registered in this PHP.
pub fn long_constant(name: &str) -> Option<i64> {
    // SAFETY: a name of `name.len()` bytes; the constant table owns the returned zval.
    unsafe {
        let zv = zend_get_constant_str(name.as_ptr().cast(), name.len());
        if zv.is_null() || (*zv).u1.v.type_ != ffi::IS_LONG as u8 {
            return None;
        }
        Some((*zv).value.lval)
    }
}

/// The value of an integer constant a module (not the app) defined: `define()` cannot
/// stand in for a constant the running PHP lacks.
pub fn module_long_constant(name: &str) -> Option<i64> {
    /// `PHP_USER_CONSTANT` (zend_constants.h, 8.0 to 8.4): the module number of constants
    /// made by `define()` and `const`.
    const USER_CONSTANT: u32 = 0x7f_ffff;
    // SAFETY: as long_constant; the zval is a zend_constant's value, whose u2 carries the
    // constant's flags and module number (ZEND_CONSTANT_MODULE_NUMBER).
    unsafe {
        let zv = zend_get_constant_str(name.as_ptr().cast(), name.len());
        if zv.is_null() || (*zv).u1.v.type_ != ffi::IS_LONG as u8 || (*zv).u2.constant_flags >> 8 == USER_CONSTANT {
            return None;
        }
        Some((*zv).value.lval)
    }
}

/// The current value of an ini setting, if it exists.
pub fn ini_string(name: &CStr) -> Option<String> {
    let mut exists = false;
    // SAFETY: a NUL-terminated name; the returned value is owned by the ini table.
    unsafe {
        let v = zend_ini_string_ex(name.as_ptr(), name.to_bytes().len(), 0, &mut exists);
        (exists && !v.is_null()).then(|| CStr::from_ptr(v).to_string_lossy().into_owned())
    }
}

/// The SAPI's name ("cli", "cli-server", "fpm-fcgi", ...).
pub fn sapi_name() -> String {
    // SAFETY: sapi_module is set before any module starts.
    unsafe {
        let p = ffi::sapi_module.name;
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    }
}

/// The PHP function running now as PHP's own messages name it: "curl_exec",
/// "Memcached::set"; "" outside a call.
pub fn active_function_label() -> String {
    let name = active_function_name();
    if name.is_empty() {
        return name;
    }
    let mut space: *const c_char = ptr::null();
    // SAFETY: both return NUL-terminated strings (possibly empty), never null.
    unsafe {
        let class = get_active_class_name(&mut space);
        if class.is_null() || space.is_null() || *class == 0 {
            return name;
        }
        format!(
            "{}{}{name}",
            CStr::from_ptr(class).to_string_lossy(),
            CStr::from_ptr(space).to_string_lossy()
        )
    }
}

/// The PHP function running now ("fsockopen"), or "" outside a call.
pub fn active_function_name() -> String {
    // SAFETY: returns a NUL-terminated name or null.
    unsafe {
        let p = get_active_function_name();
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    }
}

pub fn new_zend_string(s: &str) -> *mut zend_string {
    ZendStr::new(s, false).into_raw()
}

/// # Safety
/// `s` is null or a zend_string this code owns.
pub unsafe fn release_zend_string(s: *mut zend_string) {
    if !s.is_null() {
        drop(unsafe { ZBox::from_raw(s) });
    }
}

/// Tear down a socket's connection (both directions) without closing its descriptor, so
/// its owner (a stream, a `Socket`) still closes it as usual.
pub fn reclaim_fd(fd: c_int) {
    if fd >= 0 {
        // SAFETY: shutdown(2) on a descriptor; a stale one only fails with EBADF/ENOTSOCK.
        unsafe { shutdown(fd, SHUT_RDWR) };
    }
}

/// The internal class entry of `name_lc` (a lower-case class name), once its extension
/// has registered it.
/// The time on CLOCK_MONOTONIC (answered by the vDSO, without a system call), since an
/// arbitrary start.
pub fn monotonic() -> std::time::Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    std::time::Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.clamp(0, 999_999_999) as u32)
}

/// Whether `ce` is the internal class named `name_lc` (lower case). By name, with no
/// table lookup: no user class can take an internal class's name, so the name and the
/// internal type identify it.
///
/// # Safety
/// `ce` is a live class entry.
pub unsafe fn is_internal_class(ce: *const ffi::zend_class_entry, name_lc: &CStr) -> bool {
    // `char type` up to PHP 8.5, `uint8_t type` in 8.6: compared as a number.
    const ZEND_INTERNAL_CLASS: i32 = 1;
    // SAFETY: as documented; a class entry's name is a live zend_string.
    unsafe {
        if ce.is_null() || i32::from((*ce).type_) != ZEND_INTERNAL_CLASS || (*ce).name.is_null() {
            return false;
        }
        let name = &*(*ce).name;
        let bytes = std::slice::from_raw_parts(name.val.as_ptr().cast::<u8>(), name.len);
        let want = name_lc.to_bytes();
        // Case-insensitively, as PHP compares class names. For a lower-case letter `w`,
        // `b | 0x20 == w` holds exactly when `b` is `w` or its capital; other bytes of
        // `want` are compared as they are.
        bytes.len() == want.len()
            && bytes
                .iter()
                .zip(want)
                .all(|(&b, &w)| b == w || (w.is_ascii_lowercase() && b | 0x20 == w))
    }
}

/// The class entry of the class named `name_lc` (lower case), if it is registered.
pub fn class_entry(name_lc: &CStr) -> Option<*mut ffi::zend_class_entry> {
    // SAFETY: CG(class_table) holds the internal classes (under ZTS this thread's copy,
    // reached through TSRM, of the same class entries).
    unsafe {
        let table = (*ffi::ext_php_rs_compiler_globals()).class_table;
        if table.is_null() {
            return None;
        }
        let ce = ffi::zend_hash_str_find_ptr_lc(table, name_lc.as_ptr(), name_lc.to_bytes().len()) as *mut ffi::zend_class_entry;
        (!ce.is_null()).then_some(ce)
    }
}

/// Throw PHP's ValueError for argument `arg` ("fn(): Argument #3 ($x) <message>").
pub fn value_error(arg: u32, message: &str) {
    let text = CString::new(message).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated argument.
    unsafe { zend_argument_value_error(arg, c"%s".as_ptr(), text.as_ptr()) };
}

/// Throw PHP's TypeError for argument `arg` ("fn(): Argument #3 ($x) <message>").
pub fn type_error(arg: u32, message: &str) {
    let text = CString::new(message).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated argument.
    unsafe { zend_argument_type_error(arg, c"%s".as_ptr(), text.as_ptr()) };
}

/// How PHP 8.3+ names a value in its TypeErrors ("int", "false", "null", "stdClass").
///
/// # Safety
/// `zv` is a live zval.
#[cfg(php84)]
pub unsafe fn value_name(zv: *const ffi::zval) -> String {
    // SAFETY: the caller's zval; PHP returns a static or interned NUL-terminated name.
    unsafe { CStr::from_ptr(zend_zval_value_name(zv)).to_string_lossy().into_owned() }
}

/// Start and end a phpinfo() table around `rows`.
pub fn info_table(rows: impl FnOnce()) {
    // SAFETY: plain phpinfo output calls.
    unsafe {
        ffi::php_info_print_table_start();
        rows();
        ffi::php_info_print_table_end();
    }
}

/// One phpinfo() row.
pub fn info_row(key: &str, value: &str) {
    let (k, v) = (CString::new(key).unwrap_or_default(), CString::new(value).unwrap_or_default());
    // SAFETY: two NUL-terminated strings.
    unsafe { ffi::php_info_print_table_row(2, k.as_ptr(), v.as_ptr()) };
}
