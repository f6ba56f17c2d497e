use crate::helpers::*;
use leakhound_engine::*;

#[test]
fn the_issue_example_card_is_at_5_to_24() {
    let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
    let outcome = scanner.scan("card 4111 1111 1111 1111 ok");
    assert_eq!(outcome.findings.len(), 1);
    let f = &outcome.findings[0];
    assert_eq!(f.detector.name, "CREDIT_CARD_NUMBER");
    assert_eq!(f.byte_range, 5..24);
    assert_eq!(f.codepoint_range, 5..24);
    assert_eq!(f.confidence, Confidence::VeryLikely);
    assert_eq!(f.explanation.pattern, "card-grouped");
    assert_eq!(f.explanation.context_words[0].to_string(), "+card");
}

#[test]
fn unicode_text_keeps_ranges_on_boundaries_and_counts_code_points() {
    let text = "Grüße — Karte №: 4111-1111-1111-1111 — merci 🙏";
    let outcome = scan_once(&ScanPolicy::default_rules(), text).unwrap();
    let f = outcome
        .findings
        .iter()
        .find(|f| f.detector.name == "CREDIT_CARD_NUMBER")
        .expect("card found");
    assert_eq!(&text[f.byte_range.clone()], "4111-1111-1111-1111");
    let cp_start = text[..f.byte_range.start].chars().count();
    assert_eq!(f.codepoint_range, cp_start..cp_start + 19);
    assert!(f.byte_range.start > f.codepoint_range.start);
}

#[test]
fn digits_glued_to_non_ascii_letters_are_found() {
    let text = "Nummer:4111111111111111ü";
    assert_eq!(
        found(&ScanPolicy::default_rules(), text),
        vec![(
            "CREDIT_CARD_NUMBER".to_string(),
            "4111111111111111".to_string()
        )]
    );
}

#[test]
fn a_native_and_a_custom_detector_at_the_same_offset_are_both_reported() {
    let p = policy(
        LogicalOp::Any,
        vec![
            DetectorSpec::native("CREDIT_CARD_NUMBER"),
            regex(r"4111[0-9 ]+"),
        ],
    );
    let got = found(&p, "pay 4111 1111 1111 1111 now");
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().any(|(d, _)| d == "CREDIT_CARD_NUMBER"));
    assert!(got.iter().any(|(d, _)| d == "REGEX #2"));
}

#[test]
fn before_and_after_context_respect_the_byte_limit_and_characters() {
    let mut p = policy(
        LogicalOp::Any,
        vec![DetectorSpec::native("CREDIT_CARD_NUMBER")],
    );
    p.context_bytes = 10;
    let text = "4916-6734-7572-5015 is my credit card number";
    let outcome = scan_once(&p, text).unwrap();
    let f = &outcome.findings[0];
    assert_eq!(f.before_context, "");
    assert_eq!(f.after_context, " is my cre");
    p.context_bytes = 4;
    let outcome = scan_once(&p, "ab€€4111111111111111€€cd").unwrap();
    assert_eq!(outcome.findings[0].before_context, "€");
    assert_eq!(outcome.findings[0].after_context, "€");
}

#[test]
fn luhn_failures_are_kept_below_likely_and_explained() {
    let mut spec = DetectorSpec::native("CREDIT_CARD_NUMBER");
    spec.min_confidence = Confidence::VeryUnlikely;
    let outcome = scan_once(
        &policy(LogicalOp::Any, vec![spec]),
        "number 4111111111111112",
    )
    .unwrap();
    let f = &outcome.findings[0];
    assert!(f.confidence < Confidence::Likely);
    assert_eq!(
        f.explanation.check,
        leakhound_engine::detector::Check::Failed("luhn")
    );
    assert!(found(&ScanPolicy::default_rules(), "number 4111111111111112").is_empty());
}

#[test]
fn debug_output_never_shows_the_value() {
    let outcome = scan_once(&ScanPolicy::default_rules(), "card 4111 1111 1111 1111").unwrap();
    let debug = format!("{outcome:?}");
    assert!(!debug.contains("4111 1111 1111 1111"), "{debug}");
    assert!(debug.contains("411*"), "{debug}");
}

#[test]
fn a_scanner_is_shared_across_threads() {
    let scanner = std::sync::Arc::new(Scanner::new(&ScanPolicy::default_rules()).unwrap());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let s = scanner.clone();
            std::thread::spawn(move || {
                s.scan(&format!("t{i} card 4111 1111 1111 1111"))
                    .findings
                    .len()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
}

#[test]
fn every_native_detector_passes_its_examples() {
    let failures = leakhound_engine::check::check_all();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A user's `\b` is a Unicode word boundary: next to a non-ASCII letter it is no boundary, next
/// to non-ASCII punctuation it is one. The pass leaves it out (a lazy DFA cannot tell it there)
/// and the exact pattern decides: the findings are the pattern's own matches, and scanning
/// ticket text with non-ASCII characters stays on the fast path.
#[test]
fn a_custom_unicode_word_boundary_finds_what_the_regex_finds() {
    let patterns = [r"\bREF-\d+\b", r"\bcafé\b", r"\Bx\d\B"];
    let texts = [
        "REF-12 and éREF-34 and REF-56é, «REF-78» REF-9",
        "un café, cafés, Xcafé, café! — «café»",
        "ax1b éx2é x3 Ωx4Ω",
        "Grüße: REF-100 · REF-200ß",
    ];
    for pattern in patterns {
        let rules = policy(LogicalOp::Any, vec![regex(pattern)]);
        let scanner = Scanner::new(&rules).unwrap();
        let regex = regex_automata::meta::Regex::new(pattern).unwrap();
        let mut total = 0;
        for text in texts {
            let expected: Vec<std::ops::Range<usize>> =
                regex.find_iter(text).map(|m| m.range()).collect();
            for outcome in [
                scanner.scan(text),
                scanner.scan_many(&[text, text]).remove(1),
            ] {
                let ranges: Vec<std::ops::Range<usize>> = outcome
                    .findings
                    .iter()
                    .map(|f| f.byte_range.clone())
                    .collect();
                assert_eq!(ranges, expected, "{pattern} in {text:?}");
            }
            total += expected.len();
        }
        assert!(total >= 2, "{pattern}: {total} matches");
    }
}

/// A custom rule's `\b` does not hide the keyword that opens another detector's window: the
/// pass keeps it as ASCII half-boundaries, so `\bpass\b` does not match at the start of
/// "password" and the keyword there still opens PASSWORD's window.
#[test]
fn a_custom_word_boundary_rule_does_not_hide_a_keyword() {
    let texts = [
        "my password: hunter2x!",
        "Grüße — mein Passwort: hunter2x! and my password: s3cr3t!x",
        "the keyboard password: hunter2x!",
    ];
    let default = ScanPolicy::default_rules();
    let mut with_rule = ScanPolicy::default_rules();
    with_rule.rules[0].detectors.push(regex(r"\bpass\b"));
    // Case-insensitive, as the scan API's rules are by default: `(?i)s` also matches `ſ`.
    with_rule.rules[0]
        .detectors
        .push(DetectorSpec::new(DetectorKind::Regex(RegexSpec {
            pattern: r"\bkey\b|\bpass\b".into(),
            case_sensitive: false,
        })));
    for text in texts {
        let natives: Vec<(String, String)> = found(&default, text);
        let with: Vec<(String, String)> = found(&with_rule, text)
            .into_iter()
            .filter(|(name, _)| !name.starts_with("REGEX"))
            .collect();
        assert!(
            natives.iter().any(|(name, _)| name == "PASSWORD"),
            "{text:?}: {natives:?}"
        );
        for finding in &natives {
            assert!(
                with.contains(finding),
                "{text:?}: {finding:?} lost with the rule: {with:?}"
            );
        }
    }
}

/// The findings (detector, value) of `text` with the default rules and a user's `pattern`, by
/// `scan` and by `scan_many` among other texts, each with how it was scanned.
fn with_user_rule<'t>(pattern: &str, text: &'t str) -> Vec<(&'static str, Vec<(String, &'t str)>)> {
    let mut rules = ScanPolicy::default_rules();
    rules.rules[0].detectors.push(regex(pattern));
    let scanner = Scanner::new(&rules).unwrap();
    let other = "nothing to see here, just a ticket about a late parcel";
    [
        ("scan", scanner.scan(text)),
        (
            "scan_many",
            scanner.scan_many(&[other, text, other]).remove(1),
        ),
    ]
    .into_iter()
    .map(|(how, outcome)| {
        let found = outcome
            .findings
            .iter()
            .map(|f| (f.detector.name.clone(), &text[f.byte_range.clone()]))
            .collect();
        (how, found)
    })
    .collect()
}

/// A custom rule that matches where a keyword starts, or over one, does not hide it: the
/// keyword still opens PASSWORD's window. (A rule `pass` wins the pass at "pass: …", and a
/// rule's accepted match "ref password" is passed over as a whole; both hid the keyword.) By
/// `scan`, which looks inside an accepted match byte by byte, and by `scan_many`, which looks
/// at the match starts its walk listed there.
#[test]
fn a_custom_rule_over_a_keyword_does_not_hide_it() {
    let cases = [
        ("pass", "pass: hunter2x!", "hunter2x!"),
        ("pass", "login is fine, pass: Tr0ub4dor&3x", "Tr0ub4dor&3x"),
        (r"(?i)ref \w+", "ref password: Tr0ub4dor&3x", "Tr0ub4dor&3x"),
        (
            r"[a-z]+ [a-z]+ [a-z]+",
            "ask my password: hunter2x! now",
            "hunter2x!",
        ),
    ];
    for (pattern, text, value) in cases {
        for (how, found) in with_user_rule(pattern, text) {
            assert!(
                found
                    .iter()
                    .any(|(name, v)| name == "PASSWORD" && *v == value),
                "{how}, rule {pattern:?}, {text:?}: {found:?}"
            );
            assert!(
                found.iter().any(|(name, _)| name.starts_with("REGEX")),
                "{how}, rule {pattern:?}, {text:?}: {found:?}"
            );
        }
    }
}

/// A user's match does not hide the native findings inside it: the pass goes on after an
/// accepted candidate, and inside a user's one the native patterns still make theirs (a
/// native's match hides what starts inside it, as before: overlaps go to the better one).
#[test]
fn a_custom_rule_does_not_hide_a_native_finding_inside_its_match() {
    let cases = [
        (
            r"\S+\s\S+",
            "my token xoxb-123456789012-abcdefghijkl 4111 1111 1111 1111 thanks",
        ),
        (
            r"xoxb\S+ \d+",
            "my token xoxb-123456789012-abcdefghijkl 4111 1111 1111 1111 thanks",
        ),
        (
            r"\S+\s\S+\s\S+",
            "Grüße — Karte 4111 1111 1111 1111 danke, Jürgen",
        ),
        (
            r"(?s)ticket.*end",
            "ticket: card 4111-1111-1111-1111, ssn 123-45-6789 end",
        ),
    ];
    for (pattern, text) in cases {
        for (how, found) in with_user_rule(pattern, text) {
            assert!(
                found
                    .iter()
                    .any(|(name, value)| name == "CREDIT_CARD_NUMBER" && value.starts_with("4111")),
                "{how}, rule {pattern:?}, {text:?}: {found:?}"
            );
            assert!(
                found.iter().any(|(name, _)| name.starts_with("REGEX")),
                "{how}, rule {pattern:?}, {text:?}: {found:?}"
            );
        }
    }
}
