//! Idle reclaim: App Engine may reclaim a socket after `appengine_sockets.idle_timeout`
//! seconds without an operation (120 by default, App Engine's 2 minutes; 0 turns it off),
//! and any operation keeps it alive for another full period.
//!
//! This module keeps the clocks; the Zend layer calls [`Clocks::touch`] on every operation
//! of a tracked stream or `Socket` and closes the connection (shutdown) when told to.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::time::Duration;

/// A hash for the extension's own small integer keys (stream addresses, object handles,
/// option numbers): a multiply-fold, a few instructions where std's SipHash costs a
/// hundred and fifty. The keys are not chosen by an app, so no flooding resistance is
/// needed.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    fn mix(&mut self, x: u64) {
        let m = u128::from(self.0 ^ x) * 0x9E37_79B9_7F4A_7C15_u128;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(b));
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.mix(u64::from(x));
    }
    fn write_u64(&mut self, x: u64) {
        self.mix(x);
    }
    fn write_i64(&mut self, x: i64) {
        self.mix(x as u64);
    }
}

/// A map keyed by the extension's own integers (see [`KeyHasher`]).
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// What an operation on a tracked socket must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// Go ahead; the clock was restarted.
    Alive,
    /// The socket was idle longer than the timeout: close its connection now and fail the
    /// operation. Carries the idle time in whole seconds.
    ReclaimNow(u64),
    /// Reclaimed earlier: fail the operation.
    Reclaimed(u64),
}

/// A socket's clock.
#[derive(Debug, Clone, Copy)]
struct Clock {
    /// Monotonic time of the last operation (see [`now`]).
    last: Duration,
    reclaimed: Option<u64>,
}

/// The clocks of the tracked sockets, by key (a stream's address or a Socket's handle).
#[derive(Debug, Default)]
pub struct Clocks {
    clocks: KeyMap<u64, Clock>,
}

impl Clocks {
    /// Start (or restart) the clock of `key` at `now`.
    pub fn start(&mut self, key: u64, now: Duration) {
        self.clocks.insert(key, Clock { last: now, reclaimed: None });
    }

    /// Stop tracking `key` (closed).
    pub fn forget(&mut self, key: u64) {
        self.clocks.remove(&key);
    }

    /// Forget every clock (request end, for per-request sockets).
    pub fn clear(&mut self) {
        self.clocks.clear();
    }

    /// An operation on `key` at `now`, with `timeout` (zero: never reclaim). Untracked
    /// keys start their clock here.
    pub fn touch(&mut self, key: u64, now: Duration, timeout: Duration) -> Activity {
        let clock = self.clocks.entry(key).or_insert(Clock { last: now, reclaimed: None });
        if let Some(secs) = clock.reclaimed {
            return Activity::Reclaimed(secs);
        }
        let idle = now.saturating_sub(clock.last);
        if !timeout.is_zero() && idle > timeout {
            let secs = idle.as_secs();
            clock.reclaimed = Some(secs);
            return Activity::ReclaimNow(secs);
        }
        clock.last = now;
        Activity::Alive
    }

    /// An operation on `key` finished at `now`: the idle period starts again from here (a
    /// read that blocked for a while and then got data is not idle time).
    pub fn restart(&mut self, key: u64, now: Duration) {
        if let Some(clock) = self.clocks.get_mut(&key) {
            if clock.reclaimed.is_none() {
                clock.last = now;
            }
        }
    }

    /// How many sockets are tracked.
    pub fn len(&self) -> usize {
        self.clocks.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.clocks.is_empty()
    }
}

/// The warning an operation on a reclaimed socket raises.
pub fn reclaimed_message(secs: u64, timeout: u64) -> String {
    format!("socket reclaimed after {secs} seconds idle (appengine_sockets.idle_timeout={timeout})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_operation_restarts_the_clock() {
        let mut c = Clocks::default();
        let t0 = Duration::from_secs(1_000);
        let timeout = Duration::from_secs(120);
        c.start(1, t0);
        assert_eq!(c.touch(1, t0 + Duration::from_secs(100), timeout), Activity::Alive);
        assert_eq!(c.touch(1, t0 + Duration::from_secs(200), timeout), Activity::Alive);
        assert_eq!(c.touch(1, t0 + Duration::from_secs(321), timeout), Activity::ReclaimNow(121));
        assert_eq!(c.touch(1, t0 + Duration::from_secs(322), timeout), Activity::Reclaimed(121));
        c.forget(1);
        assert!(c.is_empty());
    }

    #[test]
    fn a_slow_operation_is_not_idle_time() {
        let mut c = Clocks::default();
        let t0 = Duration::from_secs(1_000);
        let timeout = Duration::from_secs(1);
        c.start(3, t0);
        // a read starts at 0.5 s, blocks until 2 s, and gets data
        assert_eq!(c.touch(3, t0 + Duration::from_millis(500), timeout), Activity::Alive);
        c.restart(3, t0 + Duration::from_secs(2));
        assert_eq!(c.touch(3, t0 + Duration::from_millis(2500), timeout), Activity::Alive);
    }

    #[test]
    fn zero_turns_it_off() {
        let mut c = Clocks::default();
        let t0 = Duration::from_secs(1_000);
        c.start(7, t0);
        assert_eq!(c.touch(7, t0 + Duration::from_secs(100_000), Duration::ZERO), Activity::Alive);
    }
}

thread_local! {
    /// Streams' clocks, by stream address. Persistent streams keep theirs across requests.
    static STREAMS: std::cell::RefCell<Clocks> = std::cell::RefCell::new(Clocks::default());
    /// Sockets' clocks, by object handle; Socket objects end with their request.
    static SOCKETS: std::cell::RefCell<Clocks> = std::cell::RefCell::new(Clocks::default());
}

/// Now, on the monotonic clock (read straight from the C library: std's `Instant` adds
/// its own conversions on every operation).
fn now() -> Duration {
    crate::zend::monotonic()
}

fn timeout() -> Duration {
    Duration::from_secs(crate::state::get().idle_timeout())
}

/// Which kind of socket a key names.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A php_stream, by address.
    Stream,
    /// An ext/sockets Socket, by object handle.
    Socket,
}

fn with<R>(kind: Kind, f: impl FnOnce(&mut Clocks) -> R) -> R {
    match kind {
        Kind::Stream => STREAMS.with(|c| f(&mut c.borrow_mut())),
        Kind::Socket => SOCKETS.with(|c| f(&mut c.borrow_mut())),
    }
}

/// A socket connected (or was created) now.
pub fn start(kind: Kind, key: u64) {
    with(kind, |c| c.start(key, now()));
}

/// An operation on a socket: restart its clock, or say it is to be / was reclaimed.
pub fn touch(kind: Kind, key: u64) -> Activity {
    let t = timeout();
    let activity = with(kind, |c| c.touch(key, now(), t));
    if matches!(activity, Activity::ReclaimNow(_)) {
        crate::metrics::event(crate::metrics::Event::IdleReclaims);
    }
    activity
}

/// An operation on a socket finished: restart its clock from now.
pub fn restart(kind: Kind, key: u64) {
    with(kind, |c| c.restart(key, now()));
}

/// The socket is closed.
pub fn forget(kind: Kind, key: u64) {
    with(kind, |c| c.forget(key));
}

/// Request end: Socket objects are gone.
pub fn forget_sockets() {
    SOCKETS.with(|c| c.borrow_mut().clear());
}

/// The warning for an operation refused because of reclaim, or None when alive.
pub fn failure(a: Activity) -> Option<String> {
    match a {
        Activity::Alive => None,
        Activity::ReclaimNow(s) | Activity::Reclaimed(s) => {
            Some(reclaimed_message(s, crate::state::get().idle_timeout()))
        }
    }
}
