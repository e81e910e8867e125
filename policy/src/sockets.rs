//! Rules for ext/sockets: which sockets may be created, and the socket option table.
//!
//! Constants are Linux's, which is what PHP passes through from its `AF_*`, `SOCK_*`,
//! `SOL_*` and `SO_*` constants on this platform.

use crate::class::Class;
use crate::rules::{Rule, Verdict};

/// `AF_UNIX`.
pub const AF_UNIX: i64 = 1;
/// `AF_INET`.
pub const AF_INET: i64 = 2;
/// `AF_INET6`.
pub const AF_INET6: i64 = 10;
/// `AF_PACKET`: link-level packets (PHP 8.5's ext/sockets creates them on Linux).
pub const AF_PACKET: i64 = 17;
/// `SOCK_STREAM`.
pub const SOCK_STREAM: i64 = 1;
/// `SOCK_DGRAM`.
pub const SOCK_DGRAM: i64 = 2;
/// `SOCK_RAW`.
pub const SOCK_RAW: i64 = 3;
/// `SOCK_RDM`.
pub const SOCK_RDM: i64 = 4;
/// `SOCK_SEQPACKET`.
pub const SOCK_SEQPACKET: i64 = 5;
/// `IPPROTO_TCP` (= `SOL_TCP`).
pub const IPPROTO_TCP: i64 = 6;
/// `IPPROTO_UDP` (= `SOL_UDP`).
pub const IPPROTO_UDP: i64 = 17;
/// `SOL_SOCKET`.
pub const SOL_SOCKET: i64 = 1;
/// `ENOPROTOOPT`: the error number of an unsupported option.
pub const ENOPROTOOPT: i32 = 92;

/// Rule 1 for `socket_create(domain, type, protocol)` (and the family, type and protocol
/// of an `AddressInfo`): only TCP or UDP over IPv4 or IPv6.
pub fn check_socket(domain: i64, kind: i64, protocol: i64) -> Option<Verdict> {
    let refuse = |reason: String| Some(Verdict::refuse_with(Rule::Protocol, reason));
    let refuse_as = |class: Class, reason: &'static str| Some(Verdict::refuse_with(Rule::Protocol, reason).with_class(class));
    match domain {
        AF_INET | AF_INET6 => {}
        AF_UNIX => return refuse_as(Class::Unix, "unix sockets are not allowed, only outbound TCP and UDP"),
        // Whole link-layer frames, whatever the type (SOCK_RAW or SOCK_DGRAM): raw sockets.
        AF_PACKET => return refuse_as(Class::Raw, "raw sockets (AF_PACKET) are not allowed, only outbound TCP and UDP"),
        other => return refuse(format!("address family {other} is not allowed, only outbound TCP and UDP")),
    }
    match (kind, protocol) {
        (SOCK_STREAM, 0 | IPPROTO_TCP) | (SOCK_DGRAM, 0 | IPPROTO_UDP) => None,
        (SOCK_STREAM, p) => refuse(format!("protocol {p} is not allowed on a stream socket, only TCP")),
        (SOCK_DGRAM, p) => refuse(format!("protocol {p} is not allowed on a datagram socket, only UDP")),
        (SOCK_RAW, _) => refuse_as(Class::Raw, "raw sockets are not allowed, only outbound TCP and UDP"),
        (SOCK_SEQPACKET, _) => refuse("SOCK_SEQPACKET sockets are not allowed, only outbound TCP and UDP".into()),
        (SOCK_RDM, _) => refuse("SOCK_RDM sockets are not allowed, only outbound TCP and UDP".into()),
        (other, _) => refuse(format!("socket type {other} is not allowed, only outbound TCP and UDP")),
    }
}

/// How App Engine treats a socket option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocketOption {
    /// Mocked: set is remembered and ignored, get returns what the kernel would report
    /// for the remembered value ([`SocketOption::read_back`]), or this default. The value
    /// is an int.
    Int {
        /// The option's name.
        name: &'static str,
        /// What `socket_get_option` returns before any set.
        default: i64,
        /// How the kernel stores a value set.
        kind: IntKind,
    },
    /// Mocked `SO_LINGER`: an array with `l_onoff` and `l_linger`, both 0 by default
    /// ([`linger_read_back`]).
    Linger,
    /// Not supported: an error with ENOPROTOOPT.
    Unsupported,
}

/// How Linux stores an int option, which is what `getsockopt` reports afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    /// A flag: any value but 0 reads back as 1.
    Flag,
    /// `SO_SNDBUF`: doubled, within `[SOCK_MIN_SNDBUF, 2 * net.core.wmem_max]`.
    SendBuffer,
    /// `SO_RCVBUF`: doubled, within `[SOCK_MIN_RCVBUF, 2 * net.core.rmem_max]`.
    ReceiveBuffer,
}

/// Linux's default `net.core.wmem_max` and `net.core.rmem_max` (a set buffer size is
/// capped at this before it is doubled).
pub const BUFFER_MAX: u32 = 212_992;
/// Linux's `SOCK_MIN_SNDBUF` on x86-64 (`2 * TCP_SKB_MIN_TRUESIZE`).
pub const MIN_SNDBUF: i32 = 4608;
/// Linux's `SOCK_MIN_RCVBUF` on x86-64 (`TCP_SKB_MIN_TRUESIZE`).
pub const MIN_RCVBUF: i32 = 2304;

impl SocketOption {
    /// What `socket_get_option` reports after `socket_set_option` set `value` (PHP's
    /// integer after its usual conversion), as Linux reports it: ext/sockets hands the
    /// kernel a C `int`, a flag reads back 0 or 1, and a buffer size is capped at the
    /// default `wmem_max`/`rmem_max` (a negative size counts as a huge one), doubled, and
    /// raised to the kernel's minimum. `None` for options that are not mocked ints.
    pub fn read_back(self, value: i64) -> Option<i64> {
        let SocketOption::Int { kind, .. } = self else {
            return None;
        };
        // ext/sockets: `int ov = Z_LVAL_P(arg4)`.
        let int = value as i32;
        // Linux: `val = min_t(u32, val, sysctl_wmem_max); max_t(int, val * 2, SOCK_MIN_SNDBUF)`.
        let buffer = |min: i32| i64::from(((int as u32).min(BUFFER_MAX) as i32 * 2).max(min));
        Some(match kind {
            IntKind::Flag => i64::from(int != 0),
            IntKind::SendBuffer => buffer(MIN_SNDBUF),
            IntKind::ReceiveBuffer => buffer(MIN_RCVBUF),
        })
    }
}

/// What `socket_get_option(SO_LINGER)` reports after `socket_set_option` set
/// `['l_onoff' => on, 'l_linger' => linger]` (PHP's integers) over the `previous`
/// reading: ext/sockets narrows both to `unsigned short`; Linux reports `l_onoff` as 0
/// or 1 and keeps the previous `l_linger` when lingering is switched off.
pub fn linger_read_back(on: i64, linger: i64, previous: (i64, i64)) -> (i64, i64) {
    if on as u16 == 0 {
        (0, previous.1)
    } else {
        (1, i64::from(linger as u16))
    }
}

/// The mocked options, as App Engine documents them, with their defaults (Linux's for a
/// TCP socket).
pub const MOCKED: &[(i64, i64, SocketOption)] = &[
    (SOL_SOCKET, 9, flag("SO_KEEPALIVE")),
    (SOL_SOCKET, 1, flag("SO_DEBUG")),
    (IPPROTO_TCP, 1, flag("TCP_NODELAY")),
    (SOL_SOCKET, 13, SocketOption::Linger),
    (SOL_SOCKET, 10, flag("SO_OOBINLINE")),
    (SOL_SOCKET, 7, SocketOption::Int { name: "SO_SNDBUF", default: 16384, kind: IntKind::SendBuffer }),
    (SOL_SOCKET, 8, SocketOption::Int { name: "SO_RCVBUF", default: 131072, kind: IntKind::ReceiveBuffer }),
    (SOL_SOCKET, 2, flag("SO_REUSEADDR")),
];

const fn flag(name: &'static str) -> SocketOption {
    SocketOption::Int { name, default: 0, kind: IntKind::Flag }
}

/// The treatment of option `name` at `level`.
pub fn socket_option(level: i64, name: i64) -> SocketOption {
    MOCKED
        .iter()
        .find(|(l, n, _)| *l == level && *n == name)
        .map_or(SocketOption::Unsupported, |&(_, _, o)| o)
}

/// A readable name for an option, for error messages ("SO_BROADCAST", or
/// "option 99 at level 1" when it has no well-known name).
pub fn option_name(level: i64, name: i64) -> String {
    const KNOWN: &[(i64, i64, &str)] = &[
        (SOL_SOCKET, 1, "SO_DEBUG"),
        (SOL_SOCKET, 2, "SO_REUSEADDR"),
        (SOL_SOCKET, 3, "SO_TYPE"),
        (SOL_SOCKET, 4, "SO_ERROR"),
        (SOL_SOCKET, 5, "SO_DONTROUTE"),
        (SOL_SOCKET, 6, "SO_BROADCAST"),
        (SOL_SOCKET, 7, "SO_SNDBUF"),
        (SOL_SOCKET, 8, "SO_RCVBUF"),
        (SOL_SOCKET, 9, "SO_KEEPALIVE"),
        (SOL_SOCKET, 10, "SO_OOBINLINE"),
        (SOL_SOCKET, 13, "SO_LINGER"),
        (SOL_SOCKET, 15, "SO_REUSEPORT"),
        (SOL_SOCKET, 16, "SO_PASSCRED"),
        (SOL_SOCKET, 18, "SO_RCVLOWAT"),
        (SOL_SOCKET, 19, "SO_SNDLOWAT"),
        (SOL_SOCKET, 20, "SO_RCVTIMEO"),
        (SOL_SOCKET, 21, "SO_SNDTIMEO"),
        (SOL_SOCKET, 25, "SO_BINDTODEVICE"),
        (SOL_SOCKET, 36, "SO_MARK"),
        (IPPROTO_TCP, 1, "TCP_NODELAY"),
        (0, 32, "IP_MULTICAST_IF"),
        (0, 33, "IP_MULTICAST_TTL"),
        (0, 34, "IP_MULTICAST_LOOP"),
        (0, 42, "MCAST_JOIN_GROUP"),
        (0, 45, "MCAST_LEAVE_GROUP"),
        (41, 17, "IPV6_MULTICAST_IF"),
        (41, 18, "IPV6_MULTICAST_HOPS"),
        (41, 19, "IPV6_MULTICAST_LOOP"),
        (41, 26, "IPV6_V6ONLY"),
    ];
    KNOWN
        .iter()
        .find(|(l, n, _)| *l == level && *n == name)
        .map_or_else(|| format!("option {name} at level {level}"), |(_, _, s)| (*s).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation() {
        assert!(check_socket(AF_INET, SOCK_STREAM, 0).is_none());
        assert!(check_socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP).is_none());
        assert!(check_socket(AF_INET, SOCK_DGRAM, 0).is_none());
        assert!(check_socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP).is_none());
        for (d, t, p) in [
            (AF_UNIX, SOCK_STREAM, 0),
            (AF_INET, SOCK_RAW, 1),
            (AF_INET, SOCK_SEQPACKET, 0),
            (AF_INET, SOCK_RDM, 0),
            (AF_INET, SOCK_STREAM, IPPROTO_UDP),
            (AF_INET, SOCK_STREAM, 132),
            (AF_INET, SOCK_DGRAM, IPPROTO_TCP),
            (AF_PACKET, SOCK_RAW, 0x300),
            (AF_PACKET, SOCK_DGRAM, 0),
            (16, SOCK_DGRAM, 0),
        ] {
            let v = check_socket(d, t, p).expect("refused");
            assert_eq!((v.allowed, v.rule), (false, Rule::Protocol), "{d} {t} {p}");
        }
        assert_eq!(check_socket(AF_UNIX, SOCK_DGRAM, 0).unwrap().class, Class::Unix);
        assert_eq!(check_socket(AF_INET6, SOCK_RAW, 58).unwrap().class, Class::Raw);
        assert_eq!(check_socket(AF_INET, SOCK_SEQPACKET, 0).unwrap().class, Class::Protocol);
        assert_eq!(check_socket(16, SOCK_DGRAM, 0).unwrap().class, Class::Protocol);
        assert_eq!(check_socket(AF_PACKET, SOCK_DGRAM, 0).unwrap().class, Class::Raw);
        assert_eq!(
            check_socket(AF_INET, SOCK_RAW, 1).unwrap().reason,
            "raw sockets are not allowed, only outbound TCP and UDP"
        );
        assert_eq!(
            check_socket(AF_PACKET, SOCK_DGRAM, 0).unwrap().reason,
            "raw sockets (AF_PACKET) are not allowed, only outbound TCP and UDP"
        );
    }

    #[test]
    fn option_table() {
        assert_eq!(socket_option(SOL_SOCKET, 13), SocketOption::Linger);
        assert_eq!(socket_option(IPPROTO_TCP, 1), flag("TCP_NODELAY"));
        assert_eq!(socket_option(SOL_SOCKET, 1), flag("SO_DEBUG"));
        assert_eq!(socket_option(SOL_SOCKET, 6), SocketOption::Unsupported);
        assert_eq!(socket_option(SOL_SOCKET, 20), SocketOption::Unsupported);
        assert_eq!(socket_option(IPPROTO_UDP, 1), SocketOption::Unsupported);
        assert_eq!(MOCKED.len(), 8);
        assert_eq!(option_name(SOL_SOCKET, 6), "SO_BROADCAST");
        assert_eq!(option_name(SOL_SOCKET, 99), "option 99 at level 1");
    }

    /// Stock PHP 8.2 on Linux 6 (as root, so SO_DEBUG is allowed), `socket_set_option`
    /// then `socket_get_option` on a TCP socket; buffer sizes as with the default
    /// wmem_max/rmem_max of 212992.
    #[test]
    fn read_back_as_linux() {
        let get = |level, name, v| socket_option(level, name).read_back(v).unwrap();
        for (level, name) in [(SOL_SOCKET, 9), (SOL_SOCKET, 1), (IPPROTO_TCP, 1), (SOL_SOCKET, 10), (SOL_SOCKET, 2)] {
            for (set, got) in [(5, 1), (-3, 1), (1, 1), (0, 0), (100_000, 1), (1 << 32, 0), ((1 << 32) + 2, 1)] {
                assert_eq!(get(level, name, set), got, "{} = {set}", option_name(level, name));
            }
        }
        for (set, snd, rcv) in [
            (0, 4608, 2304),
            (1, 4608, 2304),
            (4096, 8192, 8192),
            (100_000, 200_000, 200_000),
            (1_000_000, 425_984, 425_984),
            (-3, 425_984, 425_984),
            ((1 << 32) + 100_000, 200_000, 200_000),
        ] {
            assert_eq!(get(SOL_SOCKET, 7, set), snd, "SO_SNDBUF = {set}");
            assert_eq!(get(SOL_SOCKET, 8, set), rcv, "SO_RCVBUF = {set}");
        }
        assert_eq!(SocketOption::Linger.read_back(1), None);
        assert_eq!(SocketOption::Unsupported.read_back(1), None);
    }

    #[test]
    fn linger_as_linux() {
        // (on, linger) set over the previous reading -> the reading after.
        for ((on, linger), previous, got) in [
            ((5, 10), (0, 0), (1, 10)),
            ((1, -1), (1, 10), (1, 65535)),
            ((0, 7), (1, 65535), (0, 65535)),
            ((-2, 3), (0, 0), (1, 3)),
            ((65536, 3), (0, 9), (0, 9)),
            ((1, 65536), (0, 0), (1, 0)),
            ((1, 100_000), (0, 0), (1, 34464)),
            ((1, (1 << 32) + 3), (0, 0), (1, 3)),
        ] {
            assert_eq!(linger_read_back(on, linger, previous), got, "{on} {linger}");
        }
    }
}
