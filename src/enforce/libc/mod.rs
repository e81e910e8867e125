//! The third enforcement point: socket calls any C library in the process makes.
//!
//! ext/curl (libcurl), pgsql and pdo_pgsql (libpq), ldap (libldap), memcached
//! (libmemcached), ext/ftp's data channel, FFI and any object loaded later open their own
//! sockets through the C library, beneath PHP's streams and ext/sockets. At module
//! start-up [`got`] points every loaded object's GOT slots for `connect`, `sendto`,
//! `sendmsg`, `sendmmsg`, `bind`, `listen`, `accept`, `accept4`, `socket`, `getaddrinfo`,
//! `pthread_create`, `dlopen` and `dlsym` at the guarded functions in [`hooks`], which read
//! the call's address ([`address`]); [`verdicts`] decides on the address actually used and
//! on the name the library's lookup gave it ([`names`]: judged with all of its addresses,
//! as a stream judges a name), with the same policy core and the same settle step (log,
//! counters, report-only, development mode) as the other two enforcement points.
//! [`requests`] says who is judged, [`messages`] what will be said.
//!
//! Which calls are judged: those of a thread while it runs a PHP request (from the SAPI's
//! activation of the request to its deactivation, so every point where PHP code runs is
//! inside: see `module::window` and docs/request-life.md), and those of a
//! thread a C library started while its starting thread was judged: a library's thread
//! belongs to the request (and app) that started it, as a socket belongs to the app that
//! opened it. [`hooks`] guards `pthread_create` to know them: on a judged thread the new
//! thread first takes on the starting thread's request and app id, then runs the
//! library's routine. Every other thread passes through untouched: module start-up and
//! shutdown, php-fpm's master, a worker between requests, and under ZTS the threads a
//! server starts outside requests (Apache's listener and workers, FrankenPHP's) even
//! while other threads run requests; a thread started by the main program's own code is
//! never a library's.
//!
//! What a request gathers is its own: the names its libraries resolved (on its thread or
//! theirs) and the messages their refusals queued. The request's thread keeps its own
//! messages in thread-locals; its libraries' threads hand theirs over under a
//! [`crate::sync`] mutex (which thread checkers see) and set the request thread's
//! `EG(vm_interrupt)`: they are raised on the request's thread at the VM's next check,
//! right after the PHP function running there returns. A library's thread outliving its request stays
//! judged for that app; what it says after the request ended is dropped.

pub mod address;
pub mod got;
pub mod hooks;
pub mod loads;
pub mod lookup;
pub mod messages;
pub mod names;
pub mod requests;
pub mod resolver;
pub mod threads;
pub mod unguarded;
pub mod verdicts;

/// Module start-up: guard every loaded object. Returns the number of slots written.
pub fn install() -> usize {
    let written = hooks::install();
    unguarded::say_once();
    written
}

/// Module shutdown: give every object its real functions back.
pub fn uninstall() -> usize {
    request_end();
    hooks::uninstall()
}

/// Whether this thread runs a request whose window is open (see [`request_start`]).
pub fn in_request() -> bool {
    requests::on_php_thread(0)
}

/// Request start: judge calls from now on.
pub fn request_start() {
    loads::patch_new();
    unguarded::say_once();
    let (thread, wake) = hooks::current_thread();
    requests::request_start(thread, wake);
}

/// Request end: stop judging; drop what was not raised; put on PHP's error log what
/// libraries' threads could not.
pub fn request_end() {
    requests::request_end();
    crate::guard::say_unsaid();
}
