//! The policy in force in this process, set once at module start-up.
//!
//! PHP-FPM starts the module in its master and forks workers from it, so the state is built
//! once and inherited. It lives in a `std::sync::OnceLock`: nothing else is needed.

use std::sync::OnceLock;

use appengine_sockets_policy::{Policy, RangeTable};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/google_ranges.rs"));
}

/// Provenance of the built-in Google table: goog syncToken, goog creationTime, cloud
/// syncToken, cloud creationTime.
pub use builtin::BUILTIN_PROVENANCE;

/// The built-in Google table, compiled in by `build.rs`.
pub const BUILTIN_GOOGLE: RangeTable = RangeTable::from_static(builtin::BUILTIN_GOOGLE_V4, builtin::BUILTIN_GOOGLE_V6);

/// The process's socket policy.
#[derive(Debug)]
pub struct State {
    policy: Policy,
    closed: Option<String>,
}

impl State {
    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Why every socket operation is refused (a broken setting), if it is.
    pub fn closed_reason(&self) -> Option<&str> {
        self.closed.as_deref()
    }
}

static STATE: OnceLock<State> = OnceLock::new();

/// Build the state (at module start-up). Later calls keep the first state.
pub fn init() -> &'static State {
    STATE.get_or_init(|| State {
        policy: Policy::new(BUILTIN_GOOGLE),
        closed: None,
    })
}

/// The state, built on first use if start-up did not build it.
pub fn get() -> &'static State {
    init()
}
