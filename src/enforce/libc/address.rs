//! Reading a socket call's address: the `sockaddr` a caller handed over, as an
//! [`Address`] the verdicts judge. The one place that reads a `sockaddr`: the guarded
//! functions read here, the verdicts take what is read.

#![allow(unsafe_code)]

use std::ffi::c_int;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use libc::{sockaddr, socklen_t};

/// The address of a socket call, as read from its `sockaddr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// AF_INET or AF_INET6.
    Ip(SocketAddr),
    /// AF_UNIX: the path (an abstract name starts with `@`).
    Unix(String),
    /// No address: AF_UNSPEC given to `connect()` (dissolving a datagram socket's
    /// association; see [`read_used`] for the other calls), or none given.
    Unspec,
    /// Another family.
    Other(i64),
}

impl Address {
    pub fn shown(&self) -> String {
        match self {
            Address::Ip(sa) => sa.to_string(),
            Address::Unix(p) => format!("unix:{p}"),
            Address::Unspec => "(unspecified)".to_owned(),
            Address::Other(f) => format!("(address family {f})"),
        }
    }
}

/// The address a `sendto()`, `sendmsg()`, `sendmmsg()` or `bind()` uses. Linux's IPv4
/// sockets take AF_UNSPEC there as AF_INET (`udp_sendmsg()` sends to the address, and
/// `inet_bind()` binds AF_UNSPEC with the wildcard address): such an address is read as
/// AF_INET's. Only `connect()` gives AF_UNSPEC a meaning of its own (dissolving a datagram
/// socket's association): [`read`] reads it as none. (An IPv6 socket's `sendmsg()` takes
/// AF_UNSPEC as "no address"; judging it as AF_INET's errs on the refusing side.)
///
/// # Safety
/// As [`read`].
pub unsafe fn read_used(sa: *const sockaddr, len: socklen_t) -> Address {
    if !sa.is_null()
        && len as usize >= std::mem::size_of::<libc::sockaddr_in>()
        && c_int::from((*sa).sa_family) == libc::AF_UNSPEC
    {
        return ipv4(&*sa.cast::<libc::sockaddr_in>());
    }
    read(sa, len)
}

fn ipv4(sin: &libc::sockaddr_in) -> Address {
    let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
    Address::Ip(SocketAddr::V4(SocketAddrV4::new(ip, u16::from_be(sin.sin_port))))
}

/// Read a `sockaddr` the caller handed over, as `connect()` takes it.
///
/// # Safety
/// `sa` is null or points to `len` readable bytes.
pub unsafe fn read(sa: *const sockaddr, len: socklen_t) -> Address {
    if sa.is_null() || (len as usize) < std::mem::size_of::<libc::sa_family_t>() {
        return Address::Unspec;
    }
    let family = c_int::from((*sa).sa_family);
    match family {
        libc::AF_INET if len as usize >= std::mem::size_of::<libc::sockaddr_in>() => ipv4(&*sa.cast::<libc::sockaddr_in>()),
        libc::AF_INET6 if len as usize >= std::mem::size_of::<libc::sockaddr_in6>() => {
            let sin6 = &*sa.cast::<libc::sockaddr_in6>();
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Address::Ip(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(sin6.sin6_port),
                sin6.sin6_flowinfo,
                sin6.sin6_scope_id,
            )))
        }
        // Too short for its family: the kernel refuses it (EINVAL); judge it as nothing.
        libc::AF_INET | libc::AF_INET6 => Address::Other(i64::from(family)),
        libc::AF_UNIX => {
            let base = std::mem::size_of::<libc::sa_family_t>();
            let bytes = std::slice::from_raw_parts(sa.cast::<u8>().add(base), (len as usize).saturating_sub(base));
            let path = match bytes.first() {
                Some(0) => format!("@{}", String::from_utf8_lossy(&bytes[1..])),
                _ => String::from_utf8_lossy(bytes.split(|&b| b == 0).next().unwrap_or_default()).into_owned(),
            };
            Address::Unix(path)
        }
        libc::AF_UNSPEC => Address::Unspec,
        other => Address::Other(i64::from(other)),
    }
}
