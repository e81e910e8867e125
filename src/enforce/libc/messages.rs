//! What will be said: the messages a request's refused library calls queued for the app.
//!
//! No PHP code runs inside a C library's call, so a refusal's warning (or report-only
//! notice) is queued: on the request's own thread in a thread-local queue keyed by the PHP
//! call (frame) it belongs to; on a library's thread in the request's mail (under
//! [`super::requests::LIVE`]'s lock, with a per-slot flag the request's thread reads
//! cheaply). [`pending`] and [`take_for`] hand them over when the PHP function returns.

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
/// request of that slot, read by the request's thread after every internal call once it
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

/// Queue a message for the PHP call `frame` (0: the next one to return): on a request's
/// own thread, in that thread's queue; on a library's thread, in the mail of the request
/// that started it (dropped when that request has ended).
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
        return;
    }
    let owner = LOCAL.with(|l| l.owner.get());
    let mut live = LIVE.lock();
    if let Some(l) = live.iter_mut().find(|l| l.owner == owner) {
        if !l.mail.iter().any(|(m, t)| *m == level && *t == text) && l.mail.len() < 16 {
            l.mail.push((level, text));
        }
        MAIL[l.slot].store(true, Ordering::Release);
    }
}

/// Whether messages wait to be raised on this thread (after every internal call: one
/// thread-local read, and the request's mail flag once it started a thread).
#[inline]
pub fn pending() -> bool {
    LOCAL.with(|l| {
        let h = l.hot.get();
        h.own || (h.watch != 0 && MAIL[h.watch - 1].load(Ordering::Acquire))
    })
}

/// Take this thread's messages for the PHP call `frame` that is returning (and those of
/// no call), then the mail its libraries' threads queued, prefixed with `label()`'s
/// function name (the returning function's).
pub fn take_for(frame: usize, label: impl FnOnce() -> String) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    let hot = LOCAL.with(|l| l.hot.get());
    if hot.own {
        let left = OWN_QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            let (mine, rest): (Vec<_>, Vec<_>) = q.drain(..).partition(|(_, _, f)| *f == frame || *f == 0);
            *q = rest;
            out.extend(mine.into_iter().map(|(l, t, _)| (l, t)));
            !q.is_empty()
        });
        LOCAL.with(|l| l.hot.set(Hot { own: left, ..l.hot.get() }));
    }
    if hot.watch != 0 && MAIL[hot.watch - 1].load(Ordering::Acquire) {
        let owner = LOCAL.with(|l| l.owner.get());
        let mail = {
            let mut live = LIVE.lock();
            let mail = live.iter_mut().find(|l| l.owner == owner).map(|l| std::mem::take(&mut l.mail));
            refresh_mail(&live, hot.watch - 1);
            mail.unwrap_or_default()
        };
        if !mail.is_empty() {
            let function = label();
            let prefix = if function.is_empty() { String::new() } else { format!("{function}(): ") };
            out.extend(mail.into_iter().map(|(l, t)| (l, format!("{prefix}{t}"))));
        }
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
        request_start(0x1004);
        resolved("smtp.gmail.com", &[google]);
        // Another thread's request resolves a name spoiling the whitelist: not ours.
        let other = std::thread::spawn(move || {
            request_start(0x1005);
            resolved("evil-gmail.test", &[google]);
            let theirs = destination_verdict(google, 465).0.allowed;
            std::thread::sleep(std::time::Duration::from_millis(50));
            let mail = (pending(), take_for(0, || "theirs".into()));
            request_end();
            (theirs, mail)
        });
        assert!(destination_verdict(google, 465).0.allowed);
        // This request's library thread resolves it: now ours too.
        let from = inheritance().unwrap();
        std::thread::spawn(move || {
            inherit(from);
            resolved("evil-gmail.test", &[google]);
            queue(Level::Warning, "connection to 10.0.0.5:80 refused (private address 10.0.0.5)".into(), 0);
        })
        .join()
        .unwrap();
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google);
        assert!(pending());
        assert_eq!(
            take_for(0, || "spawn_connect".into()),
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
        request_start(0x1006);
        let from = inheritance().unwrap();
        queue(Level::Warning, "own".into(), 0);
        assert!(pending());
        request_end();
        assert!(!pending(), "the request's own queue is dropped");
        request_start(0x1006);
        let _ = inheritance(); // this request watches its mail too
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
        assert!(take_for(0, String::new).is_empty());
        assert_eq!(destination_verdict(google, 465).0.rule, Rule::Google, "the old request's name");
        request_end();
    }


    #[test]
    fn a_reused_thread_id_is_another_request() {
        // A request on one thread starts a library thread, and ends; a later thread with
        // the same id (ZTS reuses them) runs its first request, as the first one was.
        let google: IpAddr = "142.250.80.46".parse().unwrap();
        let from = std::thread::spawn(|| {
            request_start(0x1008);
            let from = inheritance().unwrap();
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
            request_start(0x1008);
            let _ = inheritance(); // this request watches its mail
            resolved("smtp.gmail.com", &[google]);
            go.send(()).unwrap();
            finished.recv().unwrap();
            assert!(destination_verdict(google, 465).0.allowed, "the old request's name is not this one's");
            assert!(!pending() && take_for(0, String::new).is_empty(), "nor its mail");
            request_end();
        })
        .join()
        .unwrap();
        old.join().unwrap();
    }
}
