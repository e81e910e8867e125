//! Apps: each request's app gets its own persistent resources.
//!
//! At each request start the worker compares the request's `appengine_sockets.app_id`
//! with the app that ran last; on a change, the previous app's persistent streams are
//! parked and the new app's are put back (see [`switch_app`]).

#![allow(unsafe_code)]

use std::ptr;
use std::sync::Mutex;

use ext_php_rs::ffi::{self, zval, HashTable};
use ext_php_rs::types::Zval;

extern "C" {
    fn php_file_le_pstream() -> std::ffi::c_int;
}

static CURRENT_APP: Mutex<Option<String>> = Mutex::new(None);

/// The key under which an app's persistent stream waits while other apps' requests run.
/// It stays in EG(persistent_list), so PHP still owns it and closes it at shutdown; only a
/// lookup by the app's own key can no longer find it.
fn parked_key(app: &str, key: &[u8]) -> Vec<u8> {
    let mut k = format!("appengine_sockets\x01{app}\x01").into_bytes();
    k.extend_from_slice(key);
    k
}

/// Forget which app ran last (module start-up: a new process life for PHP).
pub fn reset_app() {
    *CURRENT_APP.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

/// Give the request's app its own persistent streams: when a worker moves from app A to
/// app B, every persistent stream in EG(persistent_list) under its own key (A's) is parked
/// under a key naming A, and B's parked streams get their own keys back. So pfsockopen()
/// and STREAM_CLIENT_PERSISTENT never hand one app another's socket, and each app gets its
/// own back when it returns.
pub fn switch_app(app: &str) {
    let previous = {
        let mut current = CURRENT_APP.lock().unwrap_or_else(|e| e.into_inner());
        if current.as_deref() == Some(app) {
            return;
        }
        current.replace(app.to_owned()).unwrap_or_default()
    };
    let prefix_of = |a: &str| format!("appengine_sockets\x01{a}\x01").into_bytes();
    let (mine, any) = (prefix_of(app), b"appengine_sockets\x01".to_vec());
    // SAFETY: EG(persistent_list) is this process's table of persistent resources. An entry
    // is renamed by removing its bucket without the destructor and adding its zval (moved
    // bitwise, refcount unchanged) under the new key, so each resource stays owned by the
    // list exactly once. Runs at request start (NTS: one thread).
    unsafe {
        let list: *mut HashTable = ptr::addr_of_mut!(ffi::executor_globals.persistent_list);
        let le_pstream = php_file_le_pstream();
        let mut renames: Vec<(Vec<u8>, Vec<u8>, std::mem::ManuallyDrop<zval>)> = Vec::new();
        for (key, value) in (*list).iter() {
            let is_stream = value.resource().is_some_and(|r| !r.is_null() && (*r).type_ == le_pstream);
            if !is_stream {
                continue;
            }
            let key = key.to_string().into_bytes();
            let new_key = if let Some(own) = key.strip_prefix(mine.as_slice()) {
                own.to_vec()
            } else if key.starts_with(&any) {
                continue;
            } else {
                parked_key(&previous, &key)
            };
            renames.push((key, new_key, std::mem::ManuallyDrop::new(ptr::read(value as *const Zval))));
        }
        let destructor = (*list).pDestructor;
        (*list).pDestructor = None;
        for (key, _, _) in &renames {
            ffi::zend_hash_str_del(list, key.as_ptr().cast(), key.len());
        }
        (*list).pDestructor = destructor;
        for (_, new_key, mut value) in renames {
            ffi::zend_hash_str_update(list, new_key.as_ptr().cast(), new_key.len(), &mut *value);
        }
    }
}
