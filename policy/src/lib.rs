//! The App Engine outbound socket policy, with no PHP in it.
//!
//! This crate decides; it never connects. The PHP extension (the crate at the top of this
//! repository) asks it one question per socket operation and does what the answer says.
//! Keeping the decision here, free of Zend types and of `unsafe`, means every rule can be
//! unit-tested, fuzzed and benchmarked without a PHP runtime.
//!
//! # The rules, in the order they are applied
//!
//! 1. **Protocol** ([`Rule::Protocol`], [`Rule::Listen`], [`Rule::Bind`]): only outbound TCP
//!    or UDP. Listening, accepting, binding to a specific address or port, unix/udg sockets,
//!    raw sockets and every other family or protocol are refused. Binding to the wildcard
//!    address with port 0 is not "specific" and is allowed.
//! 2. **Port 25** ([`Rule::Port25`]) is refused for every destination.
//! 3. **Whitelist** ([`Rule::Whitelist`]): Google Public DNS on port 53, and the Gmail names
//!    on their submission/TLS ports. A whitelist entry only lifts the Google-range rule.
//! 4. **Special-purpose addresses** ([`Rule::SpecialPurpose`]): see [`special`].
//! 5. **Google's ranges** ([`Rule::Google`]): see [`google`].
//! 6. Everything else is allowed ([`Rule::Public`]).
//!
//! A name is allowed only if *every* address it resolves to is allowed, and the caller must
//! connect to the addresses the [`Decision`] carries, never resolve the name again.
//!
//! # Design
//!
//! * [`target`] turns what the app wrote (`tcp://host:port`, a PHP transport name, a port
//!   as PHP's C code would read it) into a [`Target`].
//! * [`resolve`] turns a host into addresses once, through a [`Resolver`] the caller picks
//!   (the system's `getaddrinfo` in production, a fixed table in tests).
//! * [`special`] and [`google`] classify one address; [`ranges`] holds the sorted interval
//!   tables they search.
//! * [`nft`] turns a [`Policy`] into an nftables ruleset: the kernel backstop for what no
//!   in-process guard can stop (child processes, static programs, raw syscalls).
//! * [`Policy`] applies the rules and returns a [`Verdict`] with a [`Rule`] and a reason
//!   that names the address, fit to show a PHP developer.

pub mod acl;
pub mod class;
pub mod google;
pub mod metrics;
pub mod nft;
pub mod operator;
pub mod ranges;
pub mod resolve;
pub mod rules;
pub mod sockets;
pub mod special;
pub mod target;

pub use class::Class;
pub use acl::{Acl, AclDecision, AclError, AclResult, Matched, Role};
pub use google::{GoogleRanges, Provenance, RangesError};
pub use operator::{parse_list, ConfigError, Entry};
pub use ranges::RangeTable;
pub use resolve::{ResolveError, Resolver, StaticResolver, SystemResolver};
pub use rules::{Decision, Policy, Reason, Rule, Verdict};
pub use special::{classify, Special};
pub use target::{parse_ip, parse_xport_name, parse_xport_name_ref, php_atoi_port, text, Target, TargetError, TargetRef, Transport};

/// xorshift64*: deterministic pseudo-random numbers for the tests, no dependency.
#[cfg(test)]
pub(crate) fn test_rng() -> impl FnMut() -> u64 {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}
