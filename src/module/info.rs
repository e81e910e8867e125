//! The phpinfo() section (`php --ri appengine_sockets`).

use crate::enforce::functions;
use crate::state;
use crate::zend;

/// The phpinfo() section.
pub fn info(mut row: impl FnMut(&str, &str)) {
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
        if *st.log() != crate::log::LogTarget::Off {
            row("Decision log state", &crate::log::state());
        }
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
        match crate::acl::describe() {
            None => row("ACL", "(none: appengine_sockets.acl is empty)"),
            Some(rows) => {
                for (k, v) in rows {
                    row(k, &v);
                }
            }
        }
        row("C libraries' socket functions", &crate::enforce::libc::unguarded::describe());
        row("Kernel backstop (nftables)", &super::backstop::info_row());
        let (allowed, refused, reported) = state::counts();
        row("Decisions in this process", &format!("{allowed} allowed, {refused} refused, {reported} reported"));
        if let Some((decisions, table)) = crate::metrics::describe() {
            row("Decisions in this server (all processes)", &decisions);
            row("Server-wide counters", &table);
        }
        let names: Vec<&str> = functions::REPLACED.iter().map(|r| r.name).collect();
        row("Replaced functions", &names.join(", "));
    });
}
