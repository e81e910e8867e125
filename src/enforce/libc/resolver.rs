//! The resolver's own entry points (`res_query`, `res_search`, `res_querydomain`,
//! `res_send` and their `res_n*` forms taking a `res_state`): they send DNS-shaped UDP (and
//! TCP) from inside the C library, whose own calls never go through a GOT slot, to the
//! nameservers in the state the caller handed over, which a library can point anywhere
//! (`_res.nsaddr_list`). On a judged thread each IPv4 nameserver in that state that is not
//! one of the system's (`/etc/resolv.conf`, read at each call) is judged as a datagram sent
//! to it, before the C library is called; a refused one fails the call with `-1` and
//! `errno` `EACCES`, and its warning is queued like any other. IPv6 nameservers set through
//! glibc's private `_u._ext` part of the state are not read: the README's "not covered"
//! list.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_ulong, c_void, CStr};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::OnceLock;

use super::got::Interposed;
use super::address::Address;
use super::requests;
use super::verdicts::{self, Action};

/// The start of glibc's `struct __res_state`: what the nameserver list is read from.
#[repr(C)]
struct ResState {
    retrans: c_int,
    retry: c_int,
    options: c_ulong,
    nscount: c_int,
    nsaddr_list: [libc::sockaddr_in; 3],
}

extern "C" {
    /// This thread's `_res`.
    fn __res_state() -> *mut ResState;
}

/// The system's nameservers (IPv4), as `/etc/resolv.conf` lists them now (glibc's default,
/// the local host, when it lists none).
fn system_nameservers() -> Vec<Ipv4Addr> {
    let conf = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let mut v: Vec<Ipv4Addr> = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    if v.is_empty() {
        v.push(Ipv4Addr::LOCALHOST);
    }
    v
}

/// Whether the nameservers of `state` (null: this thread's `_res`) may be sent to.
unsafe fn nameservers_allowed(state: *mut ResState) -> bool {
    if !requests::enforcing() {
        return true;
    }
    let state = if state.is_null() { __res_state() } else { state };
    if state.is_null() {
        return true;
    }
    let n = usize::try_from((*state).nscount).unwrap_or(0).min(3);
    let mut system = None;
    let list = &(*state).nsaddr_list;
    for sin in &list[..n] {
        if c_int::from(sin.sin_family) != libc::AF_INET {
            continue;
        }
        let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
        let port = u16::from_be(sin.sin_port);
        if port == 53 && system.get_or_insert_with(system_nameservers).contains(&ip) {
            continue;
        }
        let address = Address::Ip(SocketAddr::V4(SocketAddrV4::new(ip, port)));
        // SAFETY: pthread_self has no preconditions.
        if !verdicts::destination(Action::Send, &address, libc::pthread_self() as u64) {
            *libc::__errno_location() = libc::EACCES;
            return false;
        }
    }
    true
}

struct Reals {
    query: usize,
    search: usize,
    querydomain: usize,
    send: usize,
    nquery: usize,
    nsearch: usize,
    nquerydomain: usize,
    nsend: usize,
}

fn reals() -> &'static Reals {
    static REALS: OnceLock<Reals> = OnceLock::new();
    REALS.get_or_init(|| {
        let find = super::lookup::in_libc;
        Reals {
            query: find(c"res_query"),
            search: find(c"res_search"),
            querydomain: find(c"res_querydomain"),
            send: find(c"res_send"),
            nquery: find(c"res_nquery"),
            nsearch: find(c"res_nsearch"),
            nquerydomain: find(c"res_nquerydomain"),
            nsend: find(c"res_nsend"),
        }
    })
}

/// The guarded functions of this file, for [`super::hooks::table`]: each under its name
/// and under the `__res_*` name `<resolv.h>` makes callers import.
pub fn entries() -> Vec<Interposed> {
    let r = reals();
    let e = |name: &'static CStr, real: usize, guarded: usize| Interposed { name, real, guarded };
    let mut v = vec![
        e(c"res_query", r.query, res_query as *const () as usize),
        e(c"__res_query", r.query, res_query as *const () as usize),
        e(c"res_search", r.search, res_search as *const () as usize),
        e(c"__res_search", r.search, res_search as *const () as usize),
        e(c"res_querydomain", r.querydomain, res_querydomain as *const () as usize),
        e(c"__res_querydomain", r.querydomain, res_querydomain as *const () as usize),
        e(c"res_send", r.send, res_send as *const () as usize),
        e(c"__res_send", r.send, res_send as *const () as usize),
        e(c"res_nquery", r.nquery, res_nquery as *const () as usize),
        e(c"__res_nquery", r.nquery, res_nquery as *const () as usize),
        e(c"res_nsearch", r.nsearch, res_nsearch as *const () as usize),
        e(c"__res_nsearch", r.nsearch, res_nsearch as *const () as usize),
        e(c"res_nquerydomain", r.nquerydomain, res_nquerydomain as *const () as usize),
        e(c"__res_nquerydomain", r.nquerydomain, res_nquerydomain as *const () as usize),
        e(c"res_nsend", r.nsend, res_nsend as *const () as usize),
        e(c"__res_nsend", r.nsend, res_nsend as *const () as usize),
    ];
    v.retain(|e| e.real != 0);
    v
}

type S = *mut ResState;
type B = *mut c_void;
type N = *const c_char;

unsafe extern "C" fn res_query(name: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(std::ptr::null_mut()) {
        return -1;
    }
    let real: unsafe extern "C" fn(N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().query);
    real(name, class, kind, answer, len)
}

unsafe extern "C" fn res_search(name: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(std::ptr::null_mut()) {
        return -1;
    }
    let real: unsafe extern "C" fn(N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().search);
    real(name, class, kind, answer, len)
}

unsafe extern "C" fn res_querydomain(name: N, domain: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(std::ptr::null_mut()) {
        return -1;
    }
    let real: unsafe extern "C" fn(N, N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().querydomain);
    real(name, domain, class, kind, answer, len)
}

unsafe extern "C" fn res_send(msg: B, msglen: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(std::ptr::null_mut()) {
        return -1;
    }
    let real: unsafe extern "C" fn(B, c_int, B, c_int) -> c_int = std::mem::transmute(reals().send);
    real(msg, msglen, answer, len)
}

unsafe extern "C" fn res_nquery(state: S, name: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(state) {
        return -1;
    }
    let real: unsafe extern "C" fn(S, N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().nquery);
    real(state, name, class, kind, answer, len)
}

unsafe extern "C" fn res_nsearch(state: S, name: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(state) {
        return -1;
    }
    let real: unsafe extern "C" fn(S, N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().nsearch);
    real(state, name, class, kind, answer, len)
}

unsafe extern "C" fn res_nquerydomain(state: S, name: N, domain: N, class: c_int, kind: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(state) {
        return -1;
    }
    let real: unsafe extern "C" fn(S, N, N, c_int, c_int, B, c_int) -> c_int = std::mem::transmute(reals().nquerydomain);
    real(state, name, domain, class, kind, answer, len)
}

unsafe extern "C" fn res_nsend(state: S, msg: B, msglen: c_int, answer: B, len: c_int) -> c_int {
    if !nameservers_allowed(state) {
        return -1;
    }
    let real: unsafe extern "C" fn(S, B, c_int, B, c_int) -> c_int = std::mem::transmute(reals().nsend);
    real(state, msg, msglen, answer, len)
}

// The fields before the nameserver list, as glibc lays them out.
const _: () = assert!(std::mem::offset_of!(ResState, nsaddr_list) == 20);
