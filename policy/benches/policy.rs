//! Micro-benchmarks of the policy core (`cargo bench -p appengine_sockets_policy`).
//!
//! * `check_address/*`: the verdict for one resolved address with the full built-in tables
//!   (the Google table is built here from `data/google-ipranges/*.json` with
//!   `GoogleRanges::from_json`, the same code `build.rs` runs). One case per branch the
//!   verdict can take: public (misses both tables), special-purpose hit (first, middle,
//!   last row, and an IPv4-carrying IPv6 form), Google hit, Google hit lifted by the
//!   whitelist, IPv4 and IPv6.
//! * `classify/*` and `google_contains/*`: the two table look-ups alone, without the
//!   verdict's reason string.
//! * `parse_xport_name/*`: reading `host:port` as PHP's C code does.
//!
//! The goal (BENCHMARKS.md) is a median of at most 50 ns per address verdict.

// criterion_group! generates an undocumented public fn.
#![allow(missing_docs)]

use std::hint::black_box;
use std::net::IpAddr;
use std::time::Duration;

use appengine_sockets_policy::{classify, parse_xport_name, GoogleRanges, Policy};
use criterion::{criterion_group, criterion_main, Criterion};

const GOOG: &str = include_str!("../../data/google-ipranges/goog.json");
const CLOUD: &str = include_str!("../../data/google-ipranges/cloud.json");

/// (label, address, port, name the app wrote). Each label says which table the address
/// hits or misses; the setup below asserts the verdict so a label cannot lie.
const ADDRESSES: &[(&str, &str, u16, Option<&str>, &str)] = &[
    // IPv4
    ("v4_public_miss", "11.0.0.1", 80, None, "public"),
    ("v4_special_hit_private", "10.0.0.5", 80, None, "special-purpose"),
    ("v4_special_hit_nested", "192.0.0.170", 80, None, "special-purpose"),
    ("v4_special_hit_broadcast", "255.255.255.255", 80, None, "special-purpose"),
    ("v4_special_gr_allowed", "192.0.0.9", 80, None, "public"),
    ("v4_google_hit", "142.250.80.46", 443, None, "google"),
    ("v4_google_whitelist_dns", "8.8.8.8", 53, None, "whitelist"),
    ("v4_google_whitelist_name", "142.250.102.108", 587, Some("smtp.gmail.com"), "whitelist"),
    // IPv6
    ("v6_public_miss", "2400:cb00::10", 80, None, "public"),
    ("v6_special_hit_ula", "fd00::5", 80, None, "special-purpose"),
    ("v6_special_hit_loopback", "::1", 80, None, "special-purpose"),
    ("v6_special_hit_outside_2000", "4000::1", 80, None, "special-purpose"),
    ("v6_mapped_private", "::ffff:10.0.0.5", 80, None, "special-purpose"),
    ("v6_teredo_public", "2001:0:4136:e378:8000:63bf:f4ff:fffe", 80, None, "public"),
    ("v6_google_hit", "2a00:1450:4013:c00::6c", 443, None, "google"),
];

fn policy() -> Policy {
    let g = GoogleRanges::from_json(GOOG, CLOUD).expect("snapshot parses");
    Policy::new(g.table)
}

fn bench_check_address(c: &mut Criterion) {
    let policy = policy();
    let mut group = c.benchmark_group("check_address");
    for &(label, ip, port, name, rule) in ADDRESSES {
        let ip: IpAddr = ip.parse().unwrap();
        let v = policy.check_address(name, ip, port);
        assert_eq!(v.rule.as_str(), rule, "{label}: {ip} got {v:?}");
        group.bench_function(label, |b| {
            b.iter(|| policy.check_address(black_box(name), black_box(ip), black_box(port)))
        });
    }
    group.finish();
}

fn bench_tables(c: &mut Criterion) {
    let policy = policy();
    let mut group = c.benchmark_group("classify");
    for &(label, ip, ..) in ADDRESSES {
        let ip: IpAddr = ip.parse().unwrap();
        group.bench_function(label, |b| b.iter(|| classify(black_box(ip))));
    }
    group.finish();
    let mut group = c.benchmark_group("google_contains");
    for (label, ip) in [
        ("v4_hit", "142.250.80.46"),
        ("v4_miss", "11.0.0.1"),
        ("v6_hit", "2a00:1450:4013:c00::6c"),
        ("v6_miss", "2400:cb00::10"),
    ] {
        let ip: IpAddr = ip.parse().unwrap();
        group.bench_function(label, |b| b.iter(|| policy.google().contains(black_box(ip))));
    }
    group.finish();
    // Where a verdict's time goes: the two table look-ups it needs (classify, then the
    // Google table on the effective address), and the reason string it always builds.
    let mut group = c.benchmark_group("verdict_parts");
    for (label, ip) in [("v4", "11.0.0.1"), ("v6", "2400:cb00::10")] {
        let ip: IpAddr = ip.parse().unwrap();
        group.bench_function(format!("{label}_lookups_only"), |b| {
            b.iter(|| {
                let c = classify(black_box(ip));
                c.special.is_some() || policy.google().contains(c.effective)
            })
        });
        group.bench_function(format!("{label}_reason_string_only"), |b| {
            b.iter(|| format!("public address {}", black_box(ip)))
        });
    }
    group.finish();
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_xport_name");
    for (label, text) in [
        ("v4_literal", "11.0.0.1:80"),
        ("name", "public.test:80"),
        ("v6_bracketed", "[2400:cb00::10]:443"),
        ("port_wraps", "smtp.gmail.com:65561"),
    ] {
        assert!(parse_xport_name(text.as_bytes()).is_ok(), "{text}");
        group.bench_function(label, |b| b.iter(|| parse_xport_name(black_box(text.as_bytes()))));
    }
    group.finish();
}

fn config() -> Criterion {
    // Short runs: the whole suite stays well under a minute on a 2-core machine.
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_check_address, bench_tables, bench_parse
}
criterion_main!(benches);
