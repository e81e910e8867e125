//! The decision log (`appengine_sockets.log`): one JSON object per line per decision.
//!
//! A file is opened once per process (`O_APPEND`, created if missing) and kept open; each
//! line is one `write(2)`, so lines from many php-fpm workers never interleave. Before each
//! line the path is `stat`ed: when it names another file than the one open (logrotate
//! renamed it and created a new one) or none at all, it is opened again, so lines go to
//! the new file from the first decision after the rename and none is lost.
//!
//! `syslog` sends each line as one datagram to `/dev/log` (facility user) from one
//! non-blocking socket per process: a syslog daemon that stopped reading costs a failed
//! send, never a wait.
//!
//! A line that cannot be written is counted as lost, never retried (a request is never
//! slowed by a broken log). The first failure is said once per process (the caller puts
//! it on PHP's error log), naming the target, the operation and the errno; so is the
//! first success after it. Enforcement never depends on any of this.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use appengine_sockets_policy::ConfigError;

use crate::sync::PthreadMutex;

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

/// What the per-app ACL (`appengine_sockets.acl`) said about a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AclNote {
    /// The ACL rule the request was judged by: its app id, `default` or `none`.
    pub app: String,
    /// That rule's project.
    pub project: String,
    /// Which list or rule decided (`allowed_domains`, `global_deny_list`, ...), or
    /// `not-consulted` when App Engine's rules decided first.
    pub acl: &'static str,
    /// Whether enforcing the ACL would refuse (Smokescreen's `enforce_would_deny`).
    pub enforce_would_deny: bool,
}

/// One decision.
#[derive(Debug)]
pub struct Record<'a> {
    /// The ACL's part, when an ACL is configured.
    pub acl: Option<&'a AclNote>,
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
    /// The rule's class: the `rule` label of the server-wide decision counters
    /// (`private`, `loopback`, `unix`, ...).
    pub class: &'a str,
    /// The reason.
    pub reason: &'a str,
}

impl Record<'_> {
    /// The JSON line, without its newline.
    pub fn to_json(&self) -> String {
        self.to_json_at(&rfc3339_now())
    }

    /// The JSON line with this time. Written directly (keys in the order serde_json's
    /// map gives them, strings escaped as serde_json escapes them): building a
    /// `serde_json::Value` first cost more than the write(2) of the line.
    fn to_json_at(&self, time: &str) -> String {
        let mut out = String::with_capacity(160 + self.target.len() + self.reason.len());
        out.push('{');
        if let Some(n) = self.acl {
            out.push_str("\"acl\":");
            push_str(&mut out, n.acl);
            out.push(',');
        }
        out.push_str("\"address\":");
        match &self.address {
            Some(a) => push_str(&mut out, a),
            None => out.push_str("null"),
        }
        if let Some(n) = self.acl {
            out.push_str(",\"app\":");
            push_str(&mut out, &n.app);
        }
        out.push_str(",\"app_id\":");
        push_str(&mut out, self.app_id);
        out.push_str(",\"class\":");
        push_str(&mut out, self.class);
        if let Some(n) = self.acl {
            out.push_str(",\"enforce_would_deny\":");
            out.push_str(if n.enforce_would_deny { "true" } else { "false" });
        }
        out.push_str(",\"function\":");
        push_str(&mut out, self.function);
        out.push_str(",\"port\":");
        match self.port {
            Some(p) => out.push_str(&p.to_string()),
            None => out.push_str("null"),
        }
        if let Some(n) = self.acl {
            out.push_str(",\"project\":");
            push_str(&mut out, &n.project);
        }
        out.push_str(",\"reason\":");
        push_str(&mut out, self.reason);
        out.push_str(",\"rule\":");
        push_str(&mut out, self.rule);
        out.push_str(",\"target\":");
        push_str(&mut out, self.target);
        out.push_str(",\"time\":");
        push_str(&mut out, time);
        out.push_str(",\"verdict\":");
        push_str(&mut out, self.verdict);
        out.push('}');
        out
    }
}

/// A JSON string, escaped as serde_json escapes it.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Write one record to `target`. Failures to log never change a decision; what must be
/// said about them (once per process: a fault that began, or its end) is returned for the
/// caller to put on PHP's error log.
pub fn write(target: &LogTarget, record: &Record<'_>) -> Option<String> {
    match target {
        LogTarget::Off => None,
        LogTarget::File(path) => {
            let mut line = record.to_json();
            line.push('\n');
            send(&Dest::File(path), line.as_bytes())
        }
        LogTarget::Syslog => send(&Dest::Syslog, format!("<14>appengine_sockets: {}", record.to_json()).as_bytes()),
    }
}

/// The local syslog socket.
pub const DEV_LOG: &str = "/dev/log";

/// A failure that is being counted (said once when it began).
struct Fault {
    op: &'static str,
    errno: i32,
    text: String,
    since: String,
}

/// This process's log target state.
struct Sink {
    /// The open file with its device and inode numbers.
    file: Option<(File, u64, u64)>,
    syslog: Option<UnixDatagram>,
    fault: Option<Fault>,
    written: u64,
    lost: u64,
    lost_in_fault: u64,
}

static SINK: PthreadMutex<Sink> = PthreadMutex::new(Sink {
    file: None,
    syslog: None,
    fault: None,
    written: 0,
    lost: 0,
    lost_in_fault: 0,
});

fn sink() -> crate::sync::Guard<'static, Sink> {
    SINK.lock()
}

/// Where a line goes.
pub enum Dest<'a> {
    /// Appended to this file.
    File(&'a Path),
    /// One datagram to /dev/log.
    Syslog,
}

impl Dest<'_> {
    fn label(&self) -> String {
        match self {
            Dest::File(p) => p.display().to_string(),
            Dest::Syslog => format!("syslog ({DEV_LOG})"),
        }
    }
}

/// Send one line (with its newline for a file, without for syslog). Returns what must
/// be said to the operator, once: a fault that began, or the end of one.
pub fn send(dest: &Dest<'_>, line: &[u8]) -> Option<String> {
    let mut s = sink();
    let result = match dest {
        Dest::File(path) => write_file(&mut s, path, line),
        Dest::Syslog => write_syslog(&mut s, line),
    };
    match result {
        Ok(()) => {
            s.written += 1;
            crate::metrics::event(crate::metrics::Event::LogWritten);
            s.fault.take()?;
            let lost = std::mem::take(&mut s.lost_in_fault);
            Some(format!(
                "appengine_sockets: decision log {}: writing again ({lost} line{} lost)",
                dest.label(),
                if lost == 1 { "" } else { "s" }
            ))
        }
        Err((op, e)) => {
            s.lost += 1;
            s.lost_in_fault += 1;
            crate::metrics::event(crate::metrics::Event::LogLost);
            let errno = e.raw_os_error().unwrap_or(0);
            if s.fault.as_ref().is_some_and(|f| f.errno == errno && f.op == op) {
                return None;
            }
            let text = strerror(&e);
            let msg = format!(
                "appengine_sockets: decision log {}: {op} failed: {text} (errno {errno}); decisions are still \
                 enforced, but not logged until it works again (said once per process; \
                 php --ri appengine_sockets counts the lines lost)",
                dest.label()
            );
            s.fault = Some(Fault { op, errno, text, since: rfc3339_now() });
            crate::metrics::event(crate::metrics::Event::LogFaults);
            Some(msg)
        }
    }
}

/// The state for phpinfo: "ok, N lines written" or "failing since ...: ...; N lines lost".
pub fn state() -> String {
    let s = sink();
    match &s.fault {
        None if s.lost == 0 => format!("ok, {} lines written by this process", s.written),
        None => format!("ok, {} lines written by this process, {} lost earlier", s.written, s.lost),
        Some(f) => format!(
            "failing since {}: {} failed: {} (errno {}); {} lines lost by this process",
            f.since, f.op, f.text, f.errno, s.lost
        ),
    }
}

fn write_file(s: &mut Sink, path: &Path, line: &[u8]) -> Result<(), (&'static str, io::Error)> {
    // The path still names the open file? (One stat: cheaper than opening each time.)
    let same = match (&s.file, std::fs::metadata(path)) {
        (Some((_, dev, ino)), Ok(m)) => m.dev() == *dev && m.ino() == *ino,
        _ => false,
    };
    if !same {
        s.file = None;
        let f = OpenOptions::new().append(true).create(true).open(path).map_err(|e| ("open", e))?;
        let m = f.metadata().map_err(|e| ("open", e))?;
        s.file = Some((f, m.dev(), m.ino()));
    }
    let Some((f, _, _)) = s.file.as_mut() else {
        return Err(("open", io::Error::from_raw_os_error(0)));
    };
    // One write(2) for a whole line; only a short write (a full disk) takes a second,
    // which then fails with the errno that tells why.
    f.write_all(line).map_err(|e| ("write", e))
}

fn write_syslog(s: &mut Sink, msg: &[u8]) -> Result<(), (&'static str, io::Error)> {
    if s.syslog.is_none() {
        let sock = UnixDatagram::unbound().map_err(|e| ("socket", e))?;
        sock.set_nonblocking(true).map_err(|e| ("socket", e))?;
        s.syslog = Some(sock);
    }
    let Some(sock) = s.syslog.as_ref() else {
        return Err(("socket", io::Error::from_raw_os_error(0)));
    };
    sock.send_to(msg, DEV_LOG).map(|_| ()).map_err(|e| ("send", e))
}

/// The C library's text for an error, without std's " (os error N)".
fn strerror(e: &io::Error) -> String {
    let t = e.to_string();
    match t.rfind(" (os error ") {
        Some(i) => t[..i].to_owned(),
        None => t,
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
            acl: None,
            app_id: "a\"pp",
            function: "fsockopen",
            target: "10.0.0.5:80\n",
            address: Some("10.0.0.5".into()),
            port: Some(80),
            verdict: "deny",
            rule: "special-purpose",
            class: "private",
            reason: "private address 10.0.0.5",
        };
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        for k in ["time", "app_id", "function", "target", "address", "port", "verdict", "rule", "class", "reason"] {
            assert!(v.get(k).is_some(), "{k}");
        }
        assert_eq!(v["app_id"], "a\"pp");
        assert_eq!(v["target"], "10.0.0.5:80\n");
        assert!(!r.to_json().contains('\n'));
    }

    #[test]
    fn error_text_without_suffix() {
        assert_eq!(strerror(&io::Error::from_raw_os_error(13)), "Permission denied");
        assert_eq!(strerror(&io::Error::from_raw_os_error(28)), "No space left on device");
    }

    /// The one test that uses the process-wide sink: rotation by rename, a missing
    /// directory (said once), and its end (said once, with the count).
    #[test]
    fn file_sink_rotation_and_faults() {
        let dir = std::env::temp_dir().join(format!("aes-log-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.log");
        assert_eq!(send(&Dest::File(&path), b"1\n"), None);
        std::fs::rename(&path, dir.join("d.log.1")).unwrap();
        std::fs::write(&path, b"").unwrap();
        assert_eq!(send(&Dest::File(&path), b"2\n"), None);
        assert_eq!(std::fs::read(dir.join("d.log.1")).unwrap(), b"1\n");
        assert_eq!(std::fs::read(&path).unwrap(), b"2\n");
        let gone = dir.join("missing").join("d.log");
        let said = send(&Dest::File(&gone), b"3\n").expect("said");
        assert!(said.contains("open failed: No such file or directory (errno 2)"), "{said}");
        assert_eq!(send(&Dest::File(&gone), b"4\n"), None, "said once");
        assert!(state().contains("errno 2") && state().contains("2 lines lost"), "{}", state());
        let back = send(&Dest::File(&path), b"5\n").expect("said");
        assert!(back.ends_with("writing again (2 lines lost)"), "{back}");
        assert!(state().starts_with("ok"), "{}", state());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The hand-written line is byte for byte what serde_json made of the same record.
    #[test]
    fn json_line_as_serde_json_writes_it() {
        let tricky = "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}k\u{e9}l\u{2028}m";
        for (address, port) in [(Some("10.0.0.5".to_owned()), Some(80)), (None, None)] {
            let r = Record {
                acl: None,
                app_id: tricky,
                function: "fsockopen",
                target: tricky,
                address: address.clone(),
                port,
                verdict: "deny",
                rule: "special-purpose",
                class: "private",
                reason: tricky,
            };
            let want = serde_json::json!({
                "time": "T", "app_id": tricky, "function": "fsockopen", "target": tricky,
                "address": address, "port": port, "verdict": "deny", "rule": "special-purpose",
                "class": "private", "reason": tricky,
            })
            .to_string();
            assert_eq!(r.to_json_at("T"), want);
            let note = AclNote { app: tricky.into(), project: tricky.into(), acl: "global_deny_list", enforce_would_deny: true };
            let r = Record { acl: Some(&note), ..r };
            let want = serde_json::json!({
                "time": "T", "app_id": tricky, "function": "fsockopen", "target": tricky,
                "address": address, "port": port, "verdict": "deny", "rule": "special-purpose",
                "class": "private", "reason": tricky, "acl": "global_deny_list", "app": tricky, "project": tricky,
                "enforce_would_deny": true,
            })
            .to_string();
            assert_eq!(r.to_json_at("T"), want);
        }
    }

    #[test]
    fn targets() {
        assert_eq!(LogTarget::parse("x", "").unwrap(), LogTarget::Off);
        assert_eq!(LogTarget::parse("x", "syslog").unwrap(), LogTarget::Syslog);
        assert!(LogTarget::parse("x", "rel/path").is_err());
    }
}
