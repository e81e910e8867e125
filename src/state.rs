//! The policy in force in this process, set once at module start-up.
//!
//! PHP-FPM starts the module in its master and forks workers from it, so the state is built
//! once and inherited. Each module start-up builds it anew (an embedding SAPI or a server
//! restart may start PHP again in the same process, with other settings); the previous
//! one is left allocated, since nothing may free it while a reference could remain.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

use appengine_sockets_policy::{Policy, Provenance, RangeTable};

use crate::log::LogTarget;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/google_ranges.rs"));
}

/// Provenance of the built-in Google table: goog syncToken, goog creationTime, cloud
/// syncToken, cloud creationTime.
pub use builtin::BUILTIN_PROVENANCE;

/// The built-in Google table, compiled in by `build.rs`.
pub const BUILTIN_GOOGLE: RangeTable = RangeTable::from_static(builtin::BUILTIN_GOOGLE_V4, builtin::BUILTIN_GOOGLE_V6);

/// Where the Google table in force came from.
#[derive(Debug, Clone)]
pub enum RangesSource {
    /// The snapshot compiled in by build.rs.
    BuiltIn,
    /// An operator's files.
    Files {
        /// goog.json's path.
        goog: String,
        /// cloud.json's path.
        cloud: String,
        /// Their syncTokens and creation times.
        provenance: Provenance,
    },
}

impl RangesSource {
    /// For phpinfo().
    pub fn describe(&self) -> String {
        match self {
            RangesSource::BuiltIn => {
                let (gs, gt, cs, ct) = BUILTIN_PROVENANCE;
                format!("built in: goog.json syncToken {gs} ({gt}) minus cloud.json syncToken {cs} ({ct})")
            }
            RangesSource::Files { goog, cloud, provenance } => format!("files {goog} minus {cloud}: {provenance}"),
        }
    }
}

/// The process's socket policy and settings.
#[derive(Debug)]
pub struct State {
    policy: Policy,
    closed: Option<String>,
    ranges: RangesSource,
    report_only: bool,
    log: LogTarget,
    billing_enabled: bool,
    mode: Mode,
    idle_timeout: u64,
    startup_values: Vec<(String, String)>,
    metrics_apps: usize,
    statsd: Option<std::net::SocketAddr>,
    metrics: Option<appengine_sockets_policy::metrics::Table<'static>>,
    acl: Option<std::sync::Arc<crate::acl::Loaded>>,
}

/// Production or the development server (`appengine_sockets.mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every rule enforced.
    Production,
    /// Destination rules reported with an E_NOTICE, the API rules enforced.
    Development,
}

impl State {
    /// A working state.
    pub fn new(policy: Policy, ranges: RangesSource, report_only: bool, log: LogTarget) -> Self {
        State {
            policy,
            closed: None,
            ranges,
            report_only,
            log,
            billing_enabled: true,
            mode: Mode::Production,
            idle_timeout: 120,
            startup_values: Vec::new(),
            metrics_apps: crate::metrics::DEFAULT_APPS,
            statsd: None,
            metrics: None,
            acl: None,
        }
    }

    /// The same state logging to `log`.
    pub fn with_log(mut self, log: LogTarget) -> Self {
        self.log = log;
        self
    }

    /// The raw values the settings had at start-up.
    pub fn with_startup_values(mut self, values: Vec<(String, String)>) -> Self {
        self.startup_values = values;
        self
    }

    /// See [`State::with_startup_values`].
    pub fn startup_values(&self) -> &[(String, String)] {
        &self.startup_values
    }

    /// The same state with billing, mode and idle reclaim settings.
    pub fn with_app_settings(mut self, billing_enabled: bool, mode: Mode, idle_timeout: u64) -> Self {
        self.billing_enabled = billing_enabled;
        self.mode = mode;
        self.idle_timeout = idle_timeout;
        self
    }

    /// The same state with the metrics settings (`appengine_sockets.metrics_apps`,
    /// `appengine_sockets.statsd`).
    pub fn with_metrics_settings(mut self, apps: usize, statsd: Option<std::net::SocketAddr>) -> Self {
        self.metrics_apps = apps;
        self.statsd = statsd;
        self
    }

    /// The same state counting into `table` (module start-up maps it).
    pub fn with_metrics(mut self, table: Option<appengine_sockets_policy::metrics::Table<'static>>) -> Self {
        self.metrics = table;
        self
    }

    /// The server-wide counters, if they could be mapped.
    #[inline]
    pub fn metrics(&self) -> Option<&appengine_sockets_policy::metrics::Table<'static>> {
        self.metrics.as_ref()
    }

    /// App slots of the server-wide counters.
    pub fn metrics_apps(&self) -> usize {
        self.metrics_apps
    }

    /// Where the StatsD push goes, if anywhere.
    pub fn statsd(&self) -> Option<std::net::SocketAddr> {
        self.statsd
    }

    /// The same state with the ACL read at start-up.
    pub fn with_acl(mut self, acl: Option<std::sync::Arc<crate::acl::Loaded>>) -> Self {
        self.acl = acl;
        self
    }

    /// The ACL read at start-up (the one in force may be a later version: [`crate::acl`]).
    pub fn startup_acl(&self) -> Option<&std::sync::Arc<crate::acl::Loaded>> {
        self.acl.as_ref()
    }

    /// Seconds of inactivity after which a socket is reclaimed (0: never).
    pub fn idle_timeout(&self) -> u64 {
        self.idle_timeout
    }

    /// Whether the app may use sockets at all.
    pub fn billing_enabled(&self) -> bool {
        self.billing_enabled
    }

    /// The mode in force.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether destination rules are only reported (the development server).
    pub fn development(&self) -> bool {
        self.mode == Mode::Development
    }

    /// A state that refuses everything because of a broken setting (`reason` names it).
    pub fn closed(reason: String) -> Self {
        State {
            policy: Policy::new(BUILTIN_GOOGLE),
            closed: Some(reason),
            ranges: RangesSource::BuiltIn,
            report_only: false,
            log: LogTarget::Off,
            billing_enabled: true,
            mode: Mode::Production,
            idle_timeout: 120,
            startup_values: Vec::new(),
            metrics_apps: crate::metrics::DEFAULT_APPS,
            statsd: None,
            metrics: None,
            acl: None,
        }
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Why every socket operation is refused (a broken setting), if it is.
    pub fn closed_reason(&self) -> Option<&str> {
        self.closed.as_deref()
    }

    /// Whether refusals are only reported.
    pub fn report_only(&self) -> bool {
        self.report_only
    }

    /// The decision log's target.
    pub fn log(&self) -> &LogTarget {
        &self.log
    }

    /// Where the Google table came from.
    pub fn ranges(&self) -> &RangesSource {
        &self.ranges
    }
}

/// The states built by the first start-ups of this process, each set once and never freed,
/// and which one is in force: reading it is two atomic loads, no lock (it is read on every
/// decision). A process that starts the module more often than this (an embedding SAPI
/// restarting PHP) keeps later states in [`LATER`].
const SLOTS: usize = 16;
static STATES: [OnceLock<State>; SLOTS] = [const { OnceLock::new() }; SLOTS];
static CURRENT: AtomicUsize = AtomicUsize::new(NONE);
static NEXT: AtomicUsize = AtomicUsize::new(0);
const NONE: usize = usize::MAX;
static LATER: RwLock<Option<&'static State>> = RwLock::new(None);

thread_local! {
    /// Set for a request whose settings differ from start-up (see
    /// `settings::changed_since_startup`).
    static REQUEST_ERROR: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Whether any request of this process ever had a configuration error: while none has,
/// a decision reads no per-thread state to learn that its request has none.
static ANY_REQUEST_ERROR: AtomicBool = AtomicBool::new(false);

/// Record (or clear) the current request's configuration error.
pub fn set_request_error(error: Option<String>) {
    if error.is_some() {
        ANY_REQUEST_ERROR.store(true, Ordering::Release);
    }
    if error.is_some() || ANY_REQUEST_ERROR.load(Ordering::Acquire) {
        REQUEST_ERROR.with(|e| *e.borrow_mut() = error);
    }
}

/// The current request's configuration error, if any.
pub fn request_error() -> Option<String> {
    if !ANY_REQUEST_ERROR.load(Ordering::Acquire) {
        return None;
    }
    REQUEST_ERROR.with(|e| e.borrow().clone())
}

thread_local! {
    /// The request's app id (`appengine_sockets.app_id`), read once at request start.
    static APP_ID: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Record the request's app id (request start).
pub fn set_app_id(app: &str) {
    APP_ID.with(|a| {
        let mut a = a.borrow_mut();
        a.clear();
        a.push_str(app);
    });
}

/// Run `f` with the request's app id.
pub fn with_app_id<R>(f: impl FnOnce(&str) -> R) -> R {
    APP_ID.with(|a| f(&a.borrow()))
}

/// Install the state built at start-up, replacing any earlier one.
pub fn set(state: State) -> &'static State {
    // Each index is handed out once, so its slot is empty.
    let n = NEXT.fetch_add(1, Ordering::AcqRel);
    match STATES.get(n) {
        Some(slot) => {
            let installed = slot.get_or_init(move || state);
            CURRENT.store(n, Ordering::Release);
            installed
        }
        None => {
            let installed: &'static State = Box::leak(Box::new(state));
            *LATER.write().unwrap_or_else(|e| e.into_inner()) = Some(installed);
            CURRENT.store(SLOTS, Ordering::Release);
            installed
        }
    }
}

/// The state in force. Before module start-up has installed one, every socket operation
/// is refused (fail closed): nothing may run under a policy nobody built.
pub fn get() -> &'static State {
    let current = CURRENT.load(Ordering::Acquire);
    if let Some(s) = STATES.get(current).and_then(OnceLock::get) {
        return s;
    }
    let later = if current == SLOTS { *LATER.read().unwrap_or_else(|e| e.into_inner()) } else { None };
    // Not installed: a reader that raced start-up must not overwrite what start-up set.
    later.unwrap_or_else(|| NOT_STARTED.get_or_init(|| State::closed("appengine_sockets has not started".to_owned())))
}

/// What `get` answers before any start-up: refuse everything, naming why.
static NOT_STARTED: OnceLock<State> = OnceLock::new();

/// Decisions made by this process: allowed, refused, reported (report-only).
pub static ALLOWED: AtomicU64 = AtomicU64::new(0);
/// See [`ALLOWED`].
pub static REFUSED: AtomicU64 = AtomicU64::new(0);
/// See [`ALLOWED`].
pub static REPORTED: AtomicU64 = AtomicU64::new(0);

/// The three counters.
pub fn counts() -> (u64, u64, u64) {
    (ALLOWED.load(Ordering::Relaxed), REFUSED.load(Ordering::Relaxed), REPORTED.load(Ordering::Relaxed))
}
