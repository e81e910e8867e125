//! One PHP call in progress: a replaced function's frame and return value, read and
//! written as the Zend engine does (ZEND_CALL_ARG, zend_parse_parameters, RETURN_*).

use std::cell::Cell;
use std::ffi::CStr;
use std::ptr;

use ext_php_rs::ffi::{self, zend_execute_data, zval};
use ext_php_rs::types::Zval;

use super::socket::{sockaddr_to_std, AddrInfo, CAddrInfo, SocketRef};
use super::{
    class_entry, is_internal_class, value_error, zend_parse_parameters, zend_try_assign_typed_ref_long, zval_get_long_func,
};

extern "C" {
    fn php_file_le_stream() -> std::ffi::c_int;
    fn php_file_le_pstream() -> std::ffi::c_int;
}

/// A Zend internal function handler.
pub type Handler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);

/// One PHP call in progress: the frame and return value of a replaced function.
pub struct Call {
    ex: *mut zend_execute_data,
    rv: *mut zval,
}

/// The handler a replaced function had before the extension started.
#[derive(Clone, Copy)]
pub struct Original(Handler);

impl Original {
    /// # Safety
    /// `raw` was read from a valid handler pointer.
    pub unsafe fn from_raw(raw: usize) -> Self {
        // SAFETY: as documented.
        Original(unsafe { std::mem::transmute::<usize, Handler>(raw) })
    }
}

impl Original {
    /// Run the original function on this call, as if it had not been replaced.
    pub fn call(self, call: &mut Call) {
        // SAFETY: the frame and return value are the ones PHP gave the replaced handler.
        unsafe { (self.0)(call.ex, call.rv) }
    }
}

impl Call {
    /// The call PHP handed an internal function handler.
    ///
    /// # Safety
    /// `ex` and `rv` are the live frame and return value of the running internal function.
    pub unsafe fn from_raw(ex: *mut zend_execute_data, rv: *mut zval) -> Self {
        Call { ex, rv }
    }

    fn num_args(&self) -> u32 {
        // SAFETY: `ex` is a live frame (ZEND_CALL_NUM_ARGS).
        unsafe { (*self.ex).This.u2.num_args }
    }

    /// Argument `n` (1-based), as PHP's ZEND_CALL_ARG finds it.
    fn arg_ptr(&self, n: u32) -> Option<*mut zval> {
        if n == 0 || n > self.num_args() {
            return None;
        }
        let slot = std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
        // SAFETY: arguments follow the frame header, and n <= num_args.
        Some(unsafe { (self.ex as *mut zval).add(slot + n as usize - 1) })
    }

    /// The string value of argument `n`, if it is a string.
    pub fn arg_bytes(&self, n: u32) -> Option<Vec<u8>> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { &*p };
        zv.dereference().zend_str().map(|s| s.as_bytes().to_vec())
    }

    /// Run `original` with argument `n` replaced by a string (the checked literal).
    pub fn call_with_arg_string(&mut self, n: u32, value: &CStr, original: Original) {
        let mut z = Zval::new();
        let _ = z.set_string(&value.to_string_lossy(), false);
        self.call_with_arg(n, z, original);
    }

    /// Run `original` with argument `n` replaced by `replacement`, then release the
    /// replacement and put the app's argument back. (The frame keeps ownership of what the
    /// caller passed: the JIT skips freeing arguments it knows are literals, so a value left
    /// in the slot would leak.)
    fn call_with_arg(&mut self, n: u32, replacement: Zval, original: Original) {
        let Some(p) = self.arg_ptr(n) else {
            drop(replacement);
            return original.call(self);
        };
        // SAFETY: a live argument slot of this frame. The app's zval is moved out bitwise
        // (no refcount change) and moved back after the call; ours is dropped (released).
        unsafe {
            let saved = std::mem::ManuallyDrop::new(ptr::read(p));
            ptr::write(p, replacement);
            original.call(self);
            drop(ptr::read(p));
            ptr::write(p, std::mem::ManuallyDrop::into_inner(saved));
        }
    }

    /// Assign an integer through the by-reference argument `n`, as ZEND_TRY_ASSIGN_REF_LONG.
    pub fn assign_ref_long(&mut self, n: u32, value: i64) {
        if let Some(p) = self.arg_ptr(n) {
            // SAFETY: by-reference arguments arrive as IS_REFERENCE zvals.
            unsafe {
                let zv: &mut Zval = &mut *p;
                if zv.is_reference() {
                    zend_try_assign_typed_ref_long(zv.value.ref_, value);
                }
            }
        }
    }

    /// Return `false` from the call.
    pub fn return_false(&mut self) {
        // SAFETY: the return value slot PHP gave the handler.
        unsafe { (*self.rv).set_bool(false) };
    }

    /// Raise an E_WARNING attributed to the running function ("fsockopen(): ...").
    pub fn warn(&self, message: &str) {
        super::warn(message);
    }

    /// Validate (and, in weak mode, coerce in place) the arguments as
    /// `zend_parse_parameters(spec)` would, with PHP's own TypeError/ArgumentCountError on
    /// failure. After it succeeds the arguments in the frame have their declared types,
    /// so what the policy reads is what the original function will read.
    ///
    /// Integer arguments (`l`) are written back into the frame as the integers zpp
    /// computed (zpp converts strings and floats only into its output), so a later read
    /// and the original function both see the very port or number the policy judged.
    ///
    /// Only the letters `l S z o O a r`, `|` and `!` (after `l` or a pointer letter) are
    /// accepted; each writes one machine word, `l!` two. `O` is an object of the next class
    /// of `classes` (lower-case names, as ext/sockets' own `O` specs name `Socket` and
    /// `AddressInfo`), so a wrong argument reads "must be of type Socket, bool given" as in
    /// stock PHP. Twelve vararg slots are always passed, more than any accepted spec of
    /// this crate consumes.
    pub fn parse_objects(&mut self, spec: &CStr, classes: &[&CStr]) -> bool {
        if self.args_match_exactly(spec, classes) {
            // zend_parse_parameters would accept every argument as it is: no coercion to
            // write back, no error to raise. (The common case, and a second full parse of
            // the arguments would cost more than the whole verdict.)
            return true;
        }
        let bytes = spec.to_bytes();
        let ok = bytes.iter().all(|c| b"lSzoOar|!".contains(c))
            && bytes.windows(2).all(|w| w[1] != b'!' || b"lSzoar".contains(&w[0]))
            && bytes.iter().filter(|c| **c == b'O').count() == classes.len();
        let slots = bytes.iter().filter(|c| b"lSzoar".contains(c)).count()
            + 2 * bytes.iter().filter(|c| **c == b'O').count()
            + bytes.windows(2).filter(|w| w == b"l!").count();
        if !ok || slots > 12 {
            return false;
        }
        let mut store = [0u64; 12];
        let p = store.as_mut_ptr();
        // Each vararg points into `store`, except an `O`'s second one, which is the class
        // entry itself (zpp reads it as a value).
        let mut args: [*mut u64; 12] = std::array::from_fn(|i| p.wrapping_add(i));
        let (mut slot, mut class) = (0usize, 0usize);
        for (i, c) in bytes.iter().enumerate() {
            match c {
                b'O' => {
                    let ce = class_entry(classes[class]).unwrap_or(ptr::null_mut());
                    args[slot + 1] = ce.cast();
                    class += 1;
                    slot += 2;
                }
                b'l' if bytes.get(i + 1) == Some(&b'!') => slot += 2,
                b'|' | b'!' => {}
                _ => slot += 1,
            }
        }
        let n = self.num_args();
        // SAFETY: every accepted letter writes one word (or, for the `!` flag of `l`, one
        // extra word) through the next pointer, all of which point into `store`; an `O`
        // reads its class entry (or null: any object) from the slot after its own.
        let rc = unsafe {
            zend_parse_parameters(
                n,
                spec.as_ptr(),
                args[0],
                args[1],
                args[2],
                args[3],
                args[4],
                args[5],
                args[6],
                args[7],
                args[8],
                args[9],
                args[10],
                args[11],
            )
        };
        if rc != 0 {
            return false;
        }
        // Write the integers back into the frame.
        let (mut arg, mut slot, n_args) = (1u32, 0usize, self.num_args());
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let nullable = bytes.get(i + 1) == Some(&b'!');
            match c {
                b'|' | b'!' => {}
                b'O' => {
                    slot += 2;
                    arg += 1;
                }
                b'l' => {
                    let is_null = nullable && store[slot + 1] & 0xff != 0;
                    if arg <= n_args && !is_null {
                        if let Some(p) = self.arg_ptr(arg) {
                            // SAFETY: a live argument zval owned by the frame.
                            unsafe { (*p).set_long(store[slot] as i64) };
                        }
                    }
                    slot += if nullable { 2 } else { 1 };
                    arg += 1;
                }
                _ => {
                    slot += 1;
                    arg += 1;
                }
            }
            i += 1;
        }
        true
    }

    /// [`Call::parse_objects`] for a spec without `O`.
    pub fn parse(&mut self, spec: &CStr) -> bool {
        self.parse_objects(spec, &[])
    }

    /// Whether the argument count fits `spec` and every argument already has exactly the
    /// type its letter asks for (`l` int, `S` string, `o` object, `O` an object of the next
    /// class of `classes`, `a` array, `r` resource, `z` anything; `!` also null), so that
    /// zend_parse_parameters would take them all unchanged. Any other letter or type
    /// answers false (zend_parse_parameters decides, and raises its own error).
    fn args_match_exactly(&self, spec: &CStr, classes: &[&CStr]) -> bool {
        let Some(want) = ArgTypes::of(spec) else { return false };
        let n = self.num_args() as usize;
        if n < usize::from(want.min) || n > usize::from(want.max) || usize::from(want.objects) != classes.len() {
            return false;
        }
        let slot = std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
        // SAFETY: arguments follow the frame header (ZEND_CALL_ARG); only the first `n` are
        // read.
        let first = unsafe { (self.ex as *const zval).add(slot) };
        let mut class = 0;
        (0..n).all(|k| {
            // SAFETY: argument k < num_args; its type byte (Z_TYPE).
            let arg = unsafe { &*first.add(k) };
            let t = unsafe { arg.u1.v.type_ };
            let w = ((want.types >> (4 * k)) & 0xf) as u8;
            if (want.nullable >> k) & 1 == 1 && t == IS_NULL {
                // (An `O!` given null consumes its class all the same.)
                class += usize::from(w == OBJECT_OF_CLASS);
                return true;
            }
            match w {
                ANY => true,
                OBJECT_OF_CLASS => {
                    let name = classes[class];
                    class += 1;
                    // SAFETY: an object zval's object and its class entry are live.
                    t == IS_OBJECT && unsafe { is_internal_class((*arg.value.obj).ce, name) }
                }
                w => t == w,
            }
        })
    }

    /// The string value of argument `n`, if it is a string, borrowed from the frame.
    pub fn arg_str(&self, n: u32) -> Option<&[u8]> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval; the frame owns the string for the whole call.
        let zv: &Zval = unsafe { &*p };
        zv.dereference().zend_str().map(|s| s.as_bytes())
    }

    /// Integer argument `n`, if it is an int.
    pub fn arg_long(&self, n: u32) -> Option<i64> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        unsafe { (*p).dereference().long() }
    }

    /// Argument `n` converted to int as `zval_get_long` would.
    pub fn arg_coerce_long(&self, n: u32) -> i64 {
        // SAFETY: a live argument zval.
        self.arg_ptr(n)
            .and_then(|p| unsafe { (*p).dereference().coerce_to_long() })
            .unwrap_or(0)
    }

    /// Whether argument `n` is absent or null.
    pub fn arg_is_null(&self, n: u32) -> bool {
        // SAFETY: a live argument zval.
        self.arg_ptr(n).is_none_or(|p| unsafe { (*p).dereference().is_null() })
    }

    /// Argument `n` as an open ext/sockets `Socket`, if it is one (a closed Socket is
    /// left to the original function, which throws its own Error).
    pub fn arg_socket(&self, n: u32) -> Option<SocketRef> {
        let obj = self.arg_object(n, c"socket")?;
        let s = SocketRef::from_object(obj);
        (s.fd() >= 0).then_some(s)
    }

    /// Argument `n` as an ext/sockets `AddressInfo`: its family, type, protocol and
    /// destination (a literal socket address; no name is left in it).
    pub fn arg_addrinfo(&self, n: u32) -> Option<AddrInfo> {
        let obj = self.arg_object(n, c"addressinfo")?;
        // SAFETY: an AddressInfo object is a php_addrinfo { struct addrinfo; zend_object std; }.
        unsafe {
            let ai = &*((obj as *mut u8).sub(std::mem::size_of::<CAddrInfo>()) as *const CAddrInfo);
            Some(AddrInfo {
                family: i64::from(ai.ai_family),
                socktype: i64::from(ai.ai_socktype),
                protocol: i64::from(ai.ai_protocol),
                addr: sockaddr_to_std(ai.ai_addr, ai.ai_addrlen),
            })
        }
    }

    fn arg_object(&self, n: u32, class_lc: &CStr) -> Option<*mut ffi::zend_object> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval; class entries live for the process.
        unsafe {
            let zv = (*p).dereference();
            if !zv.is_object() {
                return None;
            }
            let obj = zv.value.obj;
            is_internal_class((*obj).ce, class_lc).then_some(obj)
        }
    }

    /// The open Sockets in the array argument `n` (by reference, as socket_select takes).
    pub fn arg_sockets(&self, n: u32) -> Vec<SocketRef> {
        let Some(p) = self.arg_ptr(n) else { return Vec::new() };

        // SAFETY: a live argument zval; its array's values are live zvals.
        unsafe {
            let Some(arr) = (*p).dereference().array() else { return Vec::new() };
            arr.values()
                .filter_map(|v| {
                    let v = v.dereference();
                    if !v.is_object() || !is_internal_class((*v.value.obj).ce, c"socket") {
                        return None;
                    }
                    let s = SocketRef::from_object(v.value.obj);
                    (s.fd() >= 0).then_some(s)
                })
                .collect()
        }
    }

    /// Whether `socket_sendmsg()`'s `$message["control"]` carries IP_PKTINFO or
    /// IPV6_PKTINFO, which pick the datagram's source address.
    pub fn sendmsg_sets_source_address(&self, n: u32) -> bool {
        const PKTINFO: &[(i64, i64)] = &[(0, 8), (41, 50)];
        let Some(p) = self.arg_ptr(n) else { return false };
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let Some(control) = zv.array().and_then(|m| m.get("control")).and_then(Zval::array) else {
            return false;
        };
        control.values().filter_map(Zval::array).any(|cmsg| {
            let level = cmsg.get("level").and_then(Zval::coerce_to_long);
            let kind = cmsg.get("type").and_then(Zval::coerce_to_long);
            matches!((level, kind), (Some(l), Some(t)) if PKTINFO.contains(&(l, t)))
        })
    }

    /// `socket_sendmsg()`'s destination: `$message["name"]["addr"]` and `["port"]`.
    pub fn sendmsg_name(&self, n: u32) -> Option<(Vec<u8>, Option<i64>)> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let name = zv.array()?.get("name")?.array()?;
        let addr = name.get("addr")?.dereference();
        // A non-string address is coerced as ext/sockets would; one that cannot be is
        // judged as the empty name, which is refused.
        let addr = match addr.zend_str() {
            Some(s) => s.as_bytes().to_vec(),
            None => addr.coerce_to_string().unwrap_or_default().into_bytes(),
        };
        let port = match name.get("port").map(Zval::dereference) {
            None => Some(0),
            Some(p) => ext_sockets_integer(p),
        };
        Some((addr, port))
    }

    /// Replace `$message["name"]` with a copy whose `addr` is `literal` and whose `port` is
    /// the integer the policy judged (the app's array is never modified).
    pub fn call_with_sendmsg_name(&mut self, n: u32, literal: &CStr, port: i64, original: Original) {
        let copy = self.arg_ptr(n).and_then(|p| {
            // SAFETY: a live argument zval.
            let zv: &Zval = unsafe { (*p).dereference() };
            let message = zv.array()?;
            let mut name = message.get("name").and_then(Zval::array)?.to_owned();
            let mut message = message.to_owned();
            name.insert("addr", literal.to_string_lossy().as_ref()).ok()?;
            name.insert("port", port).ok()?;
            message.insert("name", name).ok()?;
            Some(message)
        });
        match copy {
            Some(message) => {
                let mut z = Zval::new();
                z.set_hashtable(message);
                self.call_with_arg(n, z, original);
            }
            None => original.call(self),
        }
    }

    /// Return an int.
    pub fn return_long(&mut self, value: i64) {
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_long(value) };
    }

    /// Return `true`.
    pub fn return_true(&mut self) {
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_bool(true) };
    }

    /// Return `['l_onoff' => on, 'l_linger' => linger]`, as socket_get_option(SO_LINGER).
    pub fn return_linger(&mut self, on: i64, linger: i64) {
        let mut arr = ext_php_rs::types::ZendHashTable::new();
        let _ = arr.insert("l_onoff", on);
        let _ = arr.insert("l_linger", linger);
        // SAFETY: the return value slot.
        unsafe { (*self.rv).set_hashtable(arr) };
    }

    /// The object handle of the returned object, if the call returned one.
    pub fn returned_object_handle(&self) -> Option<u32> {
        // SAFETY: the return value slot, after the original ran.
        unsafe {
            let rv = &*self.rv;
            rv.is_object().then(|| (*rv.value.obj).handle)
        }
    }

    /// The ops label of the stream in resource argument `n` (`tcp_socket`, `udp_socket`,
    /// `tcp_socket/ssl`, `MEMORY`, ...), or `None` when it is not an open stream (the
    /// original function then throws PHP's own TypeError).
    pub fn arg_stream_label(&self, n: u32) -> Option<Vec<u8>> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval; a resource of PHP's stream types holds a php_stream,
        // whose ops table and label live as long as the stream.
        unsafe {
            let res = (*p).dereference().resource()?;
            if res.is_null() || ((*res).type_ != php_file_le_stream() && (*res).type_ != php_file_le_pstream()) {
                return None;
            }
            let stream = (*res).ptr.cast::<ffi::php_stream>();
            if stream.is_null() || (*stream).ops.is_null() || (*(*stream).ops).label.is_null() {
                return None;
            }
            Some(CStr::from_ptr((*(*stream).ops).label).to_bytes().to_vec())
        }
    }

    /// Argument `n` converted to int as ext/sockets' `convert_to_long` does (PHP's own
    /// `zval_get_long`: "5" is 5, `[1]` is 1, an object 1 with PHP's warning).
    pub fn arg_zval_long(&self, n: u32) -> i64 {
        // SAFETY: a live argument zval; zval_get_long_func only reads it.
        self.arg_ptr(n).map_or(0, |p| unsafe { zval_get_long_func(p, false) })
    }

    /// An array option value of socket_set_option (`SO_LINGER`'s `l_onoff`/`l_linger`,
    /// `SO_RCVTIMEO`'s `sec`/`usec`), read as ext/sockets reads it: `convert_to_array`
    /// (an object gives its properties, anything else has none of these keys), each key
    /// looked up in order with ext/sockets' ValueError for a missing one, then each value
    /// converted by `zval_get_long`. `None` when the ValueError was thrown.
    ///
    /// PHP 8.4's ext/sockets takes only an array or an object, and throws a TypeError
    /// naming `option` ("SO_LINGER") for anything else; 8.2's converts it to an array,
    /// which has none of the keys (the ValueError for the first).
    pub fn option_array_longs<const N: usize>(&self, n: u32, option: &str, keys: [&str; N]) -> Option<[i64; N]> {
        let p = self.arg_ptr(n)?;
        // SAFETY: a live argument zval.
        let zv: &Zval = unsafe { (*p).dereference() };
        let table = match zv.array() {
            Some(a) => Some(a),
            None => match zv.object() {
                Some(o) => o.get_properties().ok(),
                None => {
                    #[cfg(php84)]
                    {
                        // SAFETY: the live argument zval, dereferenced as ext/sockets does.
                        let given = unsafe { super::value_name(ptr::from_ref(zv).cast()) };
                        super::type_error(n, &format!("must be of type array when argument #3 ($option) is {option}, {given} given"));
                        return None;
                    }
                    #[cfg(not(php84))]
                    {
                        let _ = option;
                        None
                    }
                }
            },
        };
        let mut found = [ptr::null_mut::<zval>(); N];
        for (slot, key) in found.iter_mut().zip(keys) {
            match table.and_then(|t| t.get(key)) {
                Some(v) => *slot = ptr::from_ref(v).cast_mut(),
                None => {
                    value_error(n, &format!("must have key \"{key}\""));
                    return None;
                }
            }
        }
        // SAFETY: live zvals of the argument's table; zval_get_long_func only reads them.
        Some(found.map(|v| unsafe { zval_get_long_func(v, false) }))
    }
}

/// An integer as ext/sockets' conversions read one (`from_zval_integer_common`): ints as
/// they are, floats truncated, numeric strings (ints or floats, surrounding white space
/// allowed) by value; anything else is None (ext/sockets raises an error for it).
fn ext_sockets_integer(v: &Zval) -> Option<i64> {
    if let Some(l) = v.long() {
        return Some(l);
    }
    if let Some(d) = v.double() {
        return d.is_finite().then_some(d as i64);
    }
    let s = v.zend_str()?;
    let text = std::str::from_utf8(s.as_bytes()).ok()?;
    let t = text.trim_matches(|c: char| " \t\n\r\x0b\x0c".contains(c));
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) {
        return None;
    }
    t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().filter(|d| d.is_finite()).map(|d| d as i64))
}

const IS_NULL: u8 = 1;
const IS_LONG: u8 = 4;
const IS_STRING: u8 = 6;
const IS_ARRAY: u8 = 7;
const IS_OBJECT: u8 = 8;
const IS_RESOURCE: u8 = 9;
/// `z`: any type.
const ANY: u8 = 0;
/// `O`: an object of a given class.
const OBJECT_OF_CLASS: u8 = 15;

/// A zend_parse_parameters spec compiled for the exact-type check of
/// [`Call::parse`]: for each argument (up to 8) the one zval type that needs no
/// coercion (4 bits each), which ones may also be null, and the argument count's range.
#[derive(Clone, Copy, Default)]
struct ArgTypes {
    types: u32,
    nullable: u8,
    min: u8,
    max: u8,
    objects: u8,
}

impl ArgTypes {
    /// `None` for a spec with another letter or more than 8 arguments.
    fn compile(spec: &[u8]) -> Option<ArgTypes> {
        let mut t = ArgTypes::default();
        let mut required = None;
        for (i, &c) in spec.iter().enumerate() {
            let k = t.max;
            let want = match c {
                b'|' => {
                    required.get_or_insert(k);
                    continue;
                }
                // (As parse_objects: `!` only after `l` or a pointer letter, not `O`.)
                b'!' if i > 0 && k > 0 && spec[i - 1] != b'O' => {
                    t.nullable |= 1 << (k - 1);
                    continue;
                }
                b'l' => IS_LONG,
                b'S' => IS_STRING,
                b'o' => IS_OBJECT,
                b'O' => {
                    t.objects += 1;
                    OBJECT_OF_CLASS
                }
                b'a' => IS_ARRAY,
                b'r' => IS_RESOURCE,
                b'z' => ANY,
                _ => return None,
            };
            if k >= 8 {
                return None;
            }
            t.types |= u32::from(want) << (4 * k);
            t.max += 1;
        }
        t.min = required.unwrap_or(t.max);
        Some(t)
    }

    /// The compiled form of `spec`, from a small per-thread cache keyed by the spec's
    /// address (every spec is a constant of this crate).
    fn of(spec: &CStr) -> Option<ArgTypes> {
        const WAYS: usize = 16;
        thread_local! {
            static CACHE: [Cell<(usize, Option<ArgTypes>)>; WAYS] =
                const { [const { Cell::new((0, None)) }; WAYS] };
        }
        let key = spec.as_ptr() as usize;
        let way = (key >> 2) % WAYS;
        CACHE.with(|c| {
            let (k, t) = c[way].get();
            if k == key {
                return t;
            }
            let t = ArgTypes::compile(spec.to_bytes());
            c[way].set((key, t));
            t
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_compile_to_types_and_counts() {
        let t = ArgTypes::compile(b"oSllS|l!").unwrap();
        assert_eq!((t.min, t.max, t.nullable), (5, 6, 0b10_0000));
        let types: Vec<u32> = (0..6).map(|k| (t.types >> (4 * k)) & 0xf).collect();
        assert_eq!(types, [8, 6, 4, 4, 6, 4]);
        let t = ArgTypes::compile(b"rS|lS").unwrap();
        assert_eq!((t.min, t.max), (2, 4));
        let t = ArgTypes::compile(b"ollz").unwrap();
        assert_eq!((t.min, t.max, (t.types >> 12) & 0xf), (4, 4, 0));
        let t = ArgTypes::compile(b"Ol|Oa!").unwrap();
        assert_eq!((t.min, t.max, t.objects, t.nullable, t.types & 0xf), (2, 4, 2, 0b1000, 15));
        assert!(ArgTypes::compile(b"O!").is_none());
        assert!(ArgTypes::compile(b"s").is_none());
        assert!(ArgTypes::compile(b"lllllllll").is_none());
    }
}
