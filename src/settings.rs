//! The ini settings, read once at module start-up and turned into the state in force.
//!
//! Every security setting is `PHP_INI_SYSTEM`: an app's `ini_set()` cannot change it.
//! (`appengine_sockets.app_id` may also be set per directory or pool, with
//! `php_admin_value`.) A value that cannot be used never loads a weaker policy: the
//! extension warns at start-up, naming the setting, and refuses every socket operation
//! until it is fixed.

use std::fs;

use appengine_sockets_policy::{parse_list, ConfigError, GoogleRanges, Policy};

use crate::log::LogTarget;
use crate::state::{self, Mode, RangesSource, State};

/// The settings read once at start-up (all but `appengine_sockets.app_id`, which is read
/// per request).
pub const STARTUP_SETTINGS: &[&str] = &[
    "appengine_sockets.allow",
    "appengine_sockets.deny",
    "appengine_sockets.google_ranges_file",
    "appengine_sockets.google_cloud_ranges_file",
    "appengine_sockets.report_only",
    "appengine_sockets.log",
    "appengine_sockets.billing_enabled",
    "appengine_sockets.mode",
    "appengine_sockets.idle_timeout",
    "appengine_sockets.metrics_apps",
    "appengine_sockets.statsd",
    "appengine_sockets.acl",
];

/// A request whose settings differ from those read at start-up (a php-fpm pool's
/// `php_admin_value`, a FastCGI `PHP_ADMIN_VALUE`) would silently run a policy nobody
/// wrote down, so such a request is refused, naming the setting.
pub fn changed_since_startup(startup: &[(String, String)], current: impl Fn(&str) -> String) -> Option<String> {
    startup.iter().find(|(name, value)| current(name) != *value).map(|(name, value)| {
        format!(
            "{name}: changed for this request (\"{}\", start-up value \"{value}\"); it can only be set in php.ini",
            current(name)
        )
    })
}

/// The default of every setting that is not empty by default (the ini table in
/// `zend.rs` registers the same defaults).
pub fn default_value(name: &str) -> String {
    match name {
        "appengine_sockets.report_only" => "0",
        "appengine_sockets.billing_enabled" => "1",
        "appengine_sockets.mode" => "auto",
        "appengine_sockets.idle_timeout" => "120",
        "appengine_sockets.metrics_apps" => "64",
        _ => "",
    }
    .to_owned()
}

/// PHP's reading of a boolean ini value; anything else is an error.
pub fn parse_bool(setting: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "on" | "yes" | "true" => Ok(true),
        "0" | "off" | "no" | "false" | "none" | "" => Ok(false),
        other => Err(ConfigError::new(setting, format!("\"{other}\" is not a boolean (use 0 or 1)"))),
    }
}

/// `appengine_sockets.mode`: `production`, `development`, or `auto` (development under
/// PHP's built-in server, the `cli-server` SAPI; production everywhere else).
pub fn parse_mode(value: &str, sapi: &str) -> Result<Mode, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "production" => Ok(Mode::Production),
        "development" => Ok(Mode::Development),
        "auto" | "" if sapi == "cli-server" => Ok(Mode::Development),
        "auto" | "" => Ok(Mode::Production),
        other => Err(ConfigError::new(
            "appengine_sockets.mode",
            format!("\"{other}\" is not production, development or auto"),
        )),
    }
}

/// Build the state from the settings' values (`get` returns a setting's value; the
/// pseudo-setting `sapi` is the SAPI's name).
pub fn build(get: impl Fn(&str) -> String) -> State {
    let values = STARTUP_SETTINGS.iter().map(|n| ((*n).to_owned(), get(n))).collect();
    match try_build(&get) {
        Ok(state) => state,
        // The refusals are still logged where the operator asked, when that setting is
        // itself valid.
        Err(e) => State::closed(e.to_string())
            .with_log(LogTarget::parse("appengine_sockets.log", &get("appengine_sockets.log")).unwrap_or(LogTarget::Off)),
    }
    .with_startup_values(values)
}

fn try_build(get: &impl Fn(&str) -> String) -> Result<State, ConfigError> {
    let allow = parse_list("appengine_sockets.allow", &get("appengine_sockets.allow"))?;
    let deny = parse_list("appengine_sockets.deny", &get("appengine_sockets.deny"))?;
    let goog_file = get("appengine_sockets.google_ranges_file");
    let cloud_file = get("appengine_sockets.google_cloud_ranges_file");
    let (google, ranges) = match (goog_file.is_empty(), cloud_file.is_empty()) {
        (true, true) => (state::BUILTIN_GOOGLE, RangesSource::BuiltIn),
        (false, false) => {
            let read = |setting: &str, path: &str| {
                fs::read_to_string(path).map_err(|e| ConfigError::new(setting, format!("cannot read {path}: {e}")))
            };
            let goog = read("appengine_sockets.google_ranges_file", &goog_file)?;
            let cloud = read("appengine_sockets.google_cloud_ranges_file", &cloud_file)?;
            let g = GoogleRanges::from_json(&goog, &cloud).map_err(|e| {
                let setting = if e.to_string().starts_with("cloud.json") {
                    "appengine_sockets.google_cloud_ranges_file"
                } else {
                    "appengine_sockets.google_ranges_file"
                };
                ConfigError::new(setting, e.to_string())
            })?;
            (g.table, RangesSource::Files { goog: goog_file, cloud: cloud_file, provenance: g.provenance })
        }
        (false, true) => {
            return Err(ConfigError::new(
                "appengine_sockets.google_ranges_file",
                "is set without appengine_sockets.google_cloud_ranges_file; set both",
            ))
        }
        (true, false) => {
            return Err(ConfigError::new(
                "appengine_sockets.google_cloud_ranges_file",
                "is set without appengine_sockets.google_ranges_file; set both",
            ))
        }
    };
    let report_only = parse_bool("appengine_sockets.report_only", &get("appengine_sockets.report_only"))?;
    let log = LogTarget::parse("appengine_sockets.log", &get("appengine_sockets.log"))?;
    let billing = parse_bool("appengine_sockets.billing_enabled", &get("appengine_sockets.billing_enabled"))?;
    let mode = parse_mode(&get("appengine_sockets.mode"), &get("sapi"))?;
    let idle = get("appengine_sockets.idle_timeout");
    let idle_timeout: u64 = idle.trim().parse().map_err(|_| {
        ConfigError::new("appengine_sockets.idle_timeout", format!("\"{idle}\" is not a whole number of seconds"))
    })?;
    let (apps, statsd) = metrics_settings(get)?;
    let acl_path = get(crate::acl::SETTING);
    let acl = match acl_path.trim() {
        "" => None,
        path if !path.starts_with('/') => {
            return Err(ConfigError::new(crate::acl::SETTING, format!("\"{path}\" is not an absolute path")))
        }
        path => Some(std::sync::Arc::new(crate::acl::load(path).map_err(|e| ConfigError::new(crate::acl::SETTING, e))?)),
    };
    let policy = Policy::new(google).with_operator_lists(allow, deny);
    Ok(State::new(policy, ranges, report_only, log)
        .with_app_settings(billing, mode, idle_timeout)
        .with_metrics_settings(apps, statsd)
        .with_acl(acl))
}

/// `appengine_sockets.metrics_apps` (app slots of the server-wide counters, 1 to
/// 4096; empty: the default) and `appengine_sockets.statsd` (empty, or a literal
/// `ip:port` / `[ipv6]:port`: no name is looked up at start-up).
pub fn metrics_settings(get: &impl Fn(&str) -> String) -> Result<(usize, Option<std::net::SocketAddr>), ConfigError> {
    let apps_text = get("appengine_sockets.metrics_apps");
    let apps = match apps_text.trim() {
        "" => crate::metrics::DEFAULT_APPS,
        t => t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=appengine_sockets_policy::metrics::MAX_APPS).contains(n))
            .ok_or_else(|| {
                ConfigError::new("appengine_sockets.metrics_apps", format!("\"{apps_text}\" is not a whole number from 1 to 4096"))
            })?,
    };
    let statsd_text = get("appengine_sockets.statsd");
    let statsd = match statsd_text.trim() {
        "" => None,
        t => Some(t.parse::<std::net::SocketAddr>().map_err(|_| {
            ConfigError::new(
                "appengine_sockets.statsd",
                format!("\"{statsd_text}\" is not an address and port (127.0.0.1:8125, [::1]:8125)"),
            )
        })?),
    };
    Ok((apps, statsd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: &[(&str, &str)]) -> State {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        build(|k| map.get(k).cloned().unwrap_or_else(|| default_value(k)))
    }

    #[test]
    fn defaults_are_enforcing() {
        let s = with(&[]);
        assert!(s.closed_reason().is_none());
        assert!(!s.report_only());
        assert!(s.billing_enabled());
        assert_eq!(s.mode(), Mode::Production);
        assert_eq!(s.metrics_apps(), crate::metrics::DEFAULT_APPS);
        assert_eq!(s.statsd(), None);
        let s = with(&[("appengine_sockets.metrics_apps", "3"), ("appengine_sockets.statsd", "[::1]:8125")]);
        assert_eq!((s.metrics_apps(), s.statsd()), (3, Some("[::1]:8125".parse().unwrap())));
    }

    #[test]
    fn mode_auto_follows_the_sapi() {
        assert_eq!(parse_mode("auto", "cli-server").unwrap(), Mode::Development);
        assert_eq!(parse_mode("auto", "fpm-fcgi").unwrap(), Mode::Production);
        assert_eq!(parse_mode("auto", "cli").unwrap(), Mode::Production);
        assert_eq!(parse_mode("production", "cli-server").unwrap(), Mode::Production);
        assert_eq!(parse_mode("development", "cli").unwrap(), Mode::Development);
        assert!(parse_mode("staging", "cli").is_err());
        let s = with(&[("appengine_sockets.mode", "staging")]);
        assert!(s.closed_reason().unwrap().starts_with("appengine_sockets.mode"));
    }

    #[test]
    fn every_broken_value_fails_closed_naming_the_setting() {
        for (k, v) in [
            ("appengine_sockets.allow", "10.0.0.0/33"),
            ("appengine_sockets.deny", "not-an-address"),
            ("appengine_sockets.report_only", "maybe"),
            ("appengine_sockets.google_ranges_file", "/nonexistent/goog.json"),
            ("appengine_sockets.log", "relative/path.log"),
            ("appengine_sockets.idle_timeout", "2m"),
            ("appengine_sockets.idle_timeout", "-1"),
            ("appengine_sockets.billing_enabled", "perhaps"),
            ("appengine_sockets.metrics_apps", "0"),
            ("appengine_sockets.metrics_apps", "lots"),
            ("appengine_sockets.statsd", "statsd.internal:8125"),
            ("appengine_sockets.statsd", "127.0.0.1"),
        ] {
            let s = with(&[(k, v)]);
            let reason = s.closed_reason().unwrap_or_else(|| panic!("{k}={v} did not fail closed"));
            assert!(reason.starts_with(k), "{k}: {reason}");
        }
        let s = with(&[
            ("appengine_sockets.google_ranges_file", "/nonexistent/goog.json"),
            ("appengine_sockets.google_cloud_ranges_file", "/nonexistent/cloud.json"),
        ]);
        assert!(s.closed_reason().unwrap().contains("cannot read /nonexistent/goog.json"));
    }

    #[test]
    fn ranges_files_replace_the_built_in_table() {
        let dir = std::env::temp_dir().join(format!("aes-ranges-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let goog = dir.join("goog.json");
        let cloud = dir.join("cloud.json");
        fs::write(&goog, r#"{"syncToken":"7","creationTime":"2026-01-01","prefixes":[{"ipv4Prefix":"11.0.0.0/24"}]}"#).unwrap();
        fs::write(&cloud, r#"{"syncToken":"8","creationTime":"2026-01-01","prefixes":[{"ipv4Prefix":"11.0.0.128/25"}]}"#).unwrap();
        let s = with(&[
            ("appengine_sockets.google_ranges_file", goog.to_str().unwrap()),
            ("appengine_sockets.google_cloud_ranges_file", cloud.to_str().unwrap()),
        ]);
        assert!(s.closed_reason().is_none());
        assert!(s.policy().google().contains("11.0.0.1".parse().unwrap()));
        assert!(!s.policy().google().contains("11.0.0.129".parse().unwrap()));
        assert!(!s.policy().google().contains("142.250.80.46".parse().unwrap()));
        fs::write(&cloud, "{").unwrap();
        let s = with(&[
            ("appengine_sockets.google_ranges_file", goog.to_str().unwrap()),
            ("appengine_sockets.google_cloud_ranges_file", cloud.to_str().unwrap()),
        ]);
        assert!(s.closed_reason().unwrap().starts_with("appengine_sockets.google_cloud_ranges_file: cloud.json: not valid JSON"));
        fs::remove_dir_all(dir).ok();
    }
}
