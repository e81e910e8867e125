//! Apps: each request's app gets its own persistent resources.
//!
//! Whatever outlives a request lives in PHP's persistent list, `EG(persistent_list)`: PHP's
//! persistent streams (`pfsockopen()`, `STREAM_CLIENT_PERSISTENT`), and what extensions
//! keep there under keys of their own: phpredis's connection pools, mysqli's `p:` links,
//! PDO's persistent handles (every driver), pgsql's links, php-memcached's and pecl
//! memcache's handles, and so on. Each finds its entry by key on the next `pconnect`.
//!
//! At each request start the worker compares the request's `appengine_sockets.app_id`
//! with the app that ran last; on a change, every entry under its own key (the last app's)
//! is parked under a key naming that app, and the new app's parked entries get their own
//! keys back (see [`switch_app`]). A parked entry stays in the list, so PHP still owns it
//! and destroys it at shutdown as it destroys any other.
//!
//! The switch runs when the SAPI activates the request ([`install_early_switch`]): the
//! request's ini settings (php-fpm's `PHP_ADMIN_VALUE`, a pool's or virtual host's
//! `php_admin_value`) are in force by then, and no module's request start has run yet.
//! Modules that start before this one (ext/session, built into PHP) may connect in their
//! own request start: `session.auto_start` with a persistent Redis or Memcached save
//! handler takes a connection from the persistent list before this module's RINIT.
//!
//! PHP 8.5's persistent cURL share handles (`curl_share_init_persistent()`, whose
//! `CURL_LOCK_DATA_CONNECT` keeps libcurl's connections across requests) are not in that
//! list but in ext/curl's own `CURL_G(persistent_curlsh)`, keyed by the set of shared
//! data: they are parked and given back the same way ([`switch_curl_shares`]).
//!
//! In a thread-safe (ZTS) PHP each thread has its own EG(persistent_list) and runs its
//! own requests, of any app, at the same time as the others: which app ran last is
//! therefore per thread, and the list is this thread's (reached through TSRM).

#![allow(unsafe_code)]

use std::cell::RefCell;
use std::ffi::c_int;
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

use ext_php_rs::ffi::{self, zend_string, zval, Bucket, HashTable};

extern "C" {
    fn zend_hash_set_bucket_key(ht: *mut HashTable, b: *mut Bucket, key: *mut zend_string) -> *mut zval;
    fn zend_hash_del_bucket(ht: *mut HashTable, b: *mut Bucket);
    fn zend_hash_packed_to_hash(ht: *mut HashTable);
    fn zend_hash_index_del(ht: *mut HashTable, h: u64) -> c_int;
    fn zend_hash_index_add(ht: *mut HashTable, h: u64, data: *mut zval) -> *mut zval;
    fn zend_hash_str_del(ht: *mut HashTable, key: *const std::ffi::c_char, len: usize) -> c_int;
    fn zend_hash_str_add(ht: *mut HashTable, key: *const std::ffi::c_char, len: usize, data: *mut zval) -> *mut zval;
}

thread_local! {
    /// The app whose request this thread ran last, and the module start-up it ran in.
    static CURRENT_APP: RefCell<(usize, Option<String>)> = const { RefCell::new((0, None)) };
}
/// Module start-ups so far: what a thread remembers from an earlier one is stale.
static GENERATION: AtomicUsize = AtomicUsize::new(0);

/// Where parked keys start. C code that builds its key as a C string (strlen) cannot
/// produce a key beginning with a NUL byte, so no extension's lookup, whatever an app
/// passes it (a persistent id, a DSN, a host name), can reach a parked entry.
const PARKED: &[u8] = b"\0appengine_sockets\0";

/// The key under which an entry of `app` waits while other apps' requests run: `PARKED`,
/// the app id, a NUL byte (an app id, an ini value, has none), then the entry's own key.
pub fn parked_key(app: &str, key: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(PARKED.len() + app.len() + 1 + key.len());
    k.extend_from_slice(PARKED);
    k.extend_from_slice(app.as_bytes());
    k.push(0);
    k.extend_from_slice(key);
    k
}

/// The first pass of a switch: an entry under its own key belongs to the app that ran
/// last (`previous`) and is parked under that app's name; a parked entry stays as it is.
pub fn park(previous: &str, key: &[u8]) -> Option<Vec<u8>> {
    (!key.starts_with(PARKED)).then(|| parked_key(previous, key))
}

/// The second pass: an entry parked for `app` gets its own key back; others stay parked.
pub fn restore(app: &str, key: &[u8]) -> Option<Vec<u8>> {
    let own = key.strip_prefix(PARKED)?.strip_prefix(app.as_bytes())?.strip_prefix(b"\0")?;
    Some(own.to_vec())
}

/// Forget which app ran last (module start-up: a new process life for PHP).
pub fn reset_app() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// `sapi_module.activate`, while [`activate_then_switch`] stands in.
static ACTIVATE: super::sapi_hook::SapiHook = super::sapi_hook::SapiHook::new();

/// Switch to the request's app. Called at each request start, from the SAPI's activation
/// and again (then a comparison) from this module's RINIT.
pub fn switch_to_request_app() {
    let app = crate::zend::ini_string(c"appengine_sockets.app_id").unwrap_or_default();
    // Read once per request: the decision log names it without an ini lookup per decision.
    crate::state::set_app_id(&app);
    crate::metrics::set_app(&app);
    // The ACL in force when the request starts judges all of it.
    crate::acl::request_start(&app);
    switch_app(&app);
}

/// `sapi_module.activate` while this module is loaded: the SAPI's own first (it may apply
/// per-directory or per-host ini settings), then the switch.
unsafe extern "C" fn activate_then_switch() -> c_int {
    let rc = ACTIVATE.call_original();
    switch_to_request_app();
    super::window::open();
    rc
}

/// Module start-up: run the switch when the SAPI activates each request, before any
/// module's request start (see the module docs).
pub fn install_early_switch() {
    // SAFETY: sapi_module is the running SAPI's table; module start-up runs on one thread
    // before any request.
    unsafe { ACTIVATE.install(&raw mut (*ffi::ext_php_rs_sapi_module()).activate, activate_then_switch) }
}

/// Module shutdown: give the SAPI its own `activate` back (if it is still ours).
pub fn remove_early_switch() {
    // SAFETY: as in install_early_switch.
    unsafe { ACTIVATE.remove(&raw mut (*ffi::ext_php_rs_sapi_module()).activate) }
}

/// Give the request's app its own persistent resources. When a worker moves from app A to
/// app B, every entry of EG(persistent_list) under its own key (A's, whichever extension
/// made it) is parked under a key naming A, then B's parked entries get their own keys
/// back. No extension's lookup then finds another app's connection: B, asking with the
/// same host, credentials or persistent id, gets a connection of its own, and A gets its
/// own back, with whatever it carries (the user it authenticated as, session state,
/// options), when it returns. The same app again costs one comparison.
pub fn switch_app(app: &str) {
    let generation = GENERATION.load(Ordering::SeqCst);
    let previous = CURRENT_APP.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != generation {
            *c = (generation, None);
        }
        if c.1.as_deref() == Some(app) {
            return None;
        }
        Some(c.1.replace(app.to_owned()).unwrap_or_default())
    });
    let Some(previous) = previous else {
        return;
    };
    switch_curl_shares(&previous, app);
    // SAFETY: EG(persistent_list) is this thread's table of persistent resources (NTS: the
    // process's), reached through TSRM under ZTS (ext_php_rs_executor_globals); this runs
    // at request start, on the request's own thread, when nothing iterates it. Entries are renamed
    // in place with zend_hash_set_bucket_key: buckets neither move nor come or go, so the
    // bucket array is stable while it is walked, and the list's order, by which PHP
    // destroys the entries at shutdown, stays stock PHP's. Each new key is a persistent
    // zend_string (the list is persistent); the table takes its own reference to it.
    unsafe {
        let list: *mut HashTable = ptr::addr_of_mut!((*ffi::ext_php_rs_executor_globals()).persistent_list);
        const HASH_FLAG_PACKED: u32 = 1 << 2;
        if (*list).u.flags & HASH_FLAG_PACKED != 0 {
            return; // integer keys only: nothing is looked up by name
        }
        for restoring in [false, true] {
            let data = (*list).__bindgen_anon_1.arData;
            for i in 0..(*list).nNumUsed as usize {
                let bucket = data.add(i);
                // A deleted slot (IS_UNDEF, 0), or an integer key: no name to look up.
                if (*bucket).val.u1.type_info & 0xff == 0 || (*bucket).key.is_null() {
                    continue;
                }
                let key = (*bucket).key;
                let old = std::slice::from_raw_parts((*key).val.as_ptr().cast::<u8>(), (*key).len);
                let new = if restoring { restore(app, old) } else { park(&previous, old) };
                let Some(new) = new else { continue };
                let new = ffi::ext_php_rs_zend_string_init(new.as_ptr().cast(), new.len(), true);
                let renamed = !zend_hash_set_bucket_key(list, bucket, new).is_null();
                ffi::ext_php_rs_zend_string_release(new);
                if !renamed {
                    // The name is taken. It cannot be (the first pass moves every own key
                    // away, and an app's parked keys come back whenever it runs), but if it
                    // were: close the resource rather than let two apps reach it.
                    zend_hash_del_bucket(list, bucket);
                }
            }
        }
    }
}

/// The parked key of ext/curl's persistent share handle `index` (its set of shared data).
fn parked_curl_key(app: &str, index: u64) -> Vec<u8> {
    parked_key(app, index.to_string().as_bytes())
}

/// The index a parked curl share handle of `app` had (None: another app's, or not parked).
fn restored_curl_index(app: &str, key: &[u8]) -> Option<u64> {
    std::str::from_utf8(&restore(app, key)?).ok()?.parse().ok()
}

/// PHP 8.5's persistent cURL share handles, per app: ext/curl keeps them in its globals'
/// `persistent_curlsh` (a table of `CURLSH *` under integer keys: the bitmask of the data
/// shared), found again by that key by the next `curl_share_init_persistent()` of any
/// request in this worker. The previous app's handles are moved under string keys naming
/// that app (the function looks up integer keys only: it can never reach them), and the
/// new app's get their integer keys back. The handles stay in ext/curl's table, so its
/// global shutdown still cleans every one up. Nothing happens without ext/curl, or with a
/// curl whose globals are not that table (PHP before 8.5 has none).
fn switch_curl_shares(previous: &str, app: &str) {
    let Some((globals, size)) = crate::zend::module_globals_named(c"curl") else {
        return;
    };
    if size != std::mem::size_of::<HashTable>() {
        return;
    }
    let table = globals as *mut HashTable;
    // SAFETY: ext/curl's globals are exactly `HashTable persistent_curlsh`
    // (ZEND_BEGIN_MODULE_GLOBALS(curl), PHP 8.5; the size is checked above), this thread's
    // under ZTS; this runs at request start on the request's thread, when no curl call
    // runs. Entries are collected first, then moved: a move may grow the table. The
    // table's destructor (curl_share_cleanup) is off while entries move, so a move frees
    // nothing; a key is always free (own keys are integers, parked ones name their app).
    unsafe {
        const HASH_FLAG_PACKED: u32 = 1 << 2;
        const HASH_FLAG_UNINITIALIZED: u32 = 1 << 3;
        const IS_PTR: u32 = 13;
        if (*table).nNumOfElements == 0 || (*table).u.flags & HASH_FLAG_UNINITIALIZED != 0 {
            return;
        }
        if (*table).u.flags & HASH_FLAG_PACKED != 0 {
            zend_hash_packed_to_hash(table);
        }
        let mut own: Vec<(u64, *mut std::ffi::c_void)> = Vec::new();
        let mut back: Vec<(Vec<u8>, u64, *mut std::ffi::c_void)> = Vec::new();
        let data = (*table).__bindgen_anon_1.arData;
        for i in 0..(*table).nNumUsed as usize {
            let bucket = data.add(i);
            if (*bucket).val.u1.type_info & 0xff != IS_PTR {
                continue;
            }
            let handle = (*bucket).val.value.ptr;
            if (*bucket).key.is_null() {
                own.push(((*bucket).h, handle));
            } else {
                let key = (*bucket).key;
                let k = std::slice::from_raw_parts((*key).val.as_ptr().cast::<u8>(), (*key).len);
                if let Some(index) = restored_curl_index(app, k) {
                    back.push((k.to_vec(), index, handle));
                }
            }
        }
        if own.is_empty() && back.is_empty() {
            return;
        }
        let destructor = (*table).pDestructor.take();
        let mut zv: zval = std::mem::zeroed();
        zv.u1.type_info = IS_PTR;
        for (index, handle) in own {
            zend_hash_index_del(table, index);
            let key = parked_curl_key(previous, index);
            zv.value.ptr = handle;
            zend_hash_str_add(table, key.as_ptr().cast(), key.len(), &mut zv);
        }
        for (key, index, handle) in back {
            zend_hash_str_del(table, key.as_ptr().cast(), key.len());
            zv.value.ptr = handle;
            zend_hash_index_add(table, index, &mut zv);
        }
        (*table).pDestructor = destructor;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parking_names_the_app_and_keeps_the_key() {
        assert_eq!(parked_key("a", b"k"), b"\0appengine_sockets\0a\0k".to_vec());
        assert_eq!(park("a", b"mysqli_db_3306"), Some(parked_key("a", b"mysqli_db_3306")));
        // Before any request the app that "ran last" is the empty id.
        assert_eq!(park("", b"k"), Some(b"\0appengine_sockets\0\0k".to_vec()));
    }

    #[test]
    fn parked_entries_stay_parked_in_the_first_pass() {
        assert_eq!(park("b", &parked_key("a", b"k")), None);
        assert_eq!(park("a", &parked_key("a", b"k")), None);
    }

    #[test]
    fn only_the_apps_own_entries_come_back() {
        assert_eq!(restore("a", &parked_key("a", b"PDO:DBH:DSN=x")), Some(b"PDO:DBH:DSN=x".to_vec()));
        assert_eq!(restore("b", &parked_key("a", b"k")), None);
        // An app id that is a prefix of another's, or extends it, gets neither's entries.
        assert_eq!(restore("a", &parked_key("ab", b"k")), None);
        assert_eq!(restore("ab", &parked_key("a", b"bk")), None);
        assert_eq!(restore("", &parked_key("a", b"k")), None);
        assert_eq!(restore("a", b"k"), None);
        // A key that only looks parked to a reader of C strings is not parked.
        assert_eq!(restore("a", b"appengine_sockets\0a\0k"), None);
    }

    #[test]
    fn curl_share_handles_come_back_to_their_app_only() {
        let parked = parked_curl_key("a", 5);
        assert_eq!(restored_curl_index("a", &parked), Some(5));
        assert_eq!(restored_curl_index("b", &parked), None);
        assert_eq!(restored_curl_index("", &parked), None);
        assert_eq!(restored_curl_index("a", &parked_key("a", b"x")), None);
        assert_eq!(restored_curl_index("a", b"5"), None);
    }

    #[test]
    fn a_round_trip_gives_the_key_back_byte_for_byte() {
        for key in [&b""[..], b"k", b"\0", b"phpredis_17000000001234", b"a\0b\xff"] {
            for app in ["", "a", "my-app", "x\u{e9}"] {
                let parked = park(app, key).expect("an own key is parked");
                assert_eq!(restore(app, &parked).as_deref(), Some(key));
                for other in ["", "b", "my-app2"] {
                    if other != app {
                        assert_eq!(restore(other, &parked), None, "{app:?} -> {other:?}");
                    }
                }
            }
        }
    }
}
