//! The module's lifecycle, on top of everything else: the module entry PHP loads, the ini
//! settings, start-up and shutdown (install and remove the enforcement points), request
//! start and end, the `appengine_sockets_check()` and `appengine_sockets_app_id()`
//! functions and phpinfo().

#![allow(unsafe_code)]

mod apps;
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
use crate::{idle, settings, state, zend};
use crate::zend::Call;

/// Module start-up: read the settings, build the policy (failing closed on a broken
/// setting, with a start-up warning naming it), and install the handlers and transport
/// wrappers.
fn startup() {
    let st = state::set(settings::build(|name| {
        if name == "sapi" {
            return zend::sapi_name();
        }
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    }));
    if let Some(reason) = st.closed_reason() {
        zend::startup_warning(&format!(
            "appengine_sockets: {reason}; every socket operation is refused until it is fixed"
        ));
    }
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
    state::set_request_error(settings::changed_since_startup(st.startup_values(), |name| {
        zend::ini_string(&std::ffi::CString::new(name).unwrap_or_default()).unwrap_or_default()
    }));
    enforce::libc::request_start();
}

/// The request's window closes (see [`window`]): no PHP code of the request runs after.
fn request_close() {
    enforce::libc::request_end();
}

/// This module's request end: forget per-request state (mocked options of the request's
/// sockets), and put on PHP's error log what libraries' threads could not, while the
/// request's own ini settings (its `error_log`) are still in force. (The window closes
/// later, and says what was queued after this too.)
fn request_end() {
    functions::forget_socket_options();
    idle::forget_sockets();
    crate::guard::say_unsaid();
}

/// The ini settings. All are PHP_INI_SYSTEM, so neither `ini_set()`, `php_value` nor a
/// `.user.ini` in app code can change them. The app id is read per request, so a pool's
/// or virtual host's `php_admin_value` and FastCGI's `PHP_ADMIN_VALUE` (which PHP applies
/// in system mode) set it; an app cannot claim another app's id.
static INI: IniEntryDefs<11> = IniEntryDefs::new([
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
    IniEntryDef::end(),
]);

unsafe extern "C" fn module_startup(_ty: i32, module_number: i32) -> i32 {
    IniEntryDef::register(INI.as_slice(), module_number);
    startup();
    0
}

/// `appengine_sockets_check(string $address, ?int $port = null): array`. Arguments go
/// through zend_parse_parameters, so coercion and strict_types are PHP's own.
extern "C" fn appengine_sockets_check(ex: &mut ExecuteData, rv: &mut Zval) {
    // SAFETY: the frame and return value PHP passed to this internal function.
    let mut call = unsafe { Call::from_raw((ex as *mut ExecuteData).cast(), rv) };
    if !call.parse(c"S|l!") {
        return;
    }
    let address = String::from_utf8_lossy(&call.arg_bytes(1).unwrap_or_default()).into_owned();
    let port = if call.arg_is_null(2) { None } else { call.arg_long(2) };
    match crate::check::check(&address, port) {
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
                .returns(DataType::Array, false, false),
        )
        .function(
            FunctionBuilder::new("appengine_sockets_app_id", appengine_sockets_app_id)
                .returns(DataType::String, false, false),
        )
}
