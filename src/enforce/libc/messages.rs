//! What will be said: the messages a request's refused library calls queued for the app.
//!
//! No PHP code runs inside a C library's call, so a refusal's warning (or report-only
//! notice) is queued: on the request's own thread in a thread-local queue keyed by the PHP
//! call (frame) it belongs to; on a library's thread in the request's mail (under
//! [`super::requests::LIVE`]'s lock, with a per-slot flag the request's thread reads
//! cheaply), and the request's thread is woken (`EG(vm_interrupt)`, see
//! [`crate::zend::interrupt`]): [`pending`] and [`take`] hand them over when the VM is
//! interrupted right after the PHP function returns. Each text already names its function.

use std::cell::RefCell;

use std::sync::atomic::{AtomicBool, Ordering};

use super::requests::{Live, LIVE, LOCAL};

/// Whether this thread queued messages of its own, and the mail flag it watches (slot + 1)
/// once it started a thread in this request (0: none).
#[derive(Clone, Copy, Default)]
pub(super) struct Hot {
    pub(super) own: bool,
    pub(super) watch: usize,
}

thread_local! {
    /// Messages this PHP thread queued itself: level, text, and the PHP call (frame) they
    /// belong to (0: any).
    static OWN_QUEUE: RefCell<Vec<(Level, String, usize)>> = const { RefCell::new(Vec::new()) };
}

/// A request starts or ends on this thread: drop what it queued and was not raised.
pub(super) fn forget_own() {
    OWN_QUEUE.with(|q| q.borrow_mut().clear());
    LOCAL.with(|l| l.hot.set(Hot::default()));
}


/// Mail flags: set (under [`LIVE`]'s lock) when a library's thread queued a message for a
/// request of that slot, read by the request's thread when the VM is interrupted once it
/// started a thread. Each running request has a slot of its own while there are enough.
pub(super) const SLOTS: usize = 64;
pub(super) static MAIL: [AtomicBool; SLOTS] = [const { AtomicBool::new(false) }; SLOTS];

/// Set `slot`'s mail flag to whether a running request of that slot has mail.
pub(super) fn refresh_mail(live: &[Live], slot: usize) {
    let any = live.iter().any(|l| l.slot == slot && !l.mail.is_empty());
    MAIL[slot].store(any, Ordering::Release);
}


/// The level of a queued message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// E_WARNING: a refusal.
    Warning,
    /// E_NOTICE: report-only or development mode.
    Notice,
}

/// Queue a message (its text names its PHP function) for the PHP call `frame` (0: none),
/// and wake the request's thread (see [`crate::zend::interrupt`]): on a request's own
/// thread, in that thread's queue; on a library's thread, in the mail of the request that
/// started it (dropped when that request has ended).
pub(super) fn queue(level: Level, text: String, frame: usize) {
    // One message per refusal: libraries retry the same address (happy eyeballs, loops).
    if LOCAL.with(|l| l.in_request.get()) {
        OWN_QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            if !q.iter().any(|(l, t, _)| *l == level && *t == text) && q.len() < 16 {
                q.push((level, text, frame));
            }
        });
        LOCAL.with(|l| l.hot.set(Hot { own: true, ..l.hot.get() }));
        crate::zend::interrupt::wake(LOCAL.with(|l| l.wake.get()));
        return;
    }
    let owner = LOCAL.with(|l| l.owner.get());
    let mut live = LIVE.lock();
    if let Some(l) = live.iter_mut().find(|l| l.owner == owner) {
        if !l.mail.iter().any(|(m, t)| *m == level && *t == text) && l.mail.len() < 16 {
            l.mail.push((level, text));
        }
        MAIL[l.slot].store(true, Ordering::Release);
        // Under the lock: the request (and its thread's flag) is still alive.
        crate::zend::interrupt::wake(l.wake);
    }
}

/// Whether messages wait to be raised on this thread (when the VM is interrupted: one
/// thread-local read, and the request's mail flag once it started a thread).
#[inline]
pub fn pending() -> bool {
    LOCAL.with(|l| {
        let h = l.hot.get();
        h.own || (h.watch != 0 && MAIL[h.watch - 1].load(Ordering::Acquire))
    })
}

/// Take this thread's messages but those whose PHP call `wait(frame)` says is still
/// running, then the mail its libraries' threads queued.
pub fn take(mut wait: impl FnMut(usize) -> bool) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    let hot = LOCAL.with(|l| l.hot.get());
    if hot.own {
        let q = OWN_QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
        let (waiting, now): (Vec<_>, Vec<_>) = q.into_iter().partition(|(_, _, f)| *f != 0 && wait(*f));
        out.extend(now.into_iter().map(|(l, t, _)| (l, t)));
        let left = !waiting.is_empty();
        OWN_QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            q.splice(0..0, waiting);
        });
        LOCAL.with(|l| l.hot.set(Hot { own: left, ..l.hot.get() }));
    }
    if hot.watch != 0 && MAIL[hot.watch - 1].load(Ordering::Acquire) {
        let owner = LOCAL.with(|l| l.owner.get());
        let mut live = LIVE.lock();
        if let Some(l) = live.iter_mut().find(|l| l.owner == owner) {
            out.append(&mut l.mail);
        }
        refresh_mail(&live, hot.watch - 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use appengine_sockets_policy::Rule;

    use super::super::names::{destination_verdict, resolved};
    use super::super::requests::{inherit, inheritance, enforcing, request_end, request_start};
    use super::*;

    // Each test runs on a thread of its own, with its own made-up thread id for requests.

    #[test]
    fn names_and_mail_belong_to_their_request() {
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        // The request thread's EG(vm_interrupt), as a library's thread sets it.
        static WAKE: AtomicBool = AtomicBool::new(false);
        request_start(0x1004, WAKE.as_ptr() as usize);
        resolved("smtp.gmail.com", &[google]);
        // Another thread's request resolves a name spoiling the whitelist: not ours.
        let other = std::thread::spawn(move || {
            request_start(0x1005, 0);
            resolved("evil-gmail.test", &[google]);
            let theirs = destination_verdict(google, 465).0.allowed;
            std::thread::sleep(std::time::Duration::from_millis(50));
            let mail = (pending(), take(|_| false));
            request_end();
            (theirs, mail)
        });
        assert!(destination_verdict(google, 465).0.allowed);
        // This request's library thread resolves it: now ours too.
        let from = inheritance(|| "spawn_connect".into()).unwrap();
        std::thread::spawn(move || {
            inherit(from);
            resolved("evil-gmail.test", &[google]);
            queue(Level::Warning, "spawn_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)".into(), 0);
        })
        .join()
        .unwrap();
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        assert!(WAKE.load(Ordering::SeqCst), "the request's thread is woken");
        assert!(pending());
        assert_eq!(
            take(|_| false),
            vec![(Level::Warning, "spawn_connect(): connection to 10.0.0.5:80 refused (private address 10.0.0.5)".to_owned())]
        );
        assert!(!pending());
        let (theirs, (their_pending, their_mail)) = other.join().unwrap();
        assert!(!theirs);
        assert!(!their_pending && their_mail.is_empty(), "another request's mail: {their_mail:?}");
        request_end();
    }

    #[test]
    fn a_requests_end_drops_what_its_threads_say_later() {
        request_start(0x1006, 0);
        let from = inheritance(String::new).unwrap();
        queue(Level::Warning, "own".into(), 0);
        assert!(pending());
        request_end();
        assert!(!pending(), "the request's own queue is dropped");
        request_start(0x1006, 0);
        let _ = inheritance(String::new); // this request watches its mail too
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        std::thread::spawn(move || {
            inherit(from);
            assert!(enforcing(), "a library's thread stays judged after its request ended");
            resolved("smtp.gmail.com", &[google]);
            queue(Level::Warning, "late".into(), 0);
        })
        .join()
        .unwrap();
        assert!(!pending());
        assert!(take(|_| false).is_empty());
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google, "the old request's name");
        request_end();
    }

    #[test]
    fn a_message_waits_while_its_call_runs() {
        static WAKE: AtomicBool = AtomicBool::new(false);
        request_start(0x1009, WAKE.as_ptr() as usize);
        queue(Level::Warning, "curl_exec(): refused".into(), 7);
        queue(Level::Notice, "pg_connect(): would be refused".into(), 8);
        assert!(WAKE.load(Ordering::SeqCst), "queueing wakes the request's thread");
        // The call of frame 7 still runs (PHP code nested in it interrupted the VM).
        assert_eq!(take(|f| f == 7), vec![(Level::Notice, "pg_connect(): would be refused".to_owned())]);
        assert!(pending(), "frame 7's message waits");
        assert_eq!(take(|_| false), vec![(Level::Warning, "curl_exec(): refused".to_owned())]);
        assert!(!pending());
        request_end();
    }

    #[test]
    fn a_reused_thread_id_is_another_request() {
        // A request on one thread starts a library thread, and ends; a later thread with
        // the same id (ZTS reuses them) runs its first request, as the first one was.
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        let from = std::thread::spawn(|| {
            request_start(0x1008, 0);
            let from = inheritance(String::new).unwrap();
            request_end();
            from
        })
        .join()
        .unwrap();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let old = std::thread::spawn(move || {
            inherit(from);
            wait.recv().unwrap();
            resolved("evil-gmail.test", &[google]);
            queue(Level::Warning, "the old request's".into(), 0);
            done.send(()).unwrap();
        });
        std::thread::spawn(move || {
            request_start(0x1008, 0);
            let _ = inheritance(String::new); // this request watches its mail
            resolved("smtp.gmail.com", &[google]);
            go.send(()).unwrap();
            finished.recv().unwrap();
            assert!(destination_verdict(google, 465).0.allowed, "the old request's name is not this one's");
            assert!(!pending() && take(|_| false).is_empty(), "nor its mail");
            request_end();
        })
        .join()
        .unwrap();
        old.join().unwrap();
    }
}
