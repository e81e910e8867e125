//! Turning a host into addresses, once.
//!
//! The policy resolves a name exactly once and hands the caller the addresses it checked;
//! the caller connects to those and never looks the name up again, so a DNS answer that
//! changes between check and connect (rebinding) cannot slip a private address through.
//!
//! [`SystemResolver`] asks the C library (`getaddrinfo`), the same resolver PHP would use,
//! so every spelling the C library accepts (`0x7f.1`, `2130706433`, `0177.0.0.1`, ...) ends
//! up as the address it really means. [`StaticResolver`] is a fixed table for tests and
//! fuzzing.

use std::collections::HashMap;
use std::net::{IpAddr, ToSocketAddrs};
use std::sync::Mutex;

use thiserror::Error;

/// A lookup that found nothing usable.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("getaddrinfo for {host} failed: {detail}")]
pub struct ResolveError {
    /// The host that was looked up.
    pub host: String,
    /// The resolver's message (for the system resolver, `gai_strerror`'s text).
    pub detail: String,
}

/// Resolves a host to its addresses, in the order a connection should try them.
pub trait Resolver {
    /// Every address for `host`, without duplicates. A literal address resolves to itself.
    fn resolve(&self, host: &str) -> Result<Vec<IpAddr>, ResolveError>;
}

/// The C library's resolver (`getaddrinfo`), as PHP itself uses it.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn resolve(&self, host: &str) -> Result<Vec<IpAddr>, ResolveError> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let fail = |detail: String| ResolveError {
            host: host.to_owned(),
            detail,
        };
        let addrs = (host, 0u16).to_socket_addrs().map_err(|e| {
            let text = e.to_string();
            // std prefixes gai_strerror's text; PHP's message has only the latter.
            let detail = text
                .strip_prefix("failed to lookup address information: ")
                .unwrap_or(&text)
                .to_owned();
            fail(detail)
        })?;
        let mut out: Vec<IpAddr> = Vec::new();
        for a in addrs {
            if !out.contains(&a.ip()) {
                out.push(a.ip());
            }
        }
        if out.is_empty() {
            return Err(fail("No address associated with hostname".to_owned()));
        }
        Ok(out)
    }
}

/// A fixed name table; literals resolve to themselves, anything else fails. Each lookup is
/// counted, so tests can prove a name was resolved exactly once.
#[derive(Debug, Default)]
pub struct StaticResolver {
    names: HashMap<String, Vec<IpAddr>>,
    lookups: Mutex<usize>,
}

impl StaticResolver {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add `host` with its addresses.
    pub fn with(mut self, host: &str, addrs: &[&str]) -> Self {
        let parsed = addrs.iter().map(|a| a.parse().expect("test address")).collect();
        self.names.insert(host.to_ascii_lowercase(), parsed);
        self
    }

    /// How many lookups have been made.
    pub fn lookups(&self) -> usize {
        *self.lookups.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Resolver for StaticResolver {
    fn resolve(&self, host: &str) -> Result<Vec<IpAddr>, ResolveError> {
        *self.lookups.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        self.names
            .get(&host.to_ascii_lowercase())
            .filter(|v| !v.is_empty())
            .cloned()
            .ok_or_else(|| ResolveError {
                host: host.to_owned(),
                detail: "Name or service not known".to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every IPv4 spelling the C library accepts resolves to the address it means, so the
    /// rules see 127.0.0.1 however the app wrote it. No DNS is involved: these are numeric.
    #[test]
    fn c_library_spellings() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for spelling in [
            "127.1",
            "127.0.1",
            "0x7f.1",
            "0x7f.0x0.0x0.0x1",
            "0177.0.0.1",
            "0177.00.01",
            "127.0x1",
            "2130706433",
            "0x7f000001",
            "017700000001",
        ] {
            assert_eq!(SystemResolver.resolve(spelling).unwrap(), vec![loopback], "{spelling}");
        }
        assert_eq!(SystemResolver.resolve("0").unwrap(), vec!["0.0.0.0".parse::<IpAddr>().unwrap()]);
        assert_eq!(
            SystemResolver.resolve("::ffff:10.0.0.1").unwrap(),
            vec!["::ffff:10.0.0.1".parse::<IpAddr>().unwrap()]
        );
    }

    #[test]
    fn static_table_counts_lookups() {
        let r = StaticResolver::new().with("a.test", &["11.0.0.1"]);
        assert_eq!(r.resolve("A.TEST").unwrap().len(), 1);
        assert!(r.resolve("b.test").is_err());
        assert_eq!(r.lookups(), 2);
    }
}
