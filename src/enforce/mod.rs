//! The enforcement points: where a socket operation is stopped, one place per kind of call.
//!
//! * [`functions`]: PHP functions whose handlers are replaced (`fsockopen`,
//!   `stream_socket_server`, ext/sockets' `socket_*`, `ftp_connect`, ...). Function-level
//!   rules live here: listening, pairs, binds, datagram destinations, socket options,
//!   `$errno`.
//! * [`transports`]: PHP's stream transports (`tcp://`, `udp://`, `ssl://`, `unix://`, ...).
//!   Every stream connection is judged here, whichever function or wrapper opened it.
//! * [`libc`]: socket calls any C library in the process makes through the C library
//!   (libcurl, libpq, libldap, libmemcached, ext/ftp's data channel, FFI, objects loaded
//!   later): `connect`, `sendto`/`sendmsg` with an address, `bind`, `listen`, `accept`,
//!   `socket`. Judged on the address actually used.
//!
//! Each point asks [`crate::guard`] for a plan and carries it out through [`crate::zend`].

pub mod functions;
pub mod libc;
pub mod transports;
