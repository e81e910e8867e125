//! A plain loop over one policy call, for counting instructions with callgrind (run by
//! `bench/core-ir.sh`; BENCHMARKS.md has the figures). Wall-time figures come from the
//! criterion suite in `policy.rs`; this one exists because instruction counts repeat to
//! the instruction on a noisy machine and wall times do not.
//!
//! usage: verdict_loop (check_address|classify|parse_xport_name|parse_ip|acl_decide|acl_decide_small|acl_decide_names|acl_apply) INPUT N
//!
//! The acl_* calls judge the host name INPUT on port 443 for app `bench` with an ACL of
//! 10,000 entries (5,000 names, 5,000 `*.` globs, half of them port-qualified, and a few
//! global entries; `acl_decide_small`: 10 entries), as [`appengine_sockets_policy::Acl`]
//! is asked for every connect by name: `Acl::decide_host`, the one host a stream or a
//! socket names; `acl_decide_names`: `Acl::decide` over a list of one name, as the libc
//! layer asks; `acl_apply`: `Acl::narrow_host` on the verdict of `check_address`.
//!
//! With no arguments (as `cargo bench` runs it) it does nothing.

// A bench target's main is not public API.
#![allow(missing_docs)]

use std::hint::black_box;
use std::net::IpAddr;

use appengine_sockets_policy::{classify, parse_ip, parse_xport_name, Acl, GoogleRanges, Policy};

const GOOG: &str = include_str!("../../data/google-ipranges/goog.json");
const CLOUD: &str = include_str!("../../data/google-ipranges/cloud.json");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [what, input, n] = args.as_slice() else {
        return;
    };
    let n: usize = n.parse().expect("N is a count");
    let policy = Policy::new(GoogleRanges::from_json(GOOG, CLOUD).expect("snapshot parses").table);
    let mut sink = 0usize;
    match what.as_str() {
        "check_address" => {
            let ip: IpAddr = input.parse().expect("an address");
            for _ in 0..n {
                sink += usize::from(policy.check_address(None, black_box(ip), black_box(80)).allowed);
            }
        }
        "classify" => {
            let ip: IpAddr = input.parse().expect("an address");
            for _ in 0..n {
                sink += usize::from(classify(black_box(ip)).is_refused());
            }
        }
        "parse_xport_name" => {
            for _ in 0..n {
                sink += usize::from(parse_xport_name(black_box(input.as_bytes())).is_ok());
            }
        }
        "parse_ip" => {
            for _ in 0..n {
                sink += usize::from(parse_ip(black_box(input.as_bytes())).is_some());
            }
        }
        "acl_decide" | "acl_decide_small" | "acl_decide_names" | "acl_apply" => {
            let acl = Acl::parse(&acl_text(if what == "acl_decide_small" { 5 } else { 5000 })).expect("the bench ACL parses");
            let role = acl.role("bench");
            let name = input.as_str();
            if what == "acl_apply" {
                let ip: IpAddr = "11.0.0.1".parse().expect("an address");
                for _ in 0..n {
                    let mut v = policy.check_address(None, black_box(ip), 443);
                    let _ = acl.narrow_host(&mut v, role, "bench", black_box(name), black_box(443));
                    sink += usize::from(v.allowed);
                }
            } else if what == "acl_decide_names" {
                for _ in 0..n {
                    sink += acl.decide(role, &[black_box(name)], black_box(443)).result as usize;
                }
            } else {
                for _ in 0..n {
                    sink += acl.decide_host(role, black_box(name), black_box(443)).result as usize;
                }
            }
        }
        other => panic!("unknown call {other}"),
    }
    println!("{sink}");
}

/// An ACL whose `bench` service has 2 x `pairs` entries.
fn acl_text(pairs: usize) -> String {
    let mut t = String::from("version: v1\nservices:\n  - name: bench\n    action: enforce\n    allowed_domains:\n");
    for i in 0..pairs {
        let port = if i % 2 == 0 { ":443" } else { "" };
        t.push_str(&format!("      - host{i}.example{}.com{port}\n      - \"*.svc{i}.example.net\"\n", i % 97));
    }
    t.push_str("global_deny_list: [pastebin.com, \"*.evil.test\"]\nglobal_allow_list: [status.example.org]\n");
    t
}
