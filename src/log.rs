//! The decision log (`appengine_sockets.log`): one JSON object per line per decision.
//!
//! A file target is opened with `O_APPEND` and each line is written with a single
//! `write(2)`, so lines from many php-fpm workers appending at once never interleave.
//! `syslog` sends each line to the local syslog socket (`/dev/log`), facility user.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use appengine_sockets_policy::ConfigError;
use serde_json::json;

/// Where decisions go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogTarget {
    /// Nowhere (the default).
    Off,
    /// The local syslog socket.
    Syslog,
    /// Appended to this file.
    File(PathBuf),
}

impl LogTarget {
    /// `""` (off), `syslog`, or an absolute file path.
    pub fn parse(setting: &str, value: &str) -> Result<Self, ConfigError> {
        match value.trim() {
            "" => Ok(LogTarget::Off),
            "syslog" => Ok(LogTarget::Syslog),
            path if path.starts_with('/') => Ok(LogTarget::File(PathBuf::from(path))),
            other => Err(ConfigError::new(setting, format!("\"{other}\" is not \"syslog\" or an absolute file path"))),
        }
    }

    /// For phpinfo().
    pub fn describe(&self) -> String {
        match self {
            LogTarget::Off => "off".into(),
            LogTarget::Syslog => "syslog".into(),
            LogTarget::File(p) => p.display().to_string(),
        }
    }
}

/// One decision.
#[derive(Debug)]
pub struct Record<'a> {
    /// The app (`appengine_sockets.app_id`).
    pub app_id: &'a str,
    /// The PHP function that asked.
    pub function: &'a str,
    /// The target as the app wrote it.
    pub target: &'a str,
    /// The address judged (the refused one, or the first allowed one).
    pub address: Option<String>,
    /// The port judged.
    pub port: Option<u16>,
    /// `allow`, `deny` or `report`.
    pub verdict: &'a str,
    /// The rule's identifier.
    pub rule: &'a str,
    /// The reason.
    pub reason: &'a str,
}

impl Record<'_> {
    /// The JSON line, without its newline.
    pub fn to_json(&self) -> String {
        json!({
            "time": rfc3339_now(),
            "app_id": self.app_id,
            "function": self.function,
            "target": self.target,
            "address": self.address,
            "port": self.port,
            "verdict": self.verdict,
            "rule": self.rule,
            "reason": self.reason,
        })
        .to_string()
    }
}

/// Write one record to `target`. Failures to log never change a decision.
pub fn write(target: &LogTarget, record: &Record<'_>) {
    match target {
        LogTarget::Off => {}
        LogTarget::File(path) => {
            let mut line = record.to_json();
            line.push('\n');
            if let Ok(mut f) = OpenOptions::new().append(true).create(true).open(path) {
                let _ = f.write_all(line.as_bytes());
            }
        }
        LogTarget::Syslog => {
            if let Ok(sock) = UnixDatagram::unbound() {
                let msg = format!("<14>appengine_sockets: {}", record.to_json());
                let _ = sock.send_to(msg.as_bytes(), "/dev/log");
            }
        }
    }
}

/// Now, as RFC 3339 in UTC with microseconds.
pub fn rfc3339_now() -> String {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    rfc3339(d.as_secs() as i64, d.subsec_micros())
}

fn rfc3339(secs: i64, micros: u32) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(rfc3339(951_782_400, 5), "2000-02-29T00:00:00.000005Z");
        assert_eq!(rfc3339(1_795_564_800 + 3661, 0), "2026-11-25T01:01:01.000000Z");
    }

    #[test]
    fn json_line_has_every_field_escaped() {
        let r = Record {
            app_id: "a\"pp",
            function: "fsockopen",
            target: "10.0.0.5:80\n",
            address: Some("10.0.0.5".into()),
            port: Some(80),
            verdict: "deny",
            rule: "special-purpose",
            reason: "private address 10.0.0.5",
        };
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        for k in ["time", "app_id", "function", "target", "address", "port", "verdict", "rule", "reason"] {
            assert!(v.get(k).is_some(), "{k}");
        }
        assert_eq!(v["app_id"], "a\"pp");
        assert_eq!(v["target"], "10.0.0.5:80\n");
        assert!(!r.to_json().contains('\n'));
    }

    #[test]
    fn targets() {
        assert_eq!(LogTarget::parse("x", "").unwrap(), LogTarget::Off);
        assert_eq!(LogTarget::parse("x", "syslog").unwrap(), LogTarget::Syslog);
        assert!(LogTarget::parse("x", "rel/path").is_err());
    }
}
