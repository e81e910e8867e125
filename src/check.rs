//! `appengine_sockets_check()`: the same decision as a connection, without connecting.
//!
//! For apps that validate user-supplied endpoints (webhooks, callback URLs) before storing
//! them. It resolves and judges exactly as a connection would; it does not log or count,
//! because nothing was attempted.

use appengine_sockets_policy::{parse_xport_name, AclResult, Rule, SystemResolver, Transport};

use crate::guard;
use crate::state;

/// The answer, as the PHP array `['allowed', 'rule', 'reason', 'addresses']`.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// Whether a connection would be allowed.
    pub allowed: bool,
    /// The rule that decided.
    pub rule: &'static str,
    /// Why.
    pub reason: String,
    /// Every address the host resolved to.
    pub addresses: Vec<String>,
    /// The ACL's part (None without an ACL).
    pub acl: Option<AclPart>,
}

/// The ACL's part of a check: `['app', 'project', 'matched', 'result', 'enforce_would_deny']`.
#[derive(Debug, PartialEq, Eq)]
pub struct AclPart {
    /// The rule judged by: the app id, `default` or `none`.
    pub app: String,
    /// Its project.
    pub project: String,
    /// What matched (or `not-consulted`).
    pub matched: &'static str,
    /// `allow`, `report` or `deny`.
    pub result: &'static str,
    /// Whether enforcing would refuse.
    pub enforce_would_deny: bool,
}

/// Judge `address` (`tcp://host:port`, `udp://...`, `[v6]:port`, `host:port`, `unix://...`,
/// or a host with `port`). `Err` carries a ValueError message.
pub fn check(address: &str, port: Option<i64>) -> Result<CheckResult, String> {
    check_for(address, port, None)
}

/// [`check`] for the ACL rule of `app` (None: this request's app).
pub fn check_for(address: &str, port: Option<i64>, app: Option<&str>) -> Result<CheckResult, String> {
    if let Some(p) = port {
        if !(0..=65535).contains(&p) {
            return Err("appengine_sockets_check(): Argument #2 ($port) must be between 0 and 65535".into());
        }
    }
    let (transport, rest) = match address.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => {
            (Transport::from_name(scheme), rest)
        }
        _ => (Transport::Tcp, address),
    };
    let refused = |rule: Rule, reason: String| CheckResult {
        allowed: false,
        rule: rule.as_str(),
        reason,
        addresses: Vec::new(),
        acl: None,
    };
    if let Some(v) = guard::gate_verdict() {
        return Ok(refused(v.rule, v.reason.to_string()));
    }
    let policy = state::get().policy();
    if let Some(v) = policy.check_transport(&transport) {
        return Ok(refused(v.rule, v.reason.to_string()));
    }
    let (host, port) = match port {
        Some(p) => {
            let host = rest.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(rest);
            (host.to_owned(), p as u16)
        }
        None => match parse_xport_name(rest.as_bytes()) {
            Ok(t) => (t.host, t.port),
            Err(e) => return Err(format!("appengine_sockets_check(): Argument #1 ($address) must include a port, or pass $port ({e})")),
        },
    };
    let decision = policy.check_connect(&transport, &host, port, &SystemResolver);
    let snapshot = match app {
        Some(app) => crate::acl::snapshot().map(|s| crate::acl::Snapshot::for_app(s.loaded, app)),
        None => crate::acl::snapshot(),
    };
    let (verdict, acl) = match snapshot {
        None => (decision.verdict, None),
        Some(s) => {
            let names: Vec<&str> = if appengine_sockets_policy::acl::is_address_spelling(&host) { vec![] } else { vec![host.as_str()] };
            let applied = s.apply(decision.verdict, &names, port);
            let note = guard::acl_note(&s, applied.decision.as_ref());
            let result = match applied.decision.as_ref().map(|d| d.result) {
                None => if applied.verdict.allowed { "allow" } else { "deny" },
                Some(AclResult::Allow) => "allow",
                Some(AclResult::Report) => "report",
                Some(AclResult::Deny) => "deny",
            };
            let part = AclPart { app: note.app, project: note.project, matched: note.acl, result, enforce_would_deny: note.enforce_would_deny };
            (applied.verdict, Some(part))
        }
    };
    Ok(CheckResult {
        // A report is allowed: the connection would go ahead, with a notice.
        allowed: verdict.allowed || verdict.rule == Rule::AclReport,
        rule: verdict.rule.as_str(),
        reason: verdict.reason.to_string(),
        addresses: decision.addresses.iter().map(ToString::to_string).collect(),
        acl,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        crate::state::set(crate::settings::build(crate::settings::default_value));
        let r = check("tcp://10.0.0.5:80", None).unwrap();
        assert_eq!((r.allowed, r.rule, r.reason.as_str()), (false, "special-purpose", "private address 10.0.0.5"));
        assert_eq!(r.addresses, vec!["10.0.0.5"]);
        assert_eq!(check("10.0.0.5", Some(80)).unwrap().rule, "special-purpose");
        assert_eq!(check("[::1]:443", None).unwrap().reason, "loopback address ::1");
        assert_eq!(check("[::1]", Some(443)).unwrap().reason, "loopback address ::1");
        assert_eq!(check("udp://8.8.8.8:53", None).unwrap().rule, "whitelist");
        assert!(check("udp://8.8.8.8:53", None).unwrap().allowed);
        assert_eq!(check("unix:///tmp/s.sock", None).unwrap().rule, "protocol");
        assert_eq!(check("11.0.0.1", Some(25)).unwrap().rule, "port-25");
        assert_eq!(check("1.1.1.1:443", None).unwrap().rule, "public");
        assert!(check("1.1.1.1", None).is_err());
        assert!(check("1.1.1.1", Some(70000)).is_err());
    }
}
