//! Server-wide counters: the fixed-size table every process of one PHP server shares, its
//! bounded labels, and its two renderings (OpenMetrics text for Prometheus, DogStatsD
//! lines for a push).
//!
//! The table is a slice of `AtomicU64` words; where the words live (anonymous shared
//! memory mapped before php-fpm forks its workers) is the extension's business. Here it is
//! plain safe code, so every rule below is unit-tested without PHP.
//!
//! Layout, in words:
//!
//! * header: a magic word, the start time (Unix seconds), the number of app slots;
//! * one word per [`Event`] (log lines written and lost, resolver failures, ...);
//! * the app names: [`NAME_WORDS`] words per slot (a state word, then the id's bytes);
//! * the decision counters: per app (`""`, `"other"`, then each slot), per decision, per
//!   rule, per layer, one word.
//!
//! Labels are bounded: `app` is one of the configured number of ids (the first ones seen),
//! every later id is folded into `app="other"` and each request so folded counts in
//! [`Event::AppFolds`]; `decision`, `rule` and `layer` are small fixed sets. A host or an
//! address is never a label.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::class::Class;

/// Every series' name begins with this.
pub const PREFIX: &str = "appengine_sockets_";

/// How a decision was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Allowed.
    Allowed = 0,
    /// Refused.
    Refused = 1,
    /// A refusal only reported (report-only mode, or development mode).
    Reported = 2,
}

/// The `decision` label's values, indexed by [`Decision`].
pub const DECISIONS: [&str; 3] = ["allowed", "refused", "reported"];

/// Which enforcement point decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// A replaced PHP function (ext/sockets, `stream_socket_sendto`, ...).
    Function = 0,
    /// PHP's stream transports (`fsockopen`, `stream_socket_client`, http://, ...).
    Stream = 1,
    /// A C library's own socket call (libcurl, libpq, FFI, ...).
    Libc = 2,
}

/// The `layer` label's values, indexed by [`Layer`].
pub const LAYERS: [&str; 3] = ["function", "stream", "libc"];

/// The `rule` label's values: the rule classes ([`Class`]), `Class::ALL[class as usize]`.
const RULES: usize = Class::ALL.len();
/// Counters per app: decisions × rule classes × layers.
pub const PER_APP: usize = DECISIONS.len() * RULES * LAYERS.len();

/// Server-wide events that are not decisions, each a counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Decision-log lines written.
    LogWritten = 0,
    /// Decision-log lines that could not be written.
    LogLost,
    /// Decision-log faults (a failure after success, said once on the error log).
    LogFaults,
    /// Names that did not resolve (nothing to judge: no decision).
    ResolverFailures,
    /// Configuration errors: a broken setting at start-up, or a request whose settings
    /// differ from start-up's.
    ConfigErrors,
    /// Sockets reclaimed after `appengine_sockets.idle_timeout`.
    IdleReclaims,
    /// Reloads of the operator's ACL.
    AclReloads,
    /// ACL reloads rejected (the previous ACL stays in force).
    AclRejects,
    /// Requests whose app id was folded into `app="other"` (the app slots were full).
    AppFolds,
    /// StatsD datagrams sent.
    StatsdSent,
    /// StatsD datagrams lost (no receiver, a full socket buffer).
    StatsdLost,
}

/// Each event's series name (without the prefix and `_total`) and help text.
pub const EVENTS: [(Event, &str, &str); 11] = [
    (Event::LogWritten, "log_lines_written", "Decision-log lines written."),
    (Event::LogLost, "log_lines_lost", "Decision-log lines that could not be written."),
    (Event::LogFaults, "log_faults", "Decision-log write failures after a success (each said once on the error log)."),
    (Event::ResolverFailures, "resolver_failures", "Names that did not resolve (no decision was made)."),
    (Event::ConfigErrors, "config_errors", "Configuration errors: a broken setting at start-up, or a request whose settings differ from start-up."),
    (Event::IdleReclaims, "idle_reclaims", "Sockets reclaimed after appengine_sockets.idle_timeout."),
    (Event::AclReloads, "acl_reloads", "Reloads of the operator ACL."),
    (Event::AclRejects, "acl_rejects", "ACL reloads rejected (the previous ACL stays in force)."),
    (Event::AppFolds, "app_folds", "Requests whose app id was counted as app=\"other\" (the app slots were full)."),
    (Event::StatsdSent, "statsd_datagrams_sent", "StatsD datagrams sent."),
    (Event::StatsdLost, "statsd_datagrams_lost", "StatsD datagrams lost (no receiver, a full buffer)."),
];

const MAGIC: u64 = 0x6165_735f_6d65_7402; // "aes_met", version 2 (rule classes)
const H_MAGIC: usize = 0;
const H_START: usize = 1;
const H_APPS: usize = 2;
const EVENTS_AT: usize = 3;
const NAMES_AT: usize = 16;
/// Words per app slot: a state word, then up to 120 bytes of the id.
pub const NAME_WORDS: usize = 16;
/// The longest app id with a slot of its own; a longer one is folded into `other`.
pub const MAX_APP_ID: usize = (NAME_WORDS - 1) * 8;
const FREE: u64 = 0;
const CLAIMING: u64 = 1;
const READY: u64 = 2;

/// The app index of requests without an app id (`app=""`).
const APP_NONE: usize = 0;
/// The app index of folded ids (`app="other"`).
const APP_OTHER: usize = 1;

/// The largest configurable number of app slots.
pub const MAX_APPS: usize = 4096;

/// The shared table, over words someone else allocated.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    words: &'a [AtomicU64],
    apps: usize,
}

impl<'a> Table<'a> {
    /// The words a table with `apps` app slots needs (fixed: nothing grows later).
    pub const fn words(apps: usize) -> usize {
        NAMES_AT + apps * NAME_WORDS + (apps + 2) * PER_APP
    }

    /// Set up a table in zeroed `words` (at least [`Table::words`]`(apps)` of them).
    pub fn create(words: &'a [AtomicU64], apps: usize, start_time: u64) -> Option<Self> {
        if apps > MAX_APPS || words.len() < Self::words(apps) {
            return None;
        }
        words[H_START].store(start_time, Ordering::Relaxed);
        words[H_APPS].store(apps as u64, Ordering::Relaxed);
        words[H_MAGIC].store(MAGIC, Ordering::Release);
        Some(Table { words, apps })
    }

    /// The number of app slots.
    pub fn apps(&self) -> usize {
        self.apps
    }

    fn counters_at(&self) -> usize {
        NAMES_AT + self.apps * NAME_WORDS
    }

    /// Where the counters of the app at `index` begin (the value [`Table::count`] takes).
    fn base(&self, index: usize) -> usize {
        self.counters_at() + index * PER_APP
    }

    /// The counters' base for `app` (called once per request): its slot, a free slot
    /// claimed for it, or `other` when the slots are full (counted in
    /// [`Event::AppFolds`]). Lock-free: two processes claiming slots for one new id at
    /// once may get one each; a snapshot adds them up.
    pub fn app_base(&self, app: &str) -> usize {
        if app.is_empty() {
            return self.base(APP_NONE);
        }
        if app.len() <= MAX_APP_ID {
            let packed = pack(app);
            let want = READY | (app.len() as u64) << 8;
            for slot in 0..self.apps {
                let at = NAMES_AT + slot * NAME_WORDS;
                let mut state = self.words[at].load(Ordering::Acquire);
                if state == FREE {
                    match self.words[at].compare_exchange(FREE, CLAIMING, Ordering::AcqRel, Ordering::Acquire) {
                        Ok(_) => {
                            for (i, w) in packed.iter().enumerate() {
                                self.words[at + 1 + i].store(*w, Ordering::Relaxed);
                            }
                            self.words[at].store(want, Ordering::Release);
                            return self.base(2 + slot);
                        }
                        Err(now) => state = now,
                    }
                }
                if state == want && packed.iter().enumerate().all(|(i, w)| self.words[at + 1 + i].load(Ordering::Relaxed) == *w) {
                    return self.base(2 + slot);
                }
            }
        }
        self.event(Event::AppFolds, 1);
        self.base(APP_OTHER)
    }

    /// Count one decision for the app whose base is `base` (lock-free: one atomic add).
    #[inline]
    pub fn count(&self, base: usize, decision: Decision, class: Class, layer: Layer) {
        self.count_at(base + offset(decision, class, layer));
    }

    /// Count one decision at `base` + [`offset`] (for a caller that has the parts of the
    /// offset as constants already).
    #[inline]
    pub fn count_at(&self, i: usize) {
        if let Some(c) = self.words.get(i) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Count `n` of an event.
    pub fn event(&self, event: Event, n: u64) {
        self.words[EVENTS_AT + event as usize].fetch_add(n, Ordering::Relaxed);
    }

    /// The app label for a counters' base (`""`, `"other"` or the slot's id).
    pub fn app_label(&self, base: usize) -> String {
        let index = base.saturating_sub(self.counters_at()) / PER_APP;
        match index {
            APP_NONE => String::new(),
            APP_OTHER => "other".to_owned(),
            i => self.slot_name(i - 2).unwrap_or_default(),
        }
    }

    fn slot_name(&self, slot: usize) -> Option<String> {
        let at = NAMES_AT + slot * NAME_WORDS;
        let state = self.words.get(at)?.load(Ordering::Acquire);
        if state & 0xff != READY {
            return None;
        }
        let len = (state >> 8) as usize;
        let mut bytes = Vec::with_capacity(MAX_APP_ID);
        for i in 0..NAME_WORDS - 1 {
            bytes.extend_from_slice(&self.words[at + 1 + i].load(Ordering::Relaxed).to_le_bytes());
        }
        bytes.truncate(len);
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Every counter now.
    pub fn snapshot(&self) -> Snapshot {
        let mut decisions = BTreeMap::new();
        for index in 0..self.apps + 2 {
            let app = match index {
                APP_NONE => String::new(),
                APP_OTHER => "other".to_owned(),
                i => match self.slot_name(i - 2) {
                    Some(n) => n,
                    None => continue,
                },
            };
            let base = self.base(index);
            for k in 0..PER_APP {
                let v = self.words[base + k].load(Ordering::Relaxed);
                if v > 0 {
                    let (d, r, l) = labels_of(k);
                    *decisions.entry((app.clone(), d, r, l)).or_insert(0) += v;
                }
            }
        }
        let mut events = [0; EVENTS.len()];
        for (i, e) in events.iter_mut().enumerate() {
            *e = self.words[EVENTS_AT + i].load(Ordering::Relaxed);
        }
        let apps_used = (0..self.apps).filter(|&s| self.slot_name(s).is_some()).count();
        Snapshot {
            start_time: self.words[H_START].load(Ordering::Relaxed),
            apps: self.apps,
            apps_used,
            events,
            decisions,
        }
    }
}

/// A counter's place within its app's block.
#[inline]
pub fn offset(decision: Decision, class: Class, layer: Layer) -> usize {
    decision_offset(decision) + class as usize * LAYERS.len() + layer as usize
}

/// The part of [`offset`] the decision gives.
#[inline]
pub const fn decision_offset(decision: Decision) -> usize {
    decision as usize * RULES * LAYERS.len()
}

/// The labels (decision, rule, layer) of a place within an app's block.
pub fn labels_of(offset: usize) -> (&'static str, &'static str, &'static str) {
    let layer = offset % LAYERS.len();
    let rule = offset / LAYERS.len() % RULES;
    let decision = offset / LAYERS.len() / RULES;
    (DECISIONS[decision], Class::ALL[rule].as_str(), LAYERS[layer])
}

fn pack(app: &str) -> [u64; NAME_WORDS - 1] {
    let mut words = [0u64; NAME_WORDS - 1];
    for (i, chunk) in app.as_bytes().chunks(8).enumerate() {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        words[i] = u64::from_le_bytes(b);
    }
    words
}

/// The counters at one moment, apps that took two slots added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// When the table was created (Unix seconds).
    pub start_time: u64,
    /// App slots configured.
    pub apps: usize,
    /// App slots in use.
    pub apps_used: usize,
    /// Each [`Event`]'s count, in [`EVENTS`] order.
    pub events: [u64; EVENTS.len()],
    /// Non-zero decision counters: (app, decision, rule, layer) -> count.
    pub decisions: BTreeMap<(String, &'static str, &'static str, &'static str), u64>,
}

impl Snapshot {
    /// Decisions per decision label: (allowed, refused, reported).
    pub fn totals(&self) -> (u64, u64, u64) {
        let mut t = (0, 0, 0);
        for ((_, d, _, _), v) in &self.decisions {
            match *d {
                "allowed" => t.0 += v,
                "refused" => t.1 += v,
                _ => t.2 += v,
            }
        }
        t
    }

    /// The text exposition Prometheus scrapes, ending in OpenMetrics' `# EOF`. Counter
    /// families are named with their `_total` (as the Prometheus text format and
    /// `promtool check metrics` want them; Prometheus's OpenMetrics parser reads the same
    /// lines), so one text serves either content type.
    pub fn openmetrics(&self) -> String {
        let mut out = String::with_capacity(512 + self.decisions.len() * 110);
        let family = |out: &mut String, name: &str, kind: &str, help: &str| {
            let _ = writeln!(out, "# TYPE {PREFIX}{name} {kind}");
            let _ = writeln!(out, "# HELP {PREFIX}{name} {}", escape_help(help));
        };
        family(&mut out, "decisions_total", "counter", "Socket operations judged, by app, decision, rule and layer.");
        for ((app, d, r, l), v) in &self.decisions {
            let _ = writeln!(
                out,
                "{PREFIX}decisions_total{{app=\"{}\",decision=\"{d}\",rule=\"{r}\",layer=\"{l}\"}} {v}",
                escape_label(app)
            );
        }
        for (i, (_, name, help)) in EVENTS.iter().enumerate() {
            let total = format!("{name}_total");
            family(&mut out, &total, "counter", help);
            let _ = writeln!(out, "{PREFIX}{total} {}", self.events[i]);
        }
        family(&mut out, "app_slots", "gauge", "App slots configured (appengine_sockets.metrics_apps).");
        let _ = writeln!(out, "{PREFIX}app_slots {}", self.apps);
        family(&mut out, "app_slots_used", "gauge", "App slots holding an app id.");
        let _ = writeln!(out, "{PREFIX}app_slots_used {}", self.apps_used);
        family(&mut out, "start_time_seconds", "gauge", "When the counters were created (the PHP server's start), Unix time.");
        let _ = writeln!(out, "{PREFIX}start_time_seconds {}", self.start_time);
        out.push_str("# EOF\n");
        out
    }
}

/// A label value in OpenMetrics: `\`, `"` and newlines escaped.
pub fn escape_label(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s
}

fn escape_help(v: &str) -> String {
    v.replace('\\', "\\\\").replace('\n', "\\n")
}

/// A DogStatsD tag value: the characters that delimit a line (`|`, `,`, `#`, newlines)
/// become `_`.
pub fn statsd_tag(v: &str) -> String {
    v.chars()
        .map(|c| if matches!(c, '|' | ',' | '#' | '\n' | '\r') { '_' } else { c })
        .collect()
}

/// One DogStatsD counter line per non-zero counter of one app's block (`counts`: place
/// within the block and count), e.g.
/// `appengine_sockets.decisions:3|c|#app:shop,decision:refused,rule:private,layer:stream`.
pub fn statsd_lines(app: &str, counts: &[(usize, u64)]) -> Vec<String> {
    let app = statsd_tag(app);
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(k, n)| {
            let (d, r, l) = labels_of(k);
            format!("appengine_sockets.decisions:{n}|c|#app:{app},decision:{d},rule:{r},layer:{l}")
        })
        .collect()
}

/// Lines joined by newlines into datagrams of at most `max` bytes (a line longer than
/// `max` goes alone).
pub fn batch(lines: &[String], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in lines {
        if !cur.is_empty() && cur.len() + 1 + line.len() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(line);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(apps: usize) -> Vec<AtomicU64> {
        (0..Table::words(apps)).map(|_| AtomicU64::new(0)).collect()
    }

    #[test]
    fn counts_land_under_their_labels() {
        let w = table(4);
        let t = Table::create(&w, 4, 1_700_000_000).unwrap();
        let a = t.app_base("shop");
        t.count(a, Decision::Refused, Class::Private, Layer::Stream);
        t.count(a, Decision::Refused, Class::Private, Layer::Stream);
        t.count(t.app_base(""), Decision::Allowed, Class::Public, Layer::Libc);
        let s = t.snapshot();
        assert_eq!(s.decisions[&("shop".to_owned(), "refused", "private", "stream")], 2);
        assert_eq!(s.decisions[&(String::new(), "allowed", "public", "libc")], 1);
        assert_eq!(s.decisions.len(), 2);
        assert_eq!(s.totals(), (1, 2, 0));
        assert_eq!(s.apps_used, 1);
    }

    #[test]
    fn every_label_combination_has_its_own_counter() {
        let mut seen = std::collections::HashSet::new();
        for d in [Decision::Allowed, Decision::Refused, Decision::Reported] {
            for c in Class::ALL {
                for l in [Layer::Function, Layer::Stream, Layer::Libc] {
                    let k = offset(d, c, l);
                    assert!(k < PER_APP);
                    assert!(seen.insert(k));
                    assert_eq!(labels_of(k), (DECISIONS[d as usize], c.as_str(), LAYERS[l as usize]));
                }
            }
        }
        assert_eq!(seen.len(), PER_APP);
    }

    #[test]
    fn apps_beyond_the_slots_fold_into_other() {
        let w = table(2);
        let t = Table::create(&w, 2, 0).unwrap();
        let a = t.app_base("a");
        let b = t.app_base("b");
        assert_ne!(a, b);
        assert_eq!(t.app_base("a"), a);
        let c = t.app_base("c");
        assert_eq!(t.app_base("d"), c);
        assert_eq!(t.app_label(c), "other");
        assert_eq!(t.app_label(b), "b");
        let long = "x".repeat(MAX_APP_ID + 1);
        assert_eq!(t.app_base(&long), c);
        assert_eq!(t.snapshot().events[Event::AppFolds as usize], 3);
        // An id of exactly the longest length has a slot when one is free.
        let w = table(1);
        let t = Table::create(&w, 1, 0).unwrap();
        let max = "y".repeat(MAX_APP_ID);
        let m = t.app_base(&max);
        assert_eq!(t.app_label(m), max);
        assert_eq!(t.app_base(&max), m);
    }

    #[test]
    fn ids_sharing_a_prefix_are_different_apps() {
        let w = table(3);
        let t = Table::create(&w, 3, 0).unwrap();
        let a = t.app_base("app-12345678");
        let b = t.app_base("app-1234567");
        assert_ne!(a, b);
        assert_eq!(t.app_label(b), "app-1234567");
    }

    #[test]
    fn memory_is_fixed() {
        assert_eq!(Table::words(64), 16 + 64 * 16 + 66 * 216);
        let w = table(1);
        assert!(Table::create(&w[..w.len() - 1], 1, 0).is_none());
        assert!(Table::create(&w, MAX_APPS + 1, 0).is_none());
    }

    #[test]
    fn openmetrics_text() {
        let w = table(2);
        let t = Table::create(&w, 2, 1_700_000_123).unwrap();
        let a = t.app_base("we\"ird\\app");
        t.count(a, Decision::Reported, Class::Port25, Layer::Function);
        t.event(Event::LogWritten, 7);
        let text = t.snapshot().openmetrics();
        assert!(text.contains(
            "appengine_sockets_decisions_total{app=\"we\\\"ird\\\\app\",decision=\"reported\",rule=\"port_25\",layer=\"function\"} 1\n"
        ), "{text}");
        assert!(text.contains("# TYPE appengine_sockets_decisions_total counter\n"));
        assert!(text.contains("appengine_sockets_log_lines_written_total 7\n"));
        assert!(text.contains("appengine_sockets_acl_reloads_total 0\n"));
        assert!(text.contains("appengine_sockets_start_time_seconds 1700000123\n"));
        assert!(text.ends_with("# EOF\n"));
        assert_eq!(text.matches("# EOF").count(), 1);
    }

    #[test]
    fn statsd_lines_and_batches() {
        let k = offset(Decision::Refused, Class::Google, Layer::Libc);
        let lines = statsd_lines("a|b,c", &[(k, 3), (0, 0)]);
        assert_eq!(lines, ["appengine_sockets.decisions:3|c|#app:a_b_c,decision:refused,rule:google,layer:libc"]);
        let many: Vec<String> = (0..10).map(|i| format!("line{i}")).collect();
        let b = batch(&many, 12);
        assert_eq!(b[0], "line0\nline1");
        assert_eq!(b.len(), 5);
        assert!(b.iter().all(|d| d.len() <= 12));
        assert_eq!(b.join("\n"), many.join("\n"));
    }

    #[test]
    fn concurrent_counts_add_up() {
        let w = table(4);
        let t = Table::create(&w, 4, 0).unwrap();
        std::thread::scope(|s| {
            for i in 0..8 {
                s.spawn(move || {
                    let base = t.app_base(if i % 2 == 0 { "even" } else { "odd" });
                    for _ in 0..1000 {
                        t.count(base, Decision::Allowed, Class::Public, Layer::Stream);
                    }
                });
            }
        });
        let s = t.snapshot();
        assert_eq!(s.decisions[&("even".to_owned(), "allowed", "public", "stream")], 4000);
        assert_eq!(s.decisions[&("odd".to_owned(), "allowed", "public", "stream")], 4000);
    }
}
