//! The module's lifecycle, on top of everything else: the module entry PHP loads, the ini
//! settings, start-up and shutdown (install and remove the enforcement points), request
//! start and end, the `appengine_sockets_check()` and `appengine_sockets_app_id()`
//! functions and phpinfo().

#![allow(unsafe_code)]

mod apps;
mod backstop;
mod info;
mod sapi_hook;
mod window;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{FunctionBuilder, ModuleBuilder};
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::flags::{DataType, IniEntryPermission};
use ext_php_rs::prelude::php_module;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ce, ExecuteData, IniEntryDef, IniEntryDefs, ModuleEntry};

use crate::enforce::functions::{self, swap};
use crate::enforce::{self, transports};
use crate::{idle, metrics, settings, state, zend};
use crate::zend::Call;

/// Module start-up: read the settings, build the policy (failing closed on a broken
/// setting, with a start-up warning naming it), and install the handlers and transport
/// wrappers.
fn startup() {
    let built = settings::build(|name| {
        if name == "sapi" {
            return zend::sapi_name();
        }
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    });
    // Mapped here, before php-fpm forks its workers: every process of the server counts
    // into the same table.
    let table = metrics::create(built.metrics_apps());
    let st = state::set(built.with_metrics(table));
    metrics::enable_statsd(st.statsd());
    if let Some(reason) = st.closed_reason() {
        metrics::event(metrics::Event::ConfigErrors);
        zend::startup_warning(&format!(
            "appengine_sockets: {reason}; every socket operation is refused until it is fixed"
        ));
    }
    crate::acl::install(st.startup_acl().cloned());
    apps::reset_app();
    apps::install_early_switch();
    window::install();
    swap::install_functions(functions::REPLACED);
    transports::install_transports();
    enforce::libc::install();
}

/// Module shutdown: give PHP back its own handlers and transports.
fn shutdown() {
    apps::remove_early_switch();
    window::remove();
    swap::restore_functions(functions::REPLACED);
    transports::restore_transports();
    enforce::libc::uninstall();
}

/// The request's window opens (see [`window`]): a request whose security settings differ
/// from start-up is refused, and the libc layer judges from now on.
fn request_open() {
    let st = state::get();
    let error = settings::changed_since_startup(st.startup_values(), |name| {
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    });
    if error.is_some() {
        metrics::event(metrics::Event::ConfigErrors);
    }
    state::set_request_error(error);
    enforce::libc::request_start();
}

/// The request's window closes (see [`window`]): no PHP code of the request runs after.
fn request_close() {
    enforce::libc::request_end();
    // The ACL the request started with judges up to here (a session handler's write).
    crate::acl::request_end();
}

/// This module's request end: forget per-request state (mocked options of the request's
/// sockets), and put on PHP's error log what libraries' threads could not, while the
/// request's own ini settings (its `error_log`) are still in force, and push the request's
/// decisions to StatsD if asked. (The window closes later, and says what was queued after
/// this too.)
fn request_end() {
    metrics::flush_statsd();
    metrics::request_end();
    functions::forget_socket_options();
    idle::forget_sockets();
    crate::guard::say_unsaid();
}

/// The ini settings. All are PHP_INI_SYSTEM, so neither `ini_set()`, `php_value` nor a
/// `.user.ini` in app code can change them. The app id is read per request, so a pool's
/// or virtual host's `php_admin_value` and FastCGI's `PHP_ADMIN_VALUE` (which PHP applies
/// in system mode) set it; an app cannot claim another app's id.
static INI: IniEntryDefs<14> = IniEntryDefs::new([
    IniEntryDef::new(c"appengine_sockets.allow", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.deny", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.google_ranges_file", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.google_cloud_ranges_file", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.report_only", c"0", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.log", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.billing_enabled", c"1", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.mode", c"auto", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.idle_timeout", c"120", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.app_id", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.metrics_apps", c"64", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.statsd", c"", IniEntryPermission::System),
    IniEntryDef::new(c"appengine_sockets.acl", c"", IniEntryPermission::System),
    IniEntryDef::end(),
]);

unsafe extern "C" fn module_startup(_ty: i32, module_number: i32) -> i32 {
    IniEntryDef::register(INI.as_slice(), module_number);
    startup();
    0
}

/// `appengine_sockets_check(string $address, ?int $port = null, ?string $app = null):
/// array`. Arguments go
/// through zend_parse_parameters, so coercion and strict_types are PHP's own.
extern "C" fn appengine_sockets_check(ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: the frame and return value PHP passed to this internal function.
    let mut call = unsafe { Call::from_raw((ex as *mut ExecuteData).cast(), rv) };
    if !call.parse(c"S|l!S!") {
        return;
    }
    let address = String::from_utf8_lossy(&call.arg_bytes(1).unwrap_or_default()).into_owned();
    let port = if call.arg_is_null(2) { None } else { call.arg_long(2) };
    let app = if call.arg_is_null(3) { None } else { call.arg_bytes(3).map(|b| String::from_utf8_lossy(&b).into_owned()) };
    match crate::check::check_for(&address, port, app.as_deref()) {
        Err(m) => {
            PhpException::new(m, 0, ce::value_error()).throw();
        }
        Ok(r) => {
            let mut arr = ZendHashTable::new();
            let filled: PhpResult<()> = (|| {
                arr.insert("allowed", r.allowed)?;
                arr.insert("rule", r.rule)?;
                arr.insert("reason", r.reason)?;
                arr.insert("addresses", r.addresses)?;
                match r.acl {
                    None => arr.insert("acl", ())?,
                    Some(a) => {
                        let mut part = ZendHashTable::new();
                        part.insert("app", a.app)?;
                        part.insert("project", a.project)?;
                        part.insert("matched", a.matched)?;
                        part.insert("result", a.result)?;
                        part.insert("enforce_would_deny", a.enforce_would_deny)?;
                        arr.insert("acl", part)?;
                    }
                }
                Ok(())
            })();
            if filled.is_ok() {
                rv.set_hashtable(arr);
            }
        }
    }
}

/// `appengine_sockets_app_id(): string`: the request's `appengine_sockets.app_id`, read
/// when called. OPcache folds `ini_get()` of a system-only setting into the compiled
/// script, so in a php-fpm pool shared by apps `ini_get('appengine_sockets.app_id')` can
/// show the app whose request compiled the script; a call of this function is never
/// folded.
extern "C" fn appengine_sockets_app_id(ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: the frame and return value PHP passed to this internal function.
    let mut call = unsafe { Call::from_raw((ex as *mut ExecuteData).cast(), rv) };
    if !call.parse(c"") {
        return;
    }
    let _ = rv.set_string(&zend::ini_string(c"appengine_sockets.app_id").unwrap_or_default(), false);
}

/// `appengine_sockets_metrics(): string`: the server-wide counters as OpenMetrics text
/// (what a status script hands Prometheus). It opens no socket and needs no app id.
extern "C" fn appengine_sockets_metrics(ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: the frame and return value PHP passed to this internal function.
    let mut call = unsafe { Call::from_raw((ex as *mut ExecuteData).cast(), rv) };
    if !call.parse(c"") {
        return;
    }
    let _ = rv.set_string(&metrics::openmetrics(), false);
}

/// `appengine_sockets_nft(string $user, ?string $cgroup = null): string`: the policy in
/// force as an nftables ruleset for the sockets of `$user` (a name or a uid) and, when
/// given, of every process in the cgroup v2 `$cgroup`.
extern "C" fn appengine_sockets_nft(ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: the frame and return value PHP passed to this internal function.
    let mut call = unsafe { Call::from_raw((ex as *mut ExecuteData).cast(), rv) };
    if !call.parse(c"S|S!") {
        return;
    }
    let user = String::from_utf8_lossy(&call.arg_bytes(1).unwrap_or_default()).into_owned();
    let cgroup = if call.arg_is_null(2) { None } else { call.arg_bytes(2).map(|b| String::from_utf8_lossy(&b).into_owned()) };
    match backstop::nft(&user, cgroup.as_deref()) {
        Ok(text) => {
            let _ = rv.set_string(&text, false);
        }
        Err((kind, m)) => {
            let class = match kind {
                backstop::Kind::Value => ce::value_error(),
                backstop::Kind::Error => ce::error(),
            };
            PhpException::new(m, 0, class).throw();
        }
    }
}

unsafe extern "C" fn module_shutdown(_ty: i32, _module_number: i32) -> i32 {
    shutdown();
    0
}

unsafe extern "C" fn request_startup(_ty: i32, _module_number: i32) -> i32 {
    // Extensions that started after this one (openssl registers ssl://, tls:// and its own
    // tcp:// factory) are wrapped before the first script runs.
    transports::install_transports();
    window::open_unless_open();
    // Normally done already, when the SAPI activated the request: then one comparison.
    apps::switch_to_request_app();
    0
}

unsafe extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
    request_end();
    0
}

unsafe extern "C" fn module_info(_module: *mut ModuleEntry) {
    info::info(zend::info_row);
}

/// The module entry PHP loads.
#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .startup_function(module_startup)
        .shutdown_function(module_shutdown)
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .info_function(module_info)
        .function(
            FunctionBuilder::new("appengine_sockets_check", appengine_sockets_check)
                .arg(Arg::new("address", DataType::String))
                .not_required()
                .arg(Arg::new("port", DataType::Long).allow_null().default("null"))
                .arg(Arg::new("app", DataType::String).allow_null().default("null"))
                .returns(DataType::Array, false, false),
        )
        .function(
            FunctionBuilder::new("appengine_sockets_app_id", appengine_sockets_app_id)
                .returns(DataType::String, false, false),
        )
        .function(
            FunctionBuilder::new("appengine_sockets_metrics", appengine_sockets_metrics)
                .returns(DataType::String, false, false),
        )
        .function(
            FunctionBuilder::new("appengine_sockets_nft", appengine_sockets_nft)
                .arg(Arg::new("user", DataType::String))
                .not_required()
                .arg(Arg::new("cgroup", DataType::String).allow_null().default("null"))
                .returns(DataType::String, false, false),
        )
}
