//! The C library's resolver, asked directly: the policy core's
//! [`SystemResolver`](appengine_sockets_policy::SystemResolver) with the same question and
//! the same answer, without std's wrapper around `getaddrinfo` (a `CString` of the name, a
//! `Vec` of socket addresses, then the addresses), which was most of what a connect by
//! name added.

#![allow(unsafe_code)]

use std::ffi::{c_char, CStr};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use appengine_sockets_policy::{ResolveError, Resolver, SystemResolver};

/// Names up to this long are handed to `getaddrinfo` from the stack (a DNS name has at
/// most 253 characters); longer ones go through [`SystemResolver`].
const STACK_NAME: usize = 256;

/// `getaddrinfo` as std's `(host, 0).to_socket_addrs()` calls it (`SOCK_STREAM`, any
/// family), each address once, in the C library's order; errors worded as
/// [`SystemResolver`] words them.
#[derive(Clone, Copy, Debug, Default)]
pub struct LibcResolver;

impl Resolver for LibcResolver {
    fn resolve(&self, host: &str) -> Result<Vec<IpAddr>, ResolveError> {
        if host.len() >= STACK_NAME || host.as_bytes().contains(&0) {
            return SystemResolver.resolve(host);
        }
        if let Some(ip) = literal(host) {
            return Ok(vec![ip]);
        }
        let mut name = [0u8; STACK_NAME];
        name[..host.len()].copy_from_slice(host.as_bytes());
        let fail = |detail: String| ResolveError {
            host: host.to_owned(),
            detail,
        };
        // SAFETY: a zeroed addrinfo is a valid hints structure; `name` is NUL-terminated
        // (no NUL inside, checked above); the list getaddrinfo returns is read, then freed
        // once.
        unsafe {
            let mut hints: libc::addrinfo = std::mem::zeroed();
            hints.ai_socktype = libc::SOCK_STREAM;
            let mut res: *mut libc::addrinfo = std::ptr::null_mut();
            let rc = libc::getaddrinfo(name.as_ptr().cast::<c_char>(), std::ptr::null(), &hints, &mut res);
            if rc != 0 {
                // std: EAI_SYSTEM is the OS error; anything else gai_strerror's text.
                let detail = if rc == libc::EAI_SYSTEM {
                    std::io::Error::last_os_error().to_string()
                } else {
                    CStr::from_ptr(libc::gai_strerror(rc)).to_string_lossy().into_owned()
                };
                return Err(fail(detail));
            }
            let mut out: Vec<IpAddr> = Vec::with_capacity(4);
            let mut ai = res;
            while !ai.is_null() {
                if let Some(ip) = address(&*ai) {
                    if !out.contains(&ip) {
                        out.push(ip);
                    }
                }
                ai = (*ai).ai_next;
            }
            libc::freeaddrinfo(res);
            if out.is_empty() {
                return Err(fail("No address associated with hostname".to_owned()));
            }
            Ok(out)
        }
    }
}

/// `host` as an address, as [`SystemResolver`] reads it first (std's parser).
fn literal(host: &str) -> Option<IpAddr> {
    // A name with a letter other than a hex digit is never an address to std's parser.
    if host.bytes().any(|b| b.is_ascii_alphabetic() && !b.is_ascii_hexdigit()) {
        return None;
    }
    host.parse().ok()
}

/// The address of one `getaddrinfo` answer (std skips families other than IPv4 and IPv6).
///
/// # Safety
/// `ai` is an entry of a list `getaddrinfo` returned.
unsafe fn address(ai: &libc::addrinfo) -> Option<IpAddr> {
    let sa = ai.ai_addr;
    if sa.is_null() {
        return None;
    }
    let len = ai.ai_addrlen as usize;
    match i32::from((*sa).sa_family) {
        libc::AF_INET if len >= std::mem::size_of::<libc::sockaddr_in>() => {
            let sin = &*sa.cast::<libc::sockaddr_in>();
            Some(IpAddr::V4(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr))))
        }
        libc::AF_INET6 if len >= std::mem::size_of::<libc::sockaddr_in6>() => {
            let sin6 = &*sa.cast::<libc::sockaddr_in6>();
            Some(IpAddr::V6(Ipv6Addr::from(sin6.sin6_addr.s6_addr)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only names the C library answers without asking a DNS server (/etc/hosts and
    // numeric spellings): `cargo test` runs outside the tests' network namespace. Names
    // that fail are compared by the phpt suite (socket_connect_refusals and others).
    #[test]
    fn answers_as_the_system_resolver() {
        for host in ["localhost", "127.0.0.1", "::1", "::ffff:10.0.0.1", "0x7f.1", "2130706433", "0177.0.0.1", "1.2.3"] {
            assert_eq!(LibcResolver.resolve(host), SystemResolver.resolve(host), "{host}");
        }
    }
}
