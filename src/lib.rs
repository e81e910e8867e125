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

pub mod functions;
pub mod guard;
pub mod state;
pub mod zend;

/// Module start-up: build the policy and install the handlers and transport wrappers.
fn startup() {
    state::init();
    zend::install_functions(functions::REPLACED);
    zend::install_transports();
}

/// Module shutdown: give PHP back its own handlers and transports.
fn shutdown() {
    zend::restore_functions(functions::REPLACED);
    zend::restore_transports();
}

/// Request end: forget per-request state (mocked options of the request's sockets).
fn request_end() {
    functions::forget_socket_options();
}

/// The phpinfo() section.
fn info(mut row: impl FnMut(&str, &str)) {
    let st = state::get();
    zend::info_table(|| {
        row("App Engine socket rules", if st.closed_reason().is_some() { "refusing everything" } else { "enforced" });
        row("Version", env!("CARGO_PKG_VERSION"));
        if let Some(reason) = st.closed_reason() {
            row("Configuration error", reason);
        }
        let (g4, g6) = st.policy().google().len();
        let (gs, gt, cs, ct) = state::BUILTIN_PROVENANCE;
        row(
            "Google ranges",
            &format!("built in: goog.json syncToken {gs} ({gt}) minus cloud.json syncToken {cs} ({ct}); {g4} IPv4 and {g6} IPv6 intervals"),
        );
        let names: Vec<&str> = functions::REPLACED.iter().map(|r| r.name).collect();
        row("Replaced functions", &names.join(", "));
    });
}
