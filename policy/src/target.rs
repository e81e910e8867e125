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
use std::net::{IpAddr, Ipv4Addr};

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

    /// [`Transport::from_name`] for a name PHP hands over as bytes.
    pub fn from_name_bytes(name: &[u8]) -> Transport {
        if name.eq_ignore_ascii_case(b"tcp") {
            return Transport::Tcp;
        }
        if name.eq_ignore_ascii_case(b"udp") {
            return Transport::Udp;
        }
        Transport::from_name(&text(name))
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

/// A destination as [`parse_xport_name_ref`] reads it, borrowing the app's bytes (no
/// conversion or allocation until a caller asks for text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetRef<'a> {
    /// The host, without IPv6 brackets, exactly as written (not yet resolved).
    pub host: &'a [u8],
    /// The port after PHP's `atoi` and the narrowing to `unsigned short`.
    pub port: u16,
    /// The port text as written, to hand back to PHP unchanged.
    pub port_text: &'a [u8],
    /// Whether the host was written in brackets (`[::1]:80`).
    pub bracketed: bool,
}

impl<'a> TargetRef<'a> {
    /// The host as text (lossy for bytes that are not UTF-8).
    pub fn host_text(&self) -> Cow<'a, str> {
        text(self.host)
    }

    /// The port text as text.
    pub fn port_text(&self) -> Cow<'a, str> {
        text(self.port_text)
    }

    /// The host when it is a plain literal address (see [`parse_ip`]).
    pub fn literal(&self) -> Option<IpAddr> {
        parse_ip(self.host)
    }

    /// The owned [`Target`].
    pub fn into_owned(self) -> Target {
        Target {
            host: self.host_text().into_owned(),
            port: self.port,
            port_text: self.port_text().into_owned(),
            bracketed: self.bracketed,
        }
    }
}

/// Bytes as text: borrowed when they are UTF-8, else lossy.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `bytes` as an IP address literal, accepting exactly what `str::parse::<IpAddr>` accepts
/// (a dotted quad of decimal octets without leading zeros, or an IPv6 literal). A dotted
/// quad, the common case, is read directly from the bytes; anything else goes through
/// std's parser.
pub fn parse_ip(bytes: &[u8]) -> Option<IpAddr> {
    if let Some(ip) = parse_dotted_quad(bytes) {
        return Some(IpAddr::V4(ip));
    }
    if !bytes.contains(&b':') {
        // Not a dotted quad, and every IPv6 literal has a colon: a name (or nothing std
        // reads as an address).
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

fn parse_dotted_quad(b: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut i = 0;
    for (k, octet) in octets.iter_mut().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        // 1 to 3 digits, without a leading zero unless the part is "0".
        let start = i;
        let mut v: u32 = 0;
        while i < b.len() && i - start < 3 && b[i].is_ascii_digit() {
            v = v * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        let len = i - start;
        if len == 0 || (len > 1 && b[start] == b'0') || v > 255 {
            return None;
        }
        *octet = v as u8;
    }
    (i == b.len()).then_some(Ipv4Addr::from(octets))
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
                host: &name[1..p],
                port: php_atoi_port(&name[p + 2..]),
                port_text: &name[p + 2..],
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
            host: &name[..c],
            port: php_atoi_port(&name[c + 1..]),
            port_text: &name[c + 1..],
            bracketed: false,
        }),
        None => Err(TargetError::NoPort(lossy())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_ip_accepts_what_std_accepts() {
        let mut cases: Vec<String> = [
            "11.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.0.0.1", "1.00.0.1", "1.0.0.01", "1.2.3",
            "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1234.1.1.1", "", ".", "1.2.3.4a", "::1", "2400:cb00::10",
            "::ffff:10.0.0.5", "fe80::1%1", "[::1]", "public.test", "0x7f.0.0.1", "127.1", "2130706433", " 1.2.3.4",
            "1.2.3.4 ", "+1.2.3.4", "١.٢.٣.٤",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for a in ["0", "1", "9", "10", "99", "100", "199", "200", "249", "250", "255", "256", "300", "999", "00", "010"] {
            cases.push(format!("{a}.{a}.1.{a}"));
        }
        for c in &cases {
            assert_eq!(parse_ip(c.as_bytes()), c.parse::<IpAddr>().ok(), "{c:?}");
        }
        assert_eq!(parse_ip(b"\xff1.2.3.4"), None);
    }

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
