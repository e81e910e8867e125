//! Tests of the ACL, with Smokescreen's own cases (`pkg/smokescreen/acl/v1/acl_test.go`,
//! `yaml_loader_test.go`) where they apply:
//!
//! * carried over: every row of `TestACLDecision` (result, which list decided, project),
//!   `TestACLUnknownServiceWithoutDefault`, `TestACLAddInvalidGlob` (the punycode case
//!   with our message: no IDNA table here, the file must already be in punycode),
//!   `TestACLAddExistingRule`, `TestHostMatchesGlob` (through a validated file: an upper
//!   case glob is rejected at load, as Smokescreen's validation rejects it),
//!   `TestYAMLLoader` (sample, global lists, broken, unknown action),
//!   `TestYAMLLoaderInvalidGlob`, `TestYAMLLoaderInvalidMiddleGlob`,
//!   `TestDefaultRuleValidationWithInvalidGlob`, and `TestIDNValidation`'s rejections.
//! * changed on purpose: `mitm_config.yaml` loads in Smokescreen and is rejected here
//!   (MITM has no meaning in the PHP process; ignoring it silently would hide that).
//! * not applicable: disabled actions (Smokescreen's command-line `--disable-acl-policy`),
//!   MITM configs, CONNECT through external proxies, IDN hosts matched after IDNA mapping.

use super::*;
use crate::class::Class;

fn smokescreen(file: &str) -> Result<Acl, AclError> {
    let path = format!("{}/testdata/smokescreen-acl-v1/{file}", env!("CARGO_MANIFEST_DIR"));
    Acl::parse(&std::fs::read_to_string(path).unwrap())
}

/// `decide` for one host, after checking that `decide_host` (the one-host path streams and
/// sockets take) agrees.
fn decide_one(acl: &Acl, role: Role, host: &str, port: u16) -> AclDecision {
    let d = acl.decide(role, &[host], port);
    let names: &[&str] = if is_address_spelling(host) { &[] } else { &[host] };
    assert_eq!(acl.decide_host(role, host, port), acl.decide(role, names, port), "{host}:{port}");
    d
}

fn decide(acl: &Acl, app: &str, host: &str) -> (AclResult, Matched, String) {
    let role = acl.role(app);
    let d = decide_one(acl, role, host, 443);
    let project = acl.service(role).map(|s| s.project.clone()).unwrap_or_default();
    (d.result, d.matched, project)
}

#[test]
fn smokescreen_decisions() {
    use AclResult::*;
    use Matched::*;
    let cases: &[(&str, &str, &str, AclResult, Matched, &str)] = &[
        ("sample_config.yaml", "enforce-dummy-srv", "example1.com", Allow, AllowedDomains, "usersec"),
        ("sample_config.yaml", "enforce-dummy-srv", "www.example1.com", Deny, Action(super::Action::Enforce), "usersec"),
        ("sample_config.yaml", "report-dummy-srv", "example3.com", Allow, AllowedDomains, "security"),
        ("sample_config.yaml", "report-dummy-srv", "example1.com", Report, Action(super::Action::Report), "security"),
        ("sample_config.yaml", "open-dummy-srv", "anythingisgoodreally.com", Allow, Action(super::Action::Open), "automation"),
        ("sample_config.yaml", "dummy-glob", "shouldbreak.com", Deny, Action(super::Action::Enforce), "phony"),
        ("sample_config.yaml", "dummy-glob", "example.com", Deny, Action(super::Action::Enforce), "phony"),
        ("sample_config.yaml", "dummy-glob", "api.example.com", Allow, AllowedDomains, "phony"),
        ("sample_config.yaml", "unknown-service", "nope.example.com", Deny, Action(super::Action::Enforce), "other"),
        ("sample_config.yaml", "unknown-service", "default.example.com", Allow, AllowedDomains, "other"),
        ("sample_config_with_global.yaml", "enforce-dummy-srv", "goodexample1.com", Allow, GlobalAllow, "usersec"),
        ("sample_config_with_global.yaml", "unknown-service", "goodexample2.com", Allow, GlobalAllow, "other"),
        ("sample_config_with_global.yaml", "enforce-dummy-srv", "badexample1.com", Allow, AllowedDomains, "usersec"),
        ("sample_config_with_global.yaml", "report-dummy-srv", "badexample1.com", Deny, GlobalDeny, "security"),
        ("sample_config_with_global.yaml", "unknown-service", "badexample2.com", Deny, GlobalDeny, "other"),
        ("sample_config_with_global.yaml", "open-dummy-srv", "badexample2.com", Deny, GlobalDeny, "automation"),
        ("sample_config_with_global.yaml", "open-dummy-srv", "badexample2.com.", Deny, GlobalDeny, "automation"),
        ("sample_config_with_global.yaml", "open-dummy-srv", "bAdExAmPlE2.cOm", Deny, GlobalDeny, "automation"),
        ("sample_config_with_global.yaml", "open-dummy-srv", "conflictingexample.com", Deny, GlobalDeny, "automation"),
    ];
    for (file, app, host, result, matched, project) in cases {
        let acl = smokescreen(file).unwrap();
        assert_eq!(decide(&acl, app, host), (*result, *matched, (*project).to_owned()), "{file} {app} {host}");
    }
    // "default rule policy used": the decision says the default rule was used.
    let acl = smokescreen("sample_config.yaml").unwrap();
    assert!(acl.decide(acl.role("unknown-service"), &["nope.example.com"], 443).default);
    assert!(!acl.decide(acl.role("dummy-glob"), &["nope.example.com"], 443).default);
}

#[test]
fn smokescreen_unknown_service_without_default() {
    let acl = smokescreen("no_default.yaml").unwrap();
    assert_eq!(acl.role("unk"), Role::None);
    let d = acl.decide(acl.role("unk"), &["example.com"], 443);
    assert_eq!((d.result, d.matched, d.default), (AclResult::Deny, Matched::NoRule, false));
    // Even a globally allowed name: no rule, no decision order.
    assert_eq!(acl.decide(Role::None, &["goodexample1.com"], 443).result, AclResult::Deny);
}

#[test]
fn smokescreen_loader() {
    let acl = smokescreen("sample_config.yaml").unwrap();
    assert_eq!(acl.apps().collect::<Vec<_>>(), ["enforce-dummy-srv", "report-dummy-srv", "open-dummy-srv", "dummy-glob"]);
    assert!(acl.has_default());
    let acl = smokescreen("sample_config_with_global.yaml").unwrap();
    assert_eq!(acl.apps().count(), 4);
    // 3 + 1 + 1 in services, 1 in default, 4 allow, 3 deny
    assert_eq!(acl.entries(), 13);
    for (file, line, needle) in [
        ("broken_config.yaml", 3, "unknown top-level key \"broken\""),
        ("unknown_action.yaml", 13, "unknown action \"purposely_unknown_action\""),
        ("contains_invalid_glob.yaml", 8, "domain glob must represent a full prefix (sub)domain"),
        ("contains_middle_glob.yaml", 8, "domain globs are only supported as prefix"),
        ("contains_invalid_glob_default.yaml", 13, "domain glob must represent a full prefix (sub)domain"),
        ("mitm_config.yaml", 11, "mitm_domains is a proxy's TLS interception"),
    ] {
        let e = smokescreen(file).unwrap_err();
        assert_eq!(e.line, line, "{file}: {e}");
        assert!(e.problem.contains(needle), "{file}: {e}");
    }
}

#[test]
fn smokescreen_invalid_globs() {
    for (glob, why) in [
        ("*.*.stripe.com", "domain globs are only supported as prefix"),
        ("*", "domain glob must not match everything"),
        ("*.", "domain glob must not match everything"),
        ("éxämple.com", "punycode"),
        ("тест.example.com", "punycode"),
        ("*.тест.example.com", "punycode"),
        ("", "glob cannot be empty"),
        ("*bob.example.com", "full prefix"),
        ("bob.ex*ample.com", "only supported as prefix"),
        ("EXAMPLE.COM", "use \"example.com\""),
        ("exa mple.com", "disallowed character ' '"),
        ("a..b.com", "empty label"),
        ("10.0.0.5", "IP address"),
        ("api.example.com:0", "port \"0\""),
        ("api.example.com:https", "port \"https\""),
        ("api.example.com:65536", "port \"65536\""),
    ] {
        let e = validate_glob(glob).unwrap_err();
        assert!(e.contains(why), "{glob}: {e}");
    }
    assert_eq!(validate_glob("xn--e1aybc.example.com"), Ok((false, "xn--e1aybc.example.com", None)));
    assert_eq!(validate_glob("*.example.com."), Ok((true, "example.com", None)));
    assert_eq!(validate_glob("api.example.com:443"), Ok((false, "api.example.com", Some(443))));
    assert_eq!(validate_glob("_srv.example.com"), Ok((false, "_srv.example.com", None)));
}

#[test]
fn smokescreen_existing_rule() {
    let e = Acl::parse("version: v1\nservices:\n  - name: stripe\n    action: open\n  - name: stripe\n    action: open\n").unwrap_err();
    assert_eq!((e.line, e.problem.as_str()), (5, "rule already exists for service stripe"));
}

fn one(globs: &str) -> Acl {
    Acl::parse(&format!("version: v1\nservices:\n  - name: app\n    action: enforce\n    allowed_domains: [{globs}]\n")).unwrap()
}

fn allowed(acl: &Acl, host: &str, port: u16) -> bool {
    decide_one(acl, acl.role("app"), host, port).result == AclResult::Allow
}

#[test]
fn smokescreen_host_matches_glob() {
    for (host, glob, matches) in [
        ("example.com", "example.com", true),
        ("contrived.example.com", "\"*.example.com\"", true),
        ("more.contrived.example.com", "\"*.example.com\"", true),
        ("login.eu.example.com", "login.example.com", false),
        ("example.com.", "example.com", true),
        ("EXAMPLE.COM", "example.com", true),
        ("", "example.com", false),
        // and what follows from the rules
        ("example.com", "\"*.example.com\"", false),
        ("badexample.com", "\"*.example.com\"", false),
        ("badexample.com", "example.com", false),
        ("xexample.com", "example.com", false),
        ("example.com.evil.test", "example.com", false),
        ("a.example.com.", "\"*.example.com.\"", true),
        ("example.com..", "example.com", true),
        (".", "example.com", false),
        ("com", "\"*.com\"", false),
        ("x.com", "\"*.com\"", true),
    ] {
        assert_eq!(allowed(&one(glob), host, 443), matches, "{host} vs {glob}");
    }
    // A glob written with upper case is rejected at load, as Smokescreen validates it.
    assert!(Acl::parse("version: v1\nservices: []\nglobal_allow_list: [EXAMPLE.COM]\n").is_err());
}

#[test]
fn ports() {
    let acl = one("api.stripe.com:443, \"*.internal.test:5432\", any.test, any.test:80");
    assert!(allowed(&acl, "api.stripe.com", 443));
    assert!(!allowed(&acl, "api.stripe.com", 80));
    assert!(allowed(&acl, "db.internal.test", 5432));
    assert!(!allowed(&acl, "db.internal.test", 5433));
    assert!(!allowed(&acl, "internal.test", 5432));
    assert!(allowed(&acl, "any.test", 1));
    assert!(allowed(&acl, "any.test", 80));
}

#[test]
fn order_and_actions() {
    let acl = Acl::parse(
        "version: v1
services:
  - name: billing
    project: payments
    action: enforce
    allowed_domains: [\"*.stripe.com\", pastebin.com:443]
  - name: blog
    action: open
  - name: audit
    action: report
default:
  action: enforce
  allowed_domains: [default.test]
global_deny_list: [pastebin.com, \"*.evil.test\"]
global_allow_list: [status.test, \"*.evil.test\"]
",
    )
    .unwrap();
    let d = |app: &str, names: &[&str], port| {
        let d = acl.decide(acl.role(app), names, port);
        (d.result, d.matched, d.name.map(|i| names[i].to_owned()))
    };
    use AclResult::*;
    // An app's own list beats the deny list, on its port only.
    assert_eq!(d("billing", &["pastebin.com"], 443).0, Allow);
    assert_eq!(d("billing", &["pastebin.com"], 80).1, Matched::GlobalDeny);
    assert_eq!(d("blog", &["pastebin.com"], 443).0, Deny);
    assert_eq!(d("audit", &["pastebin.com"], 443).0, Deny, "the deny list holds in report mode");
    assert_eq!(d("audit", &["x.test"], 443).0, Report);
    assert_eq!(d("blog", &["x.test"], 443).0, Allow);
    assert_eq!(d("blog", &["a.evil.test"], 443).1, Matched::GlobalDeny, "deny before allow");
    assert_eq!(d("billing", &["status.test"], 443).1, Matched::GlobalAllow);
    assert_eq!(d("nobody", &["default.test"], 443).1, Matched::AllowedDomains);
    assert_eq!(d("nobody", &["x.stripe.com"], 443).0, Deny, "another app's list is not the default's");
    // Several names: every one must be allowed; the refused one is named.
    assert_eq!(d("billing", &["api.stripe.com", "x.test"], 443), (Deny, Matched::Action(Action::Enforce), Some("x.test".into())));
    assert_eq!(d("billing", &["api.stripe.com", "b.stripe.com"], 443).0, Allow);
    assert_eq!(d("audit", &["x.test", "pastebin.com"], 443).0, Deny);
    // A literal address matches no name.
    assert_eq!(d("billing", &[], 443), (Deny, Matched::Literal(Action::Enforce), None));
    assert_eq!(d("blog", &[], 443).0, Allow);
    assert_eq!(d("audit", &[], 443).0, Report);
    assert!(acl.decide(acl.role("audit"), &["x.test"], 1).enforce_would_deny());
}

#[test]
fn file_errors_name_the_line() {
    for (text, line, needle) in [
        ("version: v2\nservices: []\n", 1, "expected version \"v1\", got \"v2\""),
        ("services: []\n", 1, "expected version"),
        ("version: v1\n", 1, "'services' is missing"),
        ("version: v1\nservices: []\ndefault:\n  action: open\n  allowed_external_proxies: [p.test]\n", 5, "allowed_external_proxies"),
        ("version: v1\nservices:\n  - name: a\n    action: enforce\n    allowed_domain: [x.test]\n", 5, "unknown key \"allowed_domain\""),
        ("version: v1\nservices:\n  - name: a\n    action: enforce\n    allowed_domains: [x.test\n", 6, "not valid YAML"),
        ("version: v1\nservices:\n  - action: enforce\n", 3, "needs a name"),
        ("version: v1\nservices:\n  - name: a\n", 3, "unknown action \"\""),
        ("version: v1\nservices: []\nglobal_deny_list: pastebin.com\n", 3, "must be a list"),
        ("version: v1\nservices: []\nglobal_deny_list:\n  - [a]\n", 4, "must be a string"),
        ("a: &x 1\nversion: v1\nservices: *x\n", 3, "aliases"),
        ("version: v1\nversion: v1\nservices: []\n", 2, "appears twice"),
        ("", 0, "empty"),
    ] {
        let e = Acl::parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.problem.contains(needle), "{text:?}: {e}");
    }
    assert!(Acl::parse("version: v1\nservices:\n").unwrap().apps().next().is_none());
}

#[test]
fn ten_thousand_entries_index_by_name() {
    let mut text = String::from("version: v1\nservices:\n  - name: app\n    action: enforce\n    allowed_domains:\n");
    for i in 0..5000 {
        text.push_str(&format!("      - host{i}.example{}.test\n      - \"*.svc{i}.test:443\"\n", i % 97));
    }
    text.push_str("global_deny_list: [pastebin.com]\n");
    let acl = Acl::parse(&text).unwrap();
    assert_eq!(acl.entries(), 10_001);
    assert!(allowed(&acl, "host4999.example52.test", 80));
    assert!(allowed(&acl, "a.b.svc17.test", 443));
    assert!(!allowed(&acl, "a.b.svc17.test", 80));
    assert!(!allowed(&acl, "host5000.example53.test", 80));
    assert_eq!(acl.decide(acl.role("app"), &["PASTEBIN.com."], 1).matched, Matched::GlobalDeny);
}

#[test]
fn hashes_of_suffixes_match_the_index() {
    // The one-pass hash of a suffix equals the index's hash of that name.
    let name = b"a.B.example.com";
    let mut h = 0;
    let mut seen = Vec::new();
    for i in (0..name.len()).rev() {
        if name[i] == b'.' {
            seen.push((mix(h), hash_name(&name[i + 1..].to_ascii_lowercase())));
        }
        h = fold(h, name[i]);
    }
    seen.push((mix(h), hash_name(b"a.b.example.com")));
    assert!(seen.iter().all(|(a, b)| a == b), "{seen:?}");
}

#[test]
fn applied_to_verdicts() {
    let acl = Acl::parse(
        "version: v1\nservices:\n  - name: blog\n    action: enforce\n  - name: audit\n    action: report\nglobal_deny_list: [pastebin.com]\n",
    )
    .unwrap();
    let public = Verdict { allowed: true, rule: Rule::Public, class: Class::of(Rule::Public), reason: "public address 11.0.0.1".into() };
    let private = Verdict { allowed: false, rule: Rule::SpecialPurpose, class: Class::of(Rule::SpecialPurpose), reason: "private address 10.0.0.5".into() };
    let allow = Verdict { allowed: true, rule: Rule::OperatorAllow, class: Class::of(Rule::OperatorAllow), reason: "allowed".into() };
    let a = acl.apply(public.clone(), acl.role("blog"), "blog", &["pastebin.com"], 443);
    assert_eq!((a.verdict.allowed, a.verdict.rule), (false, Rule::Acl));
    assert_eq!(a.verdict.reason, "acl: app blog, global deny list");
    assert!(a.decision.unwrap().enforce_would_deny());
    // App Engine's refusal stands, and the ACL is not asked.
    assert_eq!(acl.apply(private.clone(), acl.role("audit"), "audit", &["x.test"], 443), Applied { verdict: private, decision: None });
    // Report: the verdict says so; the caller connects.
    let a = acl.apply(public.clone(), acl.role("audit"), "audit", &["x.test"], 443);
    assert_eq!((a.verdict.rule, a.verdict.reason.to_string()), (Rule::AclReport, "acl: app audit, not in allowed_domains (action report)".into()));
    // A literal: refused unless an operator allow entry covers it.
    assert_eq!(acl.apply(public.clone(), acl.role("blog"), "blog", &[], 443).verdict.rule, Rule::Acl);
    assert_eq!(acl.apply(allow.clone(), acl.role("blog"), "blog", &[], 443).verdict, allow);
    // A name is judged even when an operator allow entry covers its address.
    assert_eq!(acl.apply(allow, acl.role("blog"), "blog", &["db.test"], 5432).verdict.rule, Rule::Acl);
    let a = acl.apply(public, acl.role("nobody"), "nobody", &["x.test"], 443);
    assert_eq!(a.verdict.reason, "acl: app nobody, no rule for the app and no default");
}

#[test]
fn address_spellings_are_no_names() {
    for h in ["11.0.0.1", "11.0.0.1.", "127.1", "0x7f.1", "0x7f000001", "2130706433", "0177.0.0.1", "::1", "[::1]", "::ffff:10.0.0.5", "0X7F.0.0.1"] {
        assert!(is_address_spelling(h), "{h}");
    }
    for h in ["public.test", "1.test", "x0x7f", "a.b.c", "xn--bcher-kva.test", "0xg.test"] {
        assert!(!is_address_spelling(h), "{h}");
    }
    assert!(validate_glob("1.2.3.4.5").unwrap_err().contains("IP address"));
    assert!(validate_glob("*.0x7f").unwrap_err().contains("IP address"));
}

#[test]
fn names_with_many_labels() {
    let deep: String = (0..40).map(|i| format!("l{i}.")).collect::<String>() + "example.com";
    let acl = one("\"*.example.com\", \"*.l35.l36.l37.l38.l39.example.com\"");
    assert!(allowed(&acl, &deep, 443));
    let acl = one("\"*.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11.l12.l13.l14.l15.l16.l17.l18.l19.l20.l21.l22.l23.l24.l25.l26.l27.l28.l29.l30.l31.l32.l33.l34.l35.l36.l37.l38.l39.example.com\"");
    assert!(allowed(&acl, &deep, 443), "a suffix past the first 32 labels");
    assert!(!allowed(&acl, "l2.l3.l4.l5.l6.l7.l8.l9.l10.l11.l12.l13.l14.l15.l16.l17.l18.l19.l20.l21.l22.l23.l24.l25.l26.l27.l28.l29.l30.l31.l32.l33.l34.l35.l36.l37.l38.l39.example.com", 443));
}

#[test]
fn one_host_in_one_pass() {
    // decide_host tells an address spelling from a name in its hashing pass: the same
    // answer as is_address_spelling, and then the same decision as decide.
    let acl = Acl::parse(
        "version: v1\nservices:\n  - name: app\n    action: enforce\n    allowed_domains: [\"*.example.com\", public.test, \"*.1.test\"]\n  - name: open\n    action: open\ndefault:\n  action: report\nglobal_deny_list: [pastebin.com]\nglobal_allow_list: [\"*.status.test\"]\n",
    )
    .unwrap();
    let hosts = [
        "public.test", "PUBLIC.TEST.", "a.example.com", "example.com", "pastebin.com", "x.status.test", "x.1.test", "1.test",
        "11.0.0.1", "11.0.0.1.", "11.0.0.1..", "127.1", "0x7f.1", "0X7F.0.0.1", "0x", "0x.", "0xg.test", "2130706433", "0177.0.0.1",
        "::1", "[::1]", "::ffff:11.0.0.1", "[::ffff:11.0.0.1]", "2400:CB00::10", "fe80::1%lo", "0:0:0:0:0:0:0:1",
        "a.example.com:443", "[a.example.com", "a.example.com]", "", ".", "..", "a..example.com",
        "l1.l2.l3.l4.l5.l6.l7.l8.l9.example.com", "l1.l2.l3.l4.l5.l6.l7.l8.l9.10", "l1.l2.l3.l4.l5.l6.l7.l8.l9:10.x",
    ];
    for app in ["app", "open", "other"] {
        for host in hosts {
            for port in [443, 80] {
                decide_one(&acl, acl.role(app), host, port);
            }
        }
    }
    // No rule: refused either way.
    let strict = Acl::parse("version: v1\nservices: []\n").unwrap();
    for host in hosts {
        decide_one(&strict, strict.role("app"), host, 443);
    }
    // narrow_host changes a verdict in place as apply does.
    let public = Verdict { allowed: true, rule: Rule::Public, class: Class::of(Rule::Public), reason: "public address 11.0.0.1".into() };
    let allow = Verdict { allowed: true, rule: Rule::OperatorAllow, class: Class::of(Rule::OperatorAllow), reason: "allowed".into() };
    let private = Verdict { allowed: false, rule: Rule::SpecialPurpose, class: Class::of(Rule::SpecialPurpose), reason: "private address 10.0.0.5".into() };
    for app in ["app", "open", "other", "nobody"] {
        let role = acl.role(app);
        for host in hosts {
            for v in [&public, &allow, &private] {
                let names: &[&str] = if is_address_spelling(host) { &[] } else { &[host] };
                let applied = acl.apply(v.clone(), role, app, names, 443);
                let mut w = v.clone();
                let d = acl.narrow_host(&mut w, role, app, host, 443);
                assert_eq!((w, d), (applied.verdict, applied.decision), "{app} {host} {:?}", v.rule);
            }
        }
    }
}

#[test]
fn names_compare_ignoring_ascii_case_only() {
    let all: Vec<u8> = (0..=255u8).collect();
    for len in [1usize, 7, 8, 9, 15, 16, 17, 40] {
        for start in (0..256).step_by(7) {
            let host: Vec<u8> = (0..len).map(|i| all[(start + i * 13) % 256]).collect();
            let key = host.to_ascii_lowercase();
            assert!(eq_lower(&host, &key), "{host:?}");
            for i in 0..len {
                // Any other byte at any place: different, unless it is the same letter in
                // another case.
                for other in [host[i] ^ 0x20, host[i] ^ 0x01, host[i] ^ 0x80] {
                    let mut h = host.clone();
                    h[i] = other;
                    assert_eq!(eq_lower(&h, &key), h.eq_ignore_ascii_case(&key), "{h:?} vs {key:?}");
                }
            }
        }
    }
    assert!(!eq_lower(b"public.test", b"public.tes"));
}

#[test]
fn names_of_every_length_and_depth() {
    // Labels and names of every length around eight bytes (the compare's word), upper
    // case, more labels than the scan notes (8), and an address spelling at depth.
    let acl = Acl::parse(
        "version: v1\nservices:\n  - name: app\n    action: enforce\n    allowed_domains: [\"*.abcdefghijklmnopq.example-service.com\", a.io, \"*.x\", seventeen-chars.t]\n",
    )
    .unwrap();
    let role = acl.role("app");
    let yes = |h: &str| acl.decide_host(role, h, 443).result == AclResult::Allow;
    assert!(yes("a.io") && yes("A.IO.") && !yes("b.io") && !yes("io"));
    assert!(yes("z.x") && yes("Z.X") && !yes("x"));
    assert!(yes("seventeen-chars.t") && yes("SEVENTEEN-CHARS.T") && !yes("seventeen-chars.u") && !yes("eventeen-chars.t"));
    assert!(yes("q.ABCDEFGHIJKLMNOPQ.example-service.com") && !yes("abcdefghijklmnopq.example-service.com"));
    assert!(!yes("q.abcdefghijklmnopr.example-service.com") && !yes("q.abcdefghijklmnop.example-service.com"));
    let deep = format!("{}abcdefghijklmnopq.example-service.com", "l.".repeat(40));
    assert!(yes(&deep) && yes(&deep.to_uppercase()));
    assert!(!yes(&format!("{}abcdefghijklmnopq.example-service.co", "l.".repeat(40))));
    assert!(acl.decide_host(role, &format!("{}1", "l.".repeat(40)), 443).name.is_none());
    assert!(acl.decide_host(role, &format!("{}l:1", "l.".repeat(40)), 443).name.is_none());
}
