//! `appengine_sockets`: PHP's socket functions under Google App Engine's outbound rules.
//!
//! The map, top to bottom (imports only ever point down it):
//!
//! * [`module`]: the lifecycle PHP drives: the module entry, ini settings, start-up and
//!   shutdown, request start and end, `appengine_sockets_check()`, phpinfo(), and the
//!   per-app persistent resources.
//! * [`enforce`]: the enforcement points, one place per kind of call, where a refusal is
//!   made: [`enforce::functions`] (replaced PHP functions), [`enforce::transports`]
//!   (PHP's stream transports) and [`enforce::libc`] (socket calls C libraries make:
//!   libcurl, libpq, ext/ftp's data channel, FFI, ...).
//! * The decisions and the state they read: [`guard`] turns an operation into a plan with
//!   the PHP-free policy core (`appengine_sockets_policy`, in `policy/`), [`check`] answers
//!   `appengine_sockets_check()`, [`idle`] keeps sockets' idle clocks, [`log`] writes the
//!   decision log, [`metrics`] keeps the server-wide counters (shared memory), [`settings`]
//!   reads the ini values into the [`state`] in force, [`sync`] is the mutex for what
//!   threads share (one thread checkers understand).
//! * [`zend`]: the Zend access helpers (arguments, errors, ini values, ext/sockets' objects)
//!   that everything above uses; it imports nothing from the crate.
//!
//! `unsafe` code is confined to `zend`, the enforcement points' FFI callbacks, the module
//! entry, `sync` (a `pthread_mutex_t`) and `metrics::shm` (the shared mapping); every
//! other module denies it. See README.md for
//! what an app sees.

#![deny(unsafe_code)]

pub mod acl;
pub mod check;
pub mod enforce;
pub mod guard;
pub mod idle;
pub mod log;
pub mod lookup;
pub mod metrics;
pub mod module;
pub mod settings;
pub mod state;
pub mod sync;
pub mod zend;
