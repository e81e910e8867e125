//! A plain loop over one policy call, for counting instructions with callgrind (run by
//! `bench/core-ir.sh`; BENCHMARKS.md has the figures). Wall-time figures come from the
//! criterion suite in `policy.rs`; this one exists because instruction counts repeat to
//! the instruction on a noisy machine and wall times do not.
//!
//! usage: verdict_loop (check_address|classify|parse_xport_name|parse_ip) INPUT N
//!
//! With no arguments (as `cargo bench` runs it) it does nothing.

// A bench target's main is not public API.
#![allow(missing_docs)]

use std::hint::black_box;
use std::net::IpAddr;

use appengine_sockets_policy::{classify, parse_ip, parse_xport_name, GoogleRanges, Policy};

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
        other => panic!("unknown call {other}"),
    }
    println!("{sink}");
}
