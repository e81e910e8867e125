//! ext/sockets' objects as its C code lays them out (`php_socket`, `php_addrinfo`), socket
//! addresses, and `socket_last_error()`.

use std::ffi::{c_char, c_int};
use std::ptr;

use ext_php_rs::ffi::{self, zval};

use super::module_registry;

/// An ext/sockets `Socket` object.
#[derive(Clone, Copy)]
pub struct SocketRef(*mut ffi::zend_object);

/// `php_socket` (ext/sockets/php_sockets.h).
#[repr(C)]
struct PhpSocket {
    bsd_socket: c_int,
    kind: c_int,
    error: c_int,
    blocking: c_int,
    zstream: zval,
    std: ffi::zend_object,
}

impl SocketRef {
    /// A `Socket` object (the caller checked its class).
    pub(crate) fn from_object(obj: *mut ffi::zend_object) -> Self {
        SocketRef(obj)
    }

    fn inner(self) -> *mut PhpSocket {
        // SAFETY: socket_from_obj: the zend_object is the `std` member of a php_socket.
        unsafe { (self.0 as *mut u8).sub(std::mem::offset_of!(PhpSocket, std)) as *mut PhpSocket }
    }

    /// The socket's address family (`AF_INET`, `AF_INET6`, ...).
    pub fn family(self) -> i64 {
        // SAFETY: a live Socket.
        i64::from(unsafe { (*self.inner()).kind })
    }

    /// The descriptor (-1 once closed).
    pub fn fd(self) -> c_int {
        // SAFETY: a live Socket.
        unsafe { (*self.inner()).bsd_socket }
    }

    /// The object handle, which identifies the socket within a request.
    ///
    /// (See [`super::Call::arg_sockets`] for arrays of sockets.)
    pub fn handle(self) -> u32 {
        // SAFETY: a live object.
        unsafe { (*self.0).handle }
    }

    /// Record an error as PHP_SOCKET_ERROR does: on the socket and in socket_last_error().
    pub fn set_error(self, errno: i32) {
        // SAFETY: a live Socket.
        unsafe { (*self.inner()).error = errno };
        set_sockets_last_error(errno);
    }
}

/// What an `AddressInfo` holds.
#[derive(Clone, Debug)]
pub struct AddrInfo {
    /// `ai_family`.
    pub family: i64,
    /// `ai_socktype`.
    pub socktype: i64,
    /// `ai_protocol`.
    pub protocol: i64,
    /// `ai_addr`, when it is an IPv4 or IPv6 address.
    pub addr: Option<std::net::SocketAddr>,
}

/// glibc's `struct addrinfo`.
#[repr(C)]
pub(crate) struct CAddrInfo {
    pub(crate) ai_flags: c_int,
    pub(crate) ai_family: c_int,
    pub(crate) ai_socktype: c_int,
    pub(crate) ai_protocol: c_int,
    pub(crate) ai_addrlen: u32,
    pub(crate) ai_addr: *const u8,
    pub(crate) ai_canonname: *mut c_char,
    pub(crate) ai_next: *mut CAddrInfo,
}

/// # Safety
/// `sa` is null or points to `len` readable bytes of a sockaddr.
pub unsafe fn sockaddr_to_std(sa: *const u8, len: u32) -> Option<std::net::SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
    if sa.is_null() || len < 2 {
        return None;
    }
    // SAFETY: as documented; sockaddr_in is 16 bytes, sockaddr_in6 28.
    unsafe {
        let family = u16::from_ne_bytes([*sa, *sa.add(1)]);
        let port = u16::from_be_bytes([*sa.add(2), *sa.add(3)]);
        match i64::from(family) {
            2 if len >= 16 => {
                let b = std::slice::from_raw_parts(sa.add(4), 4);
                Some(SocketAddr::from((Ipv4Addr::new(b[0], b[1], b[2], b[3]), port)))
            }
            10 if len >= 28 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(std::slice::from_raw_parts(sa.add(8), 16));
                Some(SocketAddr::from((Ipv6Addr::from(b), port)))
            }
            _ => None,
        }
    }
}

/// Set ext/sockets' `socket_last_error()`, found through its module entry (its globals are
/// not a symbol this library can link against, since sockets may load after it).
pub fn set_sockets_last_error(errno: i32) {
    // sockets' globals (this thread's, under ZTS) begin with `int last_error`
    // (ZEND_BEGIN_MODULE_GLOBALS(sockets)).
    if let Some((globals, _)) = module_globals_named(c"sockets") {
        // SAFETY: sockets' globals begin with `int last_error`.
        unsafe { *(globals as *mut c_int) = errno };
    }
}

/// A loaded module's globals (this thread's, under ZTS) and their size, found through
/// its module entry by its lower-case name; None if it is not loaded or has none.
pub fn module_globals_named(name: &std::ffi::CStr) -> Option<(*mut std::ffi::c_void, usize)> {
    // SAFETY: the module registry lives for the process; a live module entry.
    unsafe {
        let m = ffi::zend_hash_str_find_ptr_lc(ptr::addr_of_mut!(module_registry), name.as_ptr(), name.count_bytes())
            as *mut ffi::zend_module_entry;
        if m.is_null() || (*m).globals_size == 0 {
            return None;
        }
        let globals = module_globals(m);
        (!globals.is_null()).then_some((globals, (*m).globals_size))
    }
}

/// A module's globals: NTS, the module's own pointer; ZTS, this thread's copy, through TSRM
/// (TSRMG_BULK: the thread's resource table, by the module's resource id).
///
/// # Safety
/// `m` is a live module entry.
#[cfg(not(php_zts))]
unsafe fn module_globals(m: *mut ffi::zend_module_entry) -> *mut std::ffi::c_void {
    unsafe { (*m).globals_ptr }
}

/// See the NTS version.
///
/// # Safety
/// `m` is a live module entry; called on a thread TSRM knows (a PHP request's).
#[cfg(php_zts)]
unsafe fn module_globals(m: *mut ffi::zend_module_entry) -> *mut std::ffi::c_void {
    extern "C" {
        fn tsrm_get_ls_cache() -> *mut std::ffi::c_void;
    }
    unsafe {
        let id = (*m).globals_id_ptr;
        if id.is_null() || *id <= 0 {
            return ptr::null_mut();
        }
        let table = *(tsrm_get_ls_cache() as *mut *mut *mut std::ffi::c_void);
        *table.add((*id - 1) as usize)
    }
}
