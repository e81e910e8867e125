//! The third enforcement point: socket calls any C library in the process makes.
//!
//! ext/curl (libcurl), pgsql and pdo_pgsql (libpq), ldap (libldap), memcached
//! (libmemcached), ext/ftp's data channel, FFI and any object loaded later open their own
//! sockets through the C library, beneath PHP's streams and ext/sockets. At module
//! start-up [`got`] points every loaded object's GOT slots for `connect`, `sendto`,
//! `sendmsg`, `sendmmsg`, `bind`, `listen`, `accept`, `accept4`, `socket`, `getaddrinfo`,
//! `dlopen` and `dlsym` at the guarded functions in [`hooks`]; [`judge`] decides on the
//! address actually used, with the same policy core and the same settle step (log,
//! counters, report-only, development mode) as the other two enforcement points.
//!
//! Scope in time: calls are judged only while a PHP request runs (module start-up and
//! shutdown, php-fpm's master, a worker between requests pass through untouched).

pub mod got;
pub mod hooks;
pub mod judge;

/// Module start-up: guard every loaded object. Returns the number of slots written.
pub fn install() -> usize {
    hooks::install()
}

/// Module shutdown: give every object its real functions back.
pub fn uninstall() -> usize {
    judge::request_end();
    hooks::uninstall()
}

/// Request start: judge calls from now on.
pub fn request_start() {
    judge::request_start(hooks::current_thread());
}

/// Request end: stop judging; drop what was not raised.
pub fn request_end() {
    judge::request_end();
}
