//! `appengine_sockets`: PHP's socket functions under Google App Engine's outbound rules.
//!
//! The crate is two layers:
//!
//! * the policy core (`appengine_sockets_policy`, in `policy/`), which decides and never
//!   touches PHP, and
//! * this Zend layer: [`functions`] is the declarative table of replaced PHP functions,
//!   [`guard`] turns a socket operation into a plan using the core, [`state`] holds the
//!   policy in force, and [`zend`] holds every `unsafe` line (function handlers, stream
//!   transport wrapping, the module entry).
//!
//! See README.md for what an app sees, and `zend` for how enforcement is wired into PHP.

#![deny(unsafe_code)]

pub mod check;
pub mod functions;
pub mod guard;
pub mod idle;
pub mod log;
pub mod settings;
pub mod state;
pub mod zend;

/// Module start-up: read the settings, build the policy (failing closed on a broken
/// setting, with a start-up warning naming it), and install the handlers and transport
/// wrappers.
fn startup() {
    let st = state::set(settings::build(|name| {
        if name == "sapi" {
            return zend::sapi_name();
        }
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    }));
    if let Some(reason) = st.closed_reason() {
        zend::startup_warning(&format!(
            "appengine_sockets: {reason}; every socket operation is refused until it is fixed"
        ));
    }
    zend::reset_app();
    zend::install_functions(functions::REPLACED);
    zend::install_transports();
}

/// Module shutdown: give PHP back its own handlers and transports.
fn shutdown() {
    zend::restore_functions(functions::REPLACED);
    zend::restore_transports();
}

/// Request start: a request whose security settings differ from start-up is refused.
fn request_start() {
    let st = state::get();
    state::set_request_error(settings::changed_since_startup(st.startup_values(), |name| {
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    }));
}

/// Request end: forget per-request state (mocked options of the request's sockets).
fn request_end() {
    functions::forget_socket_options();
    idle::forget_sockets();
}

/// The phpinfo() section.
fn info(mut row: impl FnMut(&str, &str)) {
    let st = state::get();
    zend::info_table(|| {
        let status = match (st.closed_reason(), st.report_only(), st.billing_enabled()) {
            (Some(_), _, _) => "refusing every socket operation (configuration error)",
            (None, _, false) => "refusing every socket operation (billing disabled)",
            (None, true, true) => "report only",
            (None, false, true) => "enforced",
        };
        row("App Engine socket rules", status);
        row(
            "Mode",
            match st.mode() {
                state::Mode::Production => "production",
                state::Mode::Development => "development (destination rules reported, not enforced)",
            },
        );
        row("Billing enabled", if st.billing_enabled() { "yes" } else { "no" });
        row("Version", env!("CARGO_PKG_VERSION"));
        if let Some(reason) = st.closed_reason() {
            row("Configuration error", reason);
        }
        row("App id", &zend::ini_string(c"appengine_sockets.app_id").unwrap_or_default());
        row("Report only", if st.report_only() { "on" } else { "off" });
        row("Decision log", &st.log().describe());
        let (g4, g6) = st.policy().google().len();
        row("Google ranges", &format!("{}; {g4} IPv4 and {g6} IPv6 intervals", st.ranges().describe()));
        let list = |l: &[appengine_sockets_policy::Entry]| {
            if l.is_empty() {
                "(none)".to_owned()
            } else {
                l.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            }
        };
        row("Operator allow list", &list(st.policy().allow_list()));
        row("Operator deny list", &list(st.policy().deny_list()));
        let (allowed, refused, reported) = state::counts();
        row("Decisions in this process", &format!("{allowed} allowed, {refused} refused, {reported} reported"));
        let names: Vec<&str> = functions::REPLACED.iter().map(|r| r.name).collect();
        row("Replaced functions", &names.join(", "));
    });
}
