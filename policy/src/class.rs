//! Rule classes: the `rule` label of the server-wide decision counters. A class is the
//! rule that decided, made precise where one rule covers several things an operator tells
//! apart on a dashboard: the special-purpose rule by the kind of range that matched
//! (private, loopback, ...), the protocol rule by the kind of socket refused (unix, raw,
//! a socket pair). The set is fixed and small: it sizes the shared counters' table.
//!
//! A [`crate::Verdict`] carries its class, set where the verdict is made, so counting a
//! decision reads a field and never looks at the reason's text.

use crate::rules::Rule;

/// What decided, as the metrics label it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Rule 1: another address family, socket type, protocol or transport.
    Protocol,
    /// Rule 1: a unix-domain socket (`unix://`, `udg://`, `AF_UNIX`).
    Unix,
    /// Rule 1: a raw socket (`SOCK_RAW`, a raw transport).
    Raw,
    /// Rule 1: a socket pair (`stream_socket_pair`, `socket_create_pair`).
    SocketPair,
    /// Rule 1: listening or accepting.
    Listen,
    /// Rule 1: binding to a specific address or port.
    Bind,
    /// Rule 2: port 25.
    Port25,
    /// Rule 3: a whitelist entry lifted the Google-range rule.
    Whitelist,
    /// Rule 4: private-use space (10/8, 172.16/12, 192.168/16, fc00::/7), shared
    /// carrier-grade NAT space (100.64/10) and deprecated IPv6 site-local (fec0::/10).
    Private,
    /// Rule 4: loopback (127/8, ::1).
    Loopback,
    /// Rule 4: link-local (169.254/16, fe80::/10).
    LinkLocal,
    /// Rule 4: multicast (224/4, ff00::/8).
    Multicast,
    /// Rule 4: the limited broadcast address 255.255.255.255.
    Broadcast,
    /// Rule 4: the unspecified address (0.0.0.0, ::), which Linux connects to the local host.
    Unspecified,
    /// Rule 4: every other special-purpose range (this network 0/8, documentation,
    /// benchmarking, IETF protocol assignments, 240/4, discard-only, local-use NAT64,
    /// IPv6 outside 2000::/3, ...).
    Reserved,
    /// Rule 5: Google's ranges.
    Google,
    /// Rule 6: an ordinary public address.
    Public,
    /// The host could not be resolved.
    Resolution,
    /// The target text cannot be read safely.
    Malformed,
    /// An operator's `appengine_sockets.deny` entry.
    OperatorDeny,
    /// An operator's `appengine_sockets.allow` entry.
    OperatorAllow,
    /// A broken setting.
    Config,
    /// Sockets are only for paid apps.
    Billing,
    /// The app's egress ACL (refused or reported).
    Acl,
}

impl Class {
    /// Every class, in declaration order (`class as usize` indexes it).
    pub const ALL: [Class; 24] = [
        Class::Protocol,
        Class::Unix,
        Class::Raw,
        Class::SocketPair,
        Class::Listen,
        Class::Bind,
        Class::Port25,
        Class::Whitelist,
        Class::Private,
        Class::Loopback,
        Class::LinkLocal,
        Class::Multicast,
        Class::Broadcast,
        Class::Unspecified,
        Class::Reserved,
        Class::Google,
        Class::Public,
        Class::Resolution,
        Class::Malformed,
        Class::OperatorDeny,
        Class::OperatorAllow,
        Class::Config,
        Class::Billing,
        Class::Acl,
    ];

    /// The label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Class::Protocol => "protocol",
            Class::Unix => "unix",
            Class::Raw => "raw",
            Class::SocketPair => "socket_pair",
            Class::Listen => "listen",
            Class::Bind => "bind",
            Class::Port25 => "port_25",
            Class::Whitelist => "whitelist",
            Class::Private => "private",
            Class::Loopback => "loopback",
            Class::LinkLocal => "link_local",
            Class::Multicast => "multicast",
            Class::Broadcast => "broadcast",
            Class::Unspecified => "unspecified",
            Class::Reserved => "reserved",
            Class::Google => "google",
            Class::Public => "public",
            Class::Resolution => "resolution",
            Class::Malformed => "malformed",
            Class::OperatorDeny => "operator_deny",
            Class::OperatorAllow => "operator_allow",
            Class::Config => "config",
            Class::Billing => "billing",
            Class::Acl => "acl",
        }
    }

    /// A rule's class when nothing more precise is known: the rule itself (the protocol
    /// rule's catch-all `protocol`; the special-purpose rule's `reserved`, though every
    /// special-purpose verdict this crate makes names its range's class).
    pub const fn of(rule: Rule) -> Class {
        match rule {
            Rule::Protocol => Class::Protocol,
            Rule::Listen => Class::Listen,
            Rule::Bind => Class::Bind,
            Rule::Port25 => Class::Port25,
            Rule::Whitelist => Class::Whitelist,
            Rule::SpecialPurpose => Class::Reserved,
            Rule::Google => Class::Google,
            Rule::Public => Class::Public,
            Rule::Resolution => Class::Resolution,
            Rule::Malformed => Class::Malformed,
            Rule::OperatorDeny => Class::OperatorDeny,
            Rule::OperatorAllow => Class::OperatorAllow,
            Rule::Config => Class::Config,
            Rule::Billing => Class::Billing,
            Rule::Acl | Rule::AclReport => Class::Acl,
        }
    }

    /// The class of a special-purpose row by its kind (the word its refusal reason uses).
    /// Evaluated when the table is built, at compile time.
    pub(crate) const fn of_kind(kind: &str) -> Class {
        const fn eq(a: &str, b: &str) -> bool {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            if a.len() != b.len() {
                return false;
            }
            let mut i = 0;
            while i < a.len() {
                if a[i] != b[i] {
                    return false;
                }
                i += 1;
            }
            true
        }
        if eq(kind, "private") || eq(kind, "shared (carrier-grade NAT)") || eq(kind, "site-local") {
            Class::Private
        } else if eq(kind, "loopback") {
            Class::Loopback
        } else if eq(kind, "link-local") {
            Class::LinkLocal
        } else if eq(kind, "multicast") {
            Class::Multicast
        } else if eq(kind, "broadcast") {
            Class::Broadcast
        } else if eq(kind, "unspecified") {
            Class::Unspecified
        } else {
            Class::Reserved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_declaration_order_and_labels_differ() {
        let mut seen = std::collections::HashSet::new();
        for (i, c) in Class::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
            assert!(seen.insert(c.as_str()));
            assert!(c.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        }
    }

    #[test]
    fn a_rule_without_a_finer_class_is_its_own_label() {
        for r in crate::rules::Rule::ALL {
            if r != Rule::SpecialPurpose {
                assert_eq!(Class::of(r).as_str(), r.as_str().replace('-', "_"), "{r}");
            }
        }
        assert_eq!(Class::of(Rule::AclReport), Class::Acl);
    }
}
