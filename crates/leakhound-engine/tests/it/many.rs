//! `scan_many` finds exactly what `scan` finds on each text: the batch's pass lists where
//! matches start instead of searching for them (`match_starts.rs`), which must change nothing.

use crate::helpers::{policy, regex, words};
use leakhound_engine::*;

/// Everything a finding says, in a comparable form.
fn summary(outcome: &ScanOutcome) -> Vec<String> {
    outcome
        .findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {:?} {} {:?} {} {:?} {:?} {:?} {:?} {:?}",
                f.byte_range,
                f.codepoint_range,
                f.detector.name,
                f.detector.uuid,
                f.confidence,
                f.redacted,
                f.before_context,
                f.after_context,
                f.matched_rules.iter().map(|r| &r.name).collect::<Vec<_>>(),
                f.value(),
            )
        })
        .chain(outcome.redacted_text.clone())
        .collect()
}

/// Asserts that `scan_many` agrees with `scan` on every text.
pub fn agree(scanner: &Scanner, texts: &[&str]) -> usize {
    let many = scanner.scan_many(texts);
    assert_eq!(many.len(), texts.len());
    let mut findings = 0;
    for (text, outcome) in texts.iter().zip(&many) {
        let one = scanner.scan(text);
        assert_eq!(summary(outcome), summary(&one), "{text:?}");
        findings += one.findings.len();
    }
    findings
}

#[test]
fn the_catalogue_examples_scanned_together_as_one_by_one() {
    let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
    let texts: Vec<&str> = registry::NATIVE_DETECTORS
        .iter()
        .flat_map(|d| {
            d.examples
                .iter()
                .map(|e| e.text)
                .chain(d.negative_examples.iter().copied())
        })
        .collect();
    assert!(texts.len() > 500, "{} texts", texts.len());
    let findings = agree(&scanner, &texts);
    assert!(findings > 400, "{findings} findings");
    // In other batches (the lanes of the walk meet other neighbours).
    let reversed: Vec<&str> = texts.iter().rev().copied().collect();
    agree(&scanner, &reversed);
    agree(&scanner, &texts[..3]);
    agree(&scanner, &[]);
}

#[test]
fn custom_patterns_scanned_together_as_one_by_one() {
    let rules = policy(
        LogicalOp::Any,
        vec![
            // A Unicode word boundary: left out of the pass and the walk (a lazy DFA cannot
            // tell it next to non-ASCII text), and checked by the exact pattern.
            regex(r"\bREF-\d+\b"),
            // A leading repetition, and a pattern that matches the empty string.
            regex(r"a*b"),
            regex(r"x*"),
            words(&["hunter2", "blue moon"], false),
            DetectorSpec::native("EMAIL_ADDRESS"),
            DetectorSpec::native("CREDIT_CARD_NUMBER"),
        ],
    );
    let scanner = Scanner::new(&rules).unwrap();
    let texts = [
        "REF-123 and aab, card 4111 1111 1111 1111, bob@example.com",
        "Grüße: REF-9 é aaab xx Blue Moon",
        "",
        "b",
        "nothing",
        "xxxx REF-77 4111-1111-1111-1111 hunter2",
    ];
    assert!(agree(&scanner, &texts) > 5);
    let ascii: Vec<&str> = texts.iter().copied().filter(|t| t.is_ascii()).collect();
    agree(&scanner, &ascii);
    // Enough texts for eight lanes, a non-ASCII one among them in every round.
    let many: Vec<&str> = texts.iter().copied().cycle().take(40).collect();
    assert!(agree(&scanner, &many) > 30);
}

/// Users' rules over keywords and over native values (the keywords and natives starting inside
/// their matches are looked at: at the walk's listed starts by `scan_many`, at every place by
/// `scan`) give the same findings both ways, none twice.
#[test]
fn broad_custom_rules_scanned_together_as_one_by_one() {
    let mut rules = ScanPolicy::default_rules();
    for pattern in [
        r"\S+\s\S+",
        r"(?i)ref \w+",
        "pass",
        r"(?s)ticket.*end",
        ".+",
    ] {
        rules.rules[0].detectors.push(regex(pattern));
    }
    let scanner = Scanner::new(&rules).unwrap();
    let mut texts: Vec<&str> = registry::NATIVE_DETECTORS
        .iter()
        .flat_map(|d| d.examples.iter().map(|e| e.text))
        .take(60)
        .collect();
    texts.extend([
        "my token xoxb-123456789012-abcdefghijkl 4111 1111 1111 1111 thanks",
        "pass: hunter2x! and ref password: Tr0ub4dor&3x",
        "ticket: card 4111-1111-1111-1111, ssn 123-45-6789 end",
        "Grüße — Karte 4111 1111 1111 1111 danke, Jürgen",
    ]);
    assert!(agree(&scanner, &texts) > 150);
    for text in &texts {
        let outcome = scanner.scan(text);
        let mut seen: Vec<(std::ops::Range<usize>, &str)> = outcome
            .findings
            .iter()
            .map(|f| (f.byte_range.clone(), f.detector.name.as_str()))
            .collect();
        let all = seen.len();
        seen.sort_by_key(|(range, name)| (range.start, range.end, *name));
        seen.dedup();
        assert_eq!(seen.len(), all, "a finding twice in {text:?}");
    }
}
