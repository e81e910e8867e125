//! (d) `special::classify` on arbitrary addresses: the first 16 bytes of the input as an
//! IPv6 address and the first 4 as an IPv4 one (short inputs are padded with zeros).
//!
//! Invariants:
//! * the crate's verdict (address judged, embedding, refusing row) equals the model built
//!   from `data/iana-special-purpose.tsv` by linear scan (`models.rs`);
//! * whatever std's `Ipv4Addr`/`Ipv6Addr` predicates call private, loopback, link-local,
//!   multicast, broadcast, documentation, unspecified or unique-local is refused;
//! * the IPv4 address, carried in each IPv6 form (mapped, compatible, NAT64, 6to4 with the
//!   input's suffix, Teredo with the input's server/flags/port), is classified as itself,
//!   and gets the same `check_address` verdict (allowed, rule) on the input's port.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use appengine_sockets_policy::special::Embedding;
use appengine_sockets_policy::{classify, GoogleRanges, Policy};
use libfuzzer_sys::fuzz_target;

#[path = "../models.rs"]
mod models;
use models::{embed, model_classify, registry_rows, Row, EMBEDDINGS};

static ROWS: LazyLock<Vec<Row>> = LazyLock::new(registry_rows);
static POLICY: LazyLock<Policy> = LazyLock::new(|| {
    let g = GoogleRanges::from_json(
        include_str!("../../../data/google-ipranges/goog.json"),
        include_str!("../../../data/google-ipranges/cloud.json"),
    )
    .unwrap();
    Policy::new(g.table)
});

fn same_as_model(ip: IpAddr) {
    let got = classify(ip);
    let model = model_classify(&ROWS, ip);
    assert_eq!(got.effective, model.effective, "{ip}");
    assert_eq!(got.embedding, model.embedding, "{ip}");
    assert_eq!(got.special.map(|s| s.prefix), model.refused_by, "{ip}: {got:?}");
    assert_eq!(got.is_refused(), got.special.is_some());
    if let Some(s) = got.special {
        assert!(!s.globally_reachable && !s.kind.is_empty() && !s.to_string().is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = [0u8; 18];
    let n = data.len().min(18);
    b[..n].copy_from_slice(&data[..n]);
    let mut o6 = [0u8; 16];
    o6.copy_from_slice(&b[..16]);
    let v6 = Ipv6Addr::from(o6);
    let v4 = Ipv4Addr::new(b[0], b[1], b[2], b[3]);
    let port = u16::from_be_bytes([b[16], b[17]]);

    same_as_model(IpAddr::V6(v6));
    same_as_model(IpAddr::V4(v4));

    if v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_broadcast()
        || v4.is_documentation()
        || v4.is_multicast()
        || v4.is_unspecified()
    {
        assert!(classify(IpAddr::V4(v4)).is_refused(), "{v4}");
    }
    if v6.is_loopback()
        || v6.is_unspecified()
        || v6.is_multicast()
        || v6.is_unique_local()
        || v6.is_unicast_link_local()
    {
        assert!(classify(IpAddr::V6(v6)).is_refused(), "{v6}");
    }
    if let Some(a) = v6.to_ipv4_mapped() {
        assert_eq!(classify(IpAddr::V6(v6)).effective, IpAddr::V4(a), "{v6}");
    }

    let plain = classify(IpAddr::V4(v4));
    let verdict = POLICY.check_address(None, IpAddr::V4(v4), port);
    for how in EMBEDDINGS {
        if how == Embedding::Compatible && u32::from(v4) <= 1 {
            continue; // :: and ::1 are rows of their own
        }
        let form = embed(how, v4, u128::from(v6));
        let c = classify(IpAddr::V6(form));
        assert_eq!(c.effective, IpAddr::V4(v4), "{form}");
        assert_eq!(c.embedding, Some(how), "{form}");
        assert_eq!(
            c.special.map(|s| s.prefix),
            plain.special.map(|s| s.prefix),
            "{form} vs {v4}"
        );
        let v = POLICY.check_address(None, IpAddr::V6(form), port);
        assert_eq!(
            (v.allowed, v.rule),
            (verdict.allowed, verdict.rule),
            "{form} vs {v4} port {port}: {v:?} / {verdict:?}"
        );
    }
});
