//! Operators' allow and deny lists (`appengine_sockets.allow`, `appengine_sockets.deny`).
//!
//! An entry is `ADDRESS[/PREFIX]`, or with a port `ADDRESS[/PREFIX]:PORT`; an IPv6 entry
//! with a port is written in brackets: `[fd00::/8]:443`. The address alone may be in
//! brackets too, as in URLs: `[::1]/128`, `[fd00::]/8:443`. Entries are separated by commas.
//! A value that does not parse is an error, never a shorter list: the caller fails closed.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;
use thiserror::Error;

/// One entry of an operator list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The addresses it covers.
    pub net: IpNet,
    /// The port it covers; every port when `None`.
    pub port: Option<u16>,
}

impl Entry {
    /// Whether the entry covers `ip` (or the IPv4 address `effective` it carries) on `port`.
    pub fn matches(&self, ip: IpAddr, effective: IpAddr, port: u16) -> bool {
        self.port.is_none_or(|p| p == port) && (self.net.contains(&ip) || self.net.contains(&effective))
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.port, self.net) {
            (None, net) => write!(f, "{net}"),
            (Some(p), IpNet::V4(net)) => write!(f, "{net}:{p}"),
            (Some(p), IpNet::V6(net)) => write!(f, "[{net}]:{p}"),
        }
    }
}

/// A setting whose value cannot be used. The message names the setting and the problem.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{setting}: {problem}")]
pub struct ConfigError {
    /// The ini setting.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    /// An error in `setting`.
    pub fn new(setting: &str, problem: impl Into<String>) -> Self {
        ConfigError {
            setting: setting.to_owned(),
            problem: problem.into(),
        }
    }
}

/// Parse a comma-separated operator list. `setting` names it in errors.
pub fn parse_list(setting: &str, value: &str) -> Result<Vec<Entry>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| parse_entry(e).map_err(|why| ConfigError::new(setting, format!("entry \"{e}\" {why}"))))
        .collect()
}

/// What a bad entry is told, with the accepted spellings.
const FORMS: &str = "is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, 10.0.0.0/8:443, fd00::/8, [fd00::]/8, \
                     [fd00::/8]:443, [fd00::]/8:443)";

fn parse_entry(text: &str) -> Result<Entry, String> {
    let bracketed;
    let (addr, port) = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or("has '[' without ']'")?;
        // After the brackets: nothing, :PORT, /PREFIX, or /PREFIX:PORT.
        let (prefix, port) = match after.strip_prefix('/') {
            Some(p) => match p.split_once(':') {
                Some((n, port)) => (Some(n), Some(port)),
                None => (Some(p), None),
            },
            None if after.is_empty() => (None, None),
            None => (None, Some(after.strip_prefix(':').ok_or("has text after ']' that is not /PREFIX or :PORT")?)),
        };
        let addr = match prefix {
            Some(_) if inside.contains('/') => return Err("has a prefix both inside and after the brackets".into()),
            Some(n) => {
                bracketed = format!("{inside}/{n}");
                bracketed.as_str()
            }
            None => inside,
        };
        (addr, port)
    } else if text.matches(':').count() == 1 {
        // IPv4 with a port (an IPv6 entry has at least two colons).
        let (a, p) = text.split_once(':').unwrap_or((text, ""));
        (a, Some(p))
    } else {
        (text, None)
    };
    let port = match port {
        None => None,
        Some(p) => Some(
            p.parse::<u16>()
                .map_err(|_| format!("has port \"{p}\", which is not a number from 0 to 65535"))?,
        ),
    };
    let net = if addr.contains('/') {
        let net: IpNet = addr.parse().map_err(|_| FORMS.to_owned())?;
        if net.trunc() != net {
            return Err(format!("has host bits set (did you mean {}?)", net.trunc()));
        }
        net
    } else {
        let ip: IpAddr = addr.parse().map_err(|_| FORMS.to_owned())?;
        IpNet::from(ip)
    };
    Ok(Entry { net, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Entry {
        let mut v = parse_list("x", s).unwrap();
        assert_eq!(v.len(), 1, "{s}");
        v.remove(0)
    }

    #[test]
    fn forms() {
        assert_eq!(one("10.0.0.5").to_string(), "10.0.0.5/32");
        assert_eq!(one("10.0.0.0/8").to_string(), "10.0.0.0/8");
        assert_eq!(one("10.0.0.0/8:443").port, Some(443));
        assert_eq!(one("fd00::/8").to_string(), "fd00::/8");
        assert_eq!(one("[fd00::/8]:443").to_string(), "[fd00::/8]:443");
        assert_eq!(one("[2001:db8::1]").to_string(), "2001:db8::1/128");
        assert_eq!(parse_list("x", " 10.0.0.5 , 11.0.0.0/24:80 ,").unwrap().len(), 2);
        // The address alone in brackets, as in URLs.
        assert_eq!(one("[::1]/128").to_string(), "::1/128");
        assert_eq!(one("[::1]/128"), one("::1/128"));
        assert_eq!(one("[fd00::]/8").to_string(), "fd00::/8");
        assert_eq!(one("[fd00::]/8:443"), one("[fd00::/8]:443"));
        assert_eq!(one("[::1]:443").to_string(), "[::1/128]:443");
        assert_eq!(one("[10.0.0.0]/8").to_string(), "10.0.0.0/8");
        assert!(parse_list("x", "").unwrap().is_empty());
    }

    #[test]
    fn errors_name_setting_and_entry() {
        for bad in [
            "10.0.0.0/33", "10.0.0.5:99999", "example.com", "10.0.0.5/8", "[fd00::/8", "[fd00::]443", "fd00::/8:443x", "1.2.3.4:",
            "[fd00::/8]/8", "[fd00::]/", "[fd00::]/8:", "[fd00::]/129", "[fd00::]/x", "[::1]/128:443x", "[::1]/8",
        ] {
            let e = parse_list("appengine_sockets.deny", bad).unwrap_err();
            assert_eq!(e.setting, "appengine_sockets.deny", "{bad}");
            assert!(e.to_string().contains(bad.trim()), "{bad}: {e}");
        }
        assert_eq!(
            parse_list("appengine_sockets.allow", "10.0.0.5/8").unwrap_err().to_string(),
            "appengine_sockets.allow: entry \"10.0.0.5/8\" has host bits set (did you mean 10.0.0.0/8?)"
        );
        // The start-up warning names the accepted spellings.
        assert_eq!(
            parse_list("appengine_sockets.deny", "::1/128/8").unwrap_err().to_string(),
            "appengine_sockets.deny: entry \"::1/128/8\" is not ADDRESS[/PREFIX][:PORT] (accepted: 10.0.0.0/8, \
             10.0.0.0/8:443, fd00::/8, [fd00::]/8, [fd00::/8]:443, [fd00::]/8:443)"
        );
    }

    #[test]
    fn matching() {
        let e = one("[fd00::/8]:443");
        let ip: IpAddr = "fd00::5".parse().unwrap();
        assert!(e.matches(ip, ip, 443));
        assert!(!e.matches(ip, ip, 80));
        let e = one("10.0.0.0/8");
        let mapped: IpAddr = "::ffff:10.0.0.5".parse().unwrap();
        assert!(e.matches(mapped, "10.0.0.5".parse().unwrap(), 25));
    }
}
