//! The per-app egress ACL in force (`appengine_sockets.acl`), reloaded when its file
//! changes.
//!
//! Start-up reads the file; one that cannot be read, parsed or validated fails closed like
//! any broken setting (see [`crate::settings`]). After that, each worker checks the file
//! at most once a second, when a request starts: the request path pays one comparison of
//! the time with the last check. A changed file (its modification time, size or inode) is
//! read again; a good one replaces the ACL for the requests that start from then on, a bad
//! one keeps the last good ACL and is said once (per distinct error) on PHP's error log,
//! with its line and reason. Each request judges every connection with the ACL in force
//! when it started, on every thread its libraries start too.

use std::cell::RefCell;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use appengine_sockets_policy::acl::{content_hash, Applied};
use appengine_sockets_policy::{Acl, Role, Verdict};

use crate::sync::PthreadMutex;
use crate::zend;

/// The setting's name.
pub const SETTING: &str = "appengine_sockets.acl";

/// One version of the file, parsed.
#[derive(Debug)]
pub struct Loaded {
    /// The ACL.
    pub acl: Acl,
    /// The file's path.
    pub path: String,
    /// Its modification time (seconds, nanoseconds), size and inode when read.
    stamp: Stamp,
    /// FNV-1a of its bytes.
    pub hash: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    mtime: (i64, i64),
    size: u64,
    ino: u64,
}

impl Loaded {
    /// "mtime 2026-12-07T20:00:00.123456789Z, fnv1a64 0123456789abcdef".
    pub fn version(&self) -> String {
        format!("mtime {}.{:09}, fnv1a64 {:016x}", self.stamp.mtime.0, self.stamp.mtime.1, self.hash)
    }
}

fn stamp_of(meta: &fs::Metadata) -> Stamp {
    Stamp {
        mtime: (meta.mtime(), meta.mtime_nsec()),
        size: meta.size(),
        ino: meta.ino(),
    }
}

/// Read and parse `path`. The error names the file, the line and the reason.
pub fn load(path: &str) -> Result<Loaded, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let bytes = fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| format!("{path}: not UTF-8 text"))?;
    let acl = Acl::parse(text).map_err(|e| format!("{path} {e}"))?;
    Ok(Loaded {
        acl,
        path: path.to_owned(),
        stamp: stamp_of(&meta),
        hash: content_hash(&bytes),
    })
}

/// The ACL in force in this process, and how many times it was replaced.
static CURRENT: RwLock<Option<Arc<Loaded>>> = RwLock::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(0);
/// Whether an ACL is configured (read by every request start, without a lock).
static CONFIGURED: AtomicBool = AtomicBool::new(false);
/// The second (monotonic) of the last check of the file.
static LAST_CHECK: AtomicU64 = AtomicU64::new(0);
/// The last error of a reload (None after a good one), and whether it was said.
static LAST_ERROR: PthreadMutex<Option<String>> = PthreadMutex::new(None);
/// Reloads that replaced the ACL, and those that kept the last good one.
pub static RELOADS: AtomicU64 = AtomicU64::new(0);
/// See [`RELOADS`].
pub static REJECTED: AtomicU64 = AtomicU64::new(0);

/// Module start-up: the ACL read by the settings (None: no ACL).
pub fn install(loaded: Option<Arc<Loaded>>) {
    CONFIGURED.store(loaded.is_some(), Ordering::Release);
    *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = loaded;
    GENERATION.fetch_add(1, Ordering::AcqRel);
    LAST_CHECK.store(now_secs(), Ordering::Release);
    *LAST_ERROR.lock() = None;
}

/// Whether an ACL is configured (one atomic load).
#[inline]
pub fn configured() -> bool {
    CONFIGURED.load(Ordering::Relaxed)
}

/// The ACL in force now, if one is configured.
pub fn current() -> Option<Arc<Loaded>> {
    CURRENT.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// The last reload error, if the last reload failed.
pub fn last_error() -> Option<String> {
    LAST_ERROR.lock().clone()
}

fn now_secs() -> u64 {
    zend::monotonic().as_secs()
}

/// Check the file if a second has passed since the last check (one worker thread checks;
/// the others go on with the ACL in force).
fn maybe_reload() {
    let now = now_secs();
    let last = LAST_CHECK.load(Ordering::Acquire);
    if now <= last || LAST_CHECK.compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire).is_err() {
        return;
    }
    let Some(cur) = current() else { return };
    let same = fs::metadata(&cur.path).map(|m| stamp_of(&m) == cur.stamp);
    if let Ok(true) = same {
        return;
    }
    match load(&cur.path) {
        Ok(new) if new.hash == cur.hash && new.stamp.size == cur.stamp.size => {
            // Touched, not changed: take the new stamp, say nothing.
            *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(new));
            GENERATION.fetch_add(1, Ordering::AcqRel);
            *LAST_ERROR.lock() = None;
        }
        Ok(new) => {
            *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(new));
            GENERATION.fetch_add(1, Ordering::AcqRel);
            RELOADS.fetch_add(1, Ordering::Relaxed);
            crate::metrics::acl_reloaded();
            *LAST_ERROR.lock() = None;
        }
        Err(e) => {
            REJECTED.fetch_add(1, Ordering::Relaxed);
            let mut last = LAST_ERROR.lock();
            if last.as_deref() != Some(e.as_str()) {
                // Server-wide, a bad edit counts once per worker that saw it, as it is said.
                crate::metrics::acl_rejected();
                zend::log_error(&format!(
                    "appengine_sockets: {SETTING}: {e}; keeping the last good ACL ({})",
                    cur.version()
                ));
                *last = Some(e);
            }
        }
    }
}

/// What a request judges with: the ACL in force when it started, and its app's rule.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The ACL.
    pub loaded: Arc<Loaded>,
    /// The app's rule in it.
    pub role: Role,
    /// The app id.
    pub app: String,
}

impl Snapshot {
    /// Narrow an App Engine verdict by this request's ACL.
    pub fn apply(&self, verdict: Verdict, names: &[&str], port: u16) -> Applied {
        self.loaded.acl.apply(verdict, self.role, &self.app, names, port)
    }

    /// The project of the app's rule ("" if none).
    pub fn project(&self) -> &str {
        self.loaded.acl.service(self.role).map_or("", |s| s.project.as_str())
    }

    /// The rule's name for the log: the app id, `default`, or `none`.
    pub fn rule_name(&self) -> &str {
        match self.role {
            Role::Service(_) => &self.app,
            Role::Default => "default",
            Role::None => "none",
        }
    }

    /// The same ACL for another app (`appengine_sockets_check()`'s third argument).
    pub fn for_app(loaded: Arc<Loaded>, app: &str) -> Snapshot {
        Snapshot { role: loaded.acl.role(app), loaded, app: app.to_owned() }
    }
}

thread_local! {
    /// This thread's request's snapshot, with the generation it was taken at; whether the
    /// request has taken it (at the SAPI's activation; RINIT then keeps it).
    static REQUEST: RefCell<(Option<Snapshot>, u64, bool)> = const { RefCell::new((None, u64::MAX, false)) };
}

/// A request of `app` starts: take the ACL in force (checking the file at most once a
/// second). Called again in the same request, it keeps what it took.
pub fn request_start(app: &str) {
    if REQUEST.with(|r| r.borrow().2) {
        return;
    }
    if !CONFIGURED.load(Ordering::Acquire) {
        REQUEST.with(|r| *r.borrow_mut() = (None, u64::MAX, true));
        return;
    }
    maybe_reload();
    let generation = GENERATION.load(Ordering::Acquire);
    REQUEST.with(|r| {
        let mut r = r.borrow_mut();
        let fresh = r.1 == generation && r.0.as_ref().is_some_and(|s| s.app == app);
        if !fresh {
            r.0 = current().map(|loaded| Snapshot::for_app(loaded, app));
            r.1 = generation;
        }
        r.2 = true;
    });
}

/// The request ended: the next one takes the ACL in force then.
pub fn request_end() {
    REQUEST.with(|r| r.borrow_mut().2 = false);
}

/// This thread's request's snapshot (None: no ACL configured, or the thread's
/// thread-locals are gone: a `pthread_key` destructor at its exit).
pub fn snapshot() -> Option<Snapshot> {
    REQUEST.try_with(|r| r.borrow().0.clone()).ok().flatten()
}

/// Run `f` with this thread's request's snapshot, without cloning it (`f(None)` once the
/// thread's thread-locals are gone: no panic may cross a guarded call).
pub fn with_snapshot<R>(f: impl FnOnce(Option<&Snapshot>) -> R) -> R {
    let mut f = Some(f);
    match REQUEST.try_with(|r| (f.take().expect("called once"))(r.borrow().0.as_ref())) {
        Ok(v) => v,
        Err(_) => (f.take().expect("not called"))(None),
    }
}

/// For a thread a C library starts: judge with the request's snapshot.
pub fn inherit(s: Option<Snapshot>) {
    let _ = REQUEST.try_with(|r| *r.borrow_mut() = (s, u64::MAX, true));
}

/// For phpinfo(): path, version, apps, reloads and the last error.
pub fn describe() -> Option<Vec<(&'static str, String)>> {
    let cur = current()?;
    let apps: Vec<&str> = cur.acl.apps().collect();
    let mut rows = vec![
        ("ACL file", cur.path.clone()),
        ("ACL version", cur.version()),
        (
            "ACL apps",
            format!(
                "{}{}; {} entries",
                if apps.is_empty() { "(none)".to_owned() } else { apps.join(", ") },
                if cur.acl.has_default() { "; default rule for others" } else { "; no default: others refused" },
                cur.acl.entries()
            ),
        ),
        (
            "ACL reloads in this process",
            format!("{} applied, {} rejected", RELOADS.load(Ordering::Relaxed), REJECTED.load(Ordering::Relaxed)),
        ),
    ];
    rows.push(("ACL last error", last_error().unwrap_or_else(|| "(none)".to_owned())));
    Some(rows)
}
