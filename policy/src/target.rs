//! What the app wrote, read the way PHP's C code reads it.
//!
//! The policy must judge the address PHP will really use, so this module reproduces PHP's
//! own parsing instead of a friendlier one: a transport name picks the transport, the
//! `host:port` part is split at the *first* colon unless it starts with `[`, and the port
//! is read with C's `atoi` and then narrowed to 16 bits, exactly as `parse_ip_address_ex`
//! and `php_network_connect_socket_to_host` do. So `host:65561` is judged as port 25, the
//! port the kernel would be given.

use std::borrow::Cow;
use std::fmt;

use thiserror::Error;

/// A stream transport, by the name registered with `php_stream_xport_register`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// `tcp`.
    Tcp,
    /// `udp`.
    Udp,
    /// `ssl`, `tls`, `tlsv1.0` ... `tlsv1.3`: TLS over TCP.
    Tls(String),
    /// `unix`: a Unix-domain stream socket.
    Unix,
    /// `udg`: a Unix-domain datagram socket.
    Udg,
    /// A raw socket (ext/sockets `SOCK_RAW`).
    Raw,
    /// Anything else: another family, type or protocol, or a third-party transport.
    Other(String),
}

impl Transport {
    /// The transport for a registered transport name (case-insensitive, as PHP looks
    /// transports up in lower case).
    pub fn from_name(name: &str) -> Transport {
        // The two common transports without allocating.
        if name.eq_ignore_ascii_case("tcp") {
            return Transport::Tcp;
        }
        if name.eq_ignore_ascii_case("udp") {
            return Transport::Udp;
        }
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "ssl" | "tls" | "tlsv1.0" | "tlsv1.1" | "tlsv1.2" | "tlsv1.3" => Transport::Tls(lower),
            "unix" => Transport::Unix,
            "udg" => Transport::Udg,
            _ => Transport::Other(lower),
        }
    }

    /// Whether App Engine allows it: TCP or UDP, TLS included.
    pub fn is_inet(&self) -> bool {
        matches!(self, Transport::Tcp | Transport::Udp | Transport::Tls(_))
    }

    /// Whether it is datagram-oriented.
    pub fn is_udp(&self) -> bool {
        matches!(self, Transport::Udp)
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transport::Tcp => f.write_str("tcp"),
            Transport::Udp => f.write_str("udp"),
            Transport::Tls(name) | Transport::Other(name) => f.write_str(name),
            Transport::Unix => f.write_str("unix"),
            Transport::Udg => f.write_str("udg"),
            Transport::Raw => f.write_str("raw"),
        }
    }
}

/// A destination as PHP reads it: the host text and the 16-bit port the kernel gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The host, without IPv6 brackets, exactly as written (not yet resolved).
    pub host: String,
    /// The port after PHP's `atoi` and the narrowing to `unsigned short`.
    pub port: u16,
    /// The port text as written, to hand back to PHP unchanged.
    pub port_text: String,
    /// Whether the host was written in brackets (`[::1]:80`).
    pub bracketed: bool,
}

/// Why a `host:port` text is not a target.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// `[...` without `]:` after it.
    #[error("Failed to parse IPv6 address \"{0}\"")]
    Ipv6(String),
    /// No colon.
    #[error("Failed to parse address \"{0}\"")]
    NoPort(String),
    /// A NUL byte: C code would see a different, shorter name than the app wrote.
    #[error("address contains a NUL byte")]
    Nul,
}

/// C's `atoi` as glibc implements it (`(int) strtol(s, NULL, 10)`), narrowed to the
/// `unsigned short` that `php_network_connect_socket_to_host` takes.
pub fn php_atoi_port(s: &[u8]) -> u16 {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    // strtol saturates at LONG_MIN/LONG_MAX on overflow.
    let mut value: i64 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        let d = i64::from(s[i] - b'0');
        match value.checked_mul(10).and_then(|v| if negative { v.checked_sub(d) } else { v.checked_add(d) }) {
            Some(v) => value = v,
            None => overflow = true,
        }
        if overflow {
            value = if negative { i64::MIN } else { i64::MAX };
            break;
        }
        i += 1;
    }
    // (int) then (unsigned short): both keep the low bits.
    value as i32 as u16
}

/// A destination as [`parse_xport_name_ref`] reads it, borrowing the app's text (no
/// allocation when the text is UTF-8, as it nearly always is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetRef<'a> {
    /// The host, without IPv6 brackets, exactly as written (not yet resolved).
    pub host: Cow<'a, str>,
    /// The port after PHP's `atoi` and the narrowing to `unsigned short`.
    pub port: u16,
    /// The port text as written, to hand back to PHP unchanged.
    pub port_text: Cow<'a, str>,
    /// Whether the host was written in brackets (`[::1]:80`).
    pub bracketed: bool,
}

impl TargetRef<'_> {
    /// The owned [`Target`].
    pub fn into_owned(self) -> Target {
        Target {
            host: self.host.into_owned(),
            port: self.port,
            port_text: self.port_text.into_owned(),
            bracketed: self.bracketed,
        }
    }
}

/// Split a transport address (`host:port`, `[v6]:port`) the way PHP's
/// `parse_ip_address_ex` does. The input is what follows `scheme://`.
pub fn parse_xport_name(name: &[u8]) -> Result<Target, TargetError> {
    parse_xport_name_ref(name).map(TargetRef::into_owned)
}

/// [`parse_xport_name`], borrowing the host and port text from `name`.
pub fn parse_xport_name_ref(name: &[u8]) -> Result<TargetRef<'_>, TargetError> {
    // C reads the name as a NUL-terminated string; everything after a NUL is invisible to
    // it, and a policy that judged the full text would judge something else.
    if name.contains(&0) {
        return Err(TargetError::Nul);
    }
    let lossy = || String::from_utf8_lossy(name).into_owned();
    if name.first() == Some(&b'[') && name.len() > 1 {
        let inner = &name[1..name.len() - 1];
        let close = inner.iter().position(|&b| b == b']').map(|p| p + 1);
        return match close {
            Some(p) if name.get(p + 1) == Some(&b':') => Ok(TargetRef {
                host: String::from_utf8_lossy(&name[1..p]),
                port: php_atoi_port(&name[p + 2..]),
                port_text: String::from_utf8_lossy(&name[p + 2..]),
                bracketed: true,
            }),
            _ => Err(TargetError::Ipv6(lossy())),
        };
    }
    let colon = if name.is_empty() {
        None
    } else {
        name[..name.len() - 1].iter().position(|&b| b == b':')
    };
    match colon {
        Some(c) => Ok(TargetRef {
            host: String::from_utf8_lossy(&name[..c]),
            port: php_atoi_port(&name[c + 1..]),
            port_text: String::from_utf8_lossy(&name[c + 1..]),
            bracketed: false,
        }),
        None => Err(TargetError::NoPort(lossy())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_like_glibc() {
        assert_eq!(php_atoi_port(b"80"), 80);
        assert_eq!(php_atoi_port(b"  80abc"), 80);
        assert_eq!(php_atoi_port(b"+443"), 443);
        assert_eq!(php_atoi_port(b""), 0);
        assert_eq!(php_atoi_port(b"abc"), 0);
        assert_eq!(php_atoi_port(b"-1"), 65535);
        assert_eq!(php_atoi_port(b"65561"), 25);
        assert_eq!(php_atoi_port(b"4295032857"), 25); // 2^32 + 65536 + 25
        assert_eq!(php_atoi_port(b"99999999999999999999999"), 65535); // LONG_MAX
        assert_eq!(php_atoi_port(b"-99999999999999999999999"), 0); // LONG_MIN
    }

    #[test]
    fn split_like_php() {
        let t = parse_xport_name(b"example.com:80").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.bracketed), ("example.com", 80, false));
        let t = parse_xport_name(b"[::1]:443").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.bracketed), ("::1", 443, true));
        // First colon, as memchr finds it: an unbracketed IPv6 literal has an empty host.
        let t = parse_xport_name(b"::1:80").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("", 0));
        let t = parse_xport_name(b"10.0.0.5:65561").unwrap();
        assert_eq!(t.port, 25);
        assert_eq!(t.port_text, "65561");
        assert!(matches!(parse_xport_name(b"[::1]"), Err(TargetError::Ipv6(_))));
        assert!(matches!(parse_xport_name(b"[::1]80"), Err(TargetError::Ipv6(_))));
        assert!(matches!(parse_xport_name(b"host"), Err(TargetError::NoPort(_))));
        assert!(matches!(parse_xport_name(b"host:"), Err(TargetError::NoPort(_))));
        assert!(matches!(parse_xport_name(b""), Err(TargetError::NoPort(_))));
        assert!(matches!(parse_xport_name(b"public.test\0.evil:80"), Err(TargetError::Nul)));
    }

    #[test]
    fn transports() {
        assert_eq!(Transport::from_name("TCP"), Transport::Tcp);
        assert!(Transport::from_name("tlsv1.3").is_inet());
        assert!(Transport::from_name("ssl").is_inet());
        assert!(!Transport::from_name("unix").is_inet());
        assert!(!Transport::from_name("udg").is_inet());
        assert!(!Transport::from_name("sslv3").is_inet());
        assert!(!Transport::from_name("sctp").is_inet());
    }
}
