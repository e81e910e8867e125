//! (c) The operator's text: `operator::parse_list` and `google::parse_ranges_file` (and
//! `GoogleRanges::from_json`) on arbitrary text. Errors are fine; panics are not.
//!
//! Invariants:
//! * a parsed operator list prints back (`Entry`'s `Display`) to text that parses to the
//!   same entries; no entry has host bits set; an error names the setting;
//! * a parsed ranges file has at least one prefix, each of the declared family;
//! * when the input holds a NUL, the text before it is taken as goog.json and the text
//!   after it as cloud.json; if both parse, the table `from_json` builds holds exactly the
//!   addresses in some goog prefix and in no cloud prefix, checked at every prefix's edges
//!   and one address either side, and its intervals are sorted, disjoint, non-adjacent.
#![no_main]

use std::net::IpAddr;

use appengine_sockets_policy::google::parse_ranges_file;
use appengine_sockets_policy::{parse_list, GoogleRanges, RangeTable};
use libfuzzer_sys::fuzz_target;

const SETTING: &str = "appengine_sockets.allow";

fn check_list(text: &str) {
    match parse_list(SETTING, text) {
        Ok(entries) => {
            assert!(entries.len() <= text.split(',').count());
            for e in &entries {
                assert_eq!(e.net.trunc(), e.net, "host bits kept in {e}");
            }
            let printed = entries.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
            let again = parse_list(SETTING, &printed).unwrap_or_else(|err| panic!("{printed:?} from {text:?}: {err}"));
            assert_eq!(again, entries, "round trip of {text:?} through {printed:?}");
        }
        Err(err) => {
            assert_eq!(err.setting, SETTING);
            assert!(err.to_string().starts_with(SETTING), "{err}");
            assert!(!err.problem.is_empty());
        }
    }
}

fn key(ip: IpAddr) -> (bool, u128) {
    match ip {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => (true, u128::from(a)),
    }
}

fn sorted_disjoint<T: Ord + Copy + std::fmt::Debug>(v: &[(T, T)], succ: impl Fn(T) -> Option<T>) {
    for &(a, b) in v {
        assert!(a <= b, "{v:?}");
    }
    for w in v.windows(2) {
        // Sorted, disjoint and not adjacent: a gap of at least one address between them.
        assert!(succ(w[0].1).is_some_and(|n| n < w[1].0), "{v:?}");
    }
}

fn check_table(t: &RangeTable) {
    sorted_disjoint(t.v4(), |x: u32| x.checked_add(1));
    sorted_disjoint(t.v6(), |x: u128| x.checked_add(1));
}

fn check_two_files(goog_text: &str, cloud_text: &str) {
    let (Ok(goog), Ok(cloud)) = (
        parse_ranges_file("goog.json", goog_text),
        parse_ranges_file("cloud.json", cloud_text),
    ) else {
        assert!(GoogleRanges::from_json(goog_text, cloud_text).is_err());
        return;
    };
    let g = GoogleRanges::from_json(goog_text, cloud_text).expect("both files parse");
    assert_eq!(g.provenance.goog_sync_token, goog.sync_token);
    assert_eq!(g.provenance.cloud_creation_time, cloud.creation_time);
    check_table(&g.table);
    check_table(&RangeTable::from_nets(goog.prefixes.iter().copied()));
    let inside = |nets: &[ipnet::IpNet], ip: IpAddr| nets.iter().any(|n| n.contains(&ip));
    let mut probes = Vec::new();
    for n in goog.prefixes.iter().chain(&cloud.prefixes).take(64) {
        for edge in [n.network(), n.broadcast()] {
            probes.push(edge);
            let (v6, x) = key(edge);
            for y in [x.wrapping_sub(1), x.wrapping_add(1)] {
                probes.push(if v6 {
                    IpAddr::V6(y.into())
                } else {
                    IpAddr::V4((y as u32).into())
                });
            }
        }
    }
    for ip in probes {
        let expected = inside(&goog.prefixes, ip) && !inside(&cloud.prefixes, ip);
        assert_eq!(
            g.table.contains(ip),
            expected,
            "{ip}: goog {goog_text:?} minus cloud {cloud_text:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_list(&text);
    if let Ok(f) = parse_ranges_file("goog.json", &text) {
        assert!(!f.prefixes.is_empty());
        let table = RangeTable::from_nets(f.prefixes.iter().copied());
        check_table(&table);
        for n in f.prefixes.iter().take(64) {
            assert!(table.contains(n.network()) && table.contains(n.broadcast()), "{n}");
        }
        // A file minus itself leaves nothing.
        assert!(GoogleRanges::from_json(&text, &text).unwrap().table.is_empty());
    }
    if let Some((a, b)) = text.split_once('\0') {
        check_list(a);
        check_two_files(a, b);
    }
});
