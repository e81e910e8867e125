//! (a) `parse_xport_name` and `php_atoi_port` on arbitrary bytes.
//!
//! * `php_atoi_port` agrees with the C library's own `atoi` (called for real, through
//!   FFI) narrowed to `u16`, and with the model in `models.rs`.
//! * `parse_xport_name` agrees with the model of PHP's `parse_ip_address_ex`; a parsed
//!   target's port is `php_atoi_port` of its port text, and the pieces put back together
//!   give the input.
#![no_main]

use std::ffi::{c_char, c_int, CString};

use appengine_sockets_policy::{parse_xport_name, php_atoi_port, TargetError};
use libfuzzer_sys::fuzz_target;

#[path = "../models.rs"]
mod models;
use models::{glibc_atoi_u16, parse_ip_address_ex, XportModel};

extern "C" {
    fn atoi(s: *const c_char) -> c_int;
}

/// The real thing: the C library's atoi, on the C string the bytes make (up to a NUL).
fn libc_atoi_u16(bytes: &[u8]) -> u16 {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let c = CString::new(&bytes[..end]).expect("no interior NUL");
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    let v = unsafe { atoi(c.as_ptr()) };
    v as u16
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fuzz_target!(|data: &[u8]| {
    let port = php_atoi_port(data);
    assert_eq!(port, libc_atoi_u16(data), "php_atoi_port vs libc atoi on {data:?}");
    assert_eq!(port, glibc_atoi_u16(data), "php_atoi_port vs model on {data:?}");

    let got = parse_xport_name(data);
    match (parse_ip_address_ex(data), &got) {
        (
            XportModel::Ok {
                host,
                port,
                port_text,
                bracketed,
            },
            Ok(t),
        ) => {
            assert_eq!(t.host, lossy(&host), "host of {data:?}");
            assert_eq!(t.port, port, "port of {data:?}");
            assert_eq!(t.port_text, lossy(&port_text), "port text of {data:?}");
            assert_eq!(t.bracketed, bracketed, "brackets of {data:?}");
            assert_eq!(t.port, php_atoi_port(&port_text));
            let mut back = Vec::new();
            if bracketed {
                back.push(b'[');
                back.extend_from_slice(&host);
                back.extend_from_slice(b"]:");
            } else {
                back.extend_from_slice(&host);
                back.push(b':');
            }
            back.extend_from_slice(&port_text);
            assert_eq!(back, data);
        }
        (XportModel::Ipv6, Err(TargetError::Ipv6(text))) | (XportModel::NoPort, Err(TargetError::NoPort(text))) => {
            assert_eq!(*text, lossy(data));
        }
        (XportModel::Nul, Err(TargetError::Nul)) => {}
        (model, got) => panic!("parse_xport_name({data:?}) = {got:?}, model says {model:?}"),
    }
    // Errors render to a non-empty message (it becomes the PHP warning).
    if let Err(e) = got {
        assert!(!e.to_string().is_empty());
    }
});
