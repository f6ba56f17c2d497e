use crate::helpers::*;
use leakhound_engine::*;

const CARD: &str = "4111 1111 1111 1111";

#[test]
fn any_reports_what_triggers_and_all_needs_every_detector() {
    let text = format!("card {CARD} and code ZX-99");
    let any = policy(
        LogicalOp::Any,
        vec![
            DetectorSpec::native("CREDIT_CARD_NUMBER"),
            regex("QQ-[0-9]+"),
        ],
    );
    assert_eq!(found(&any, &text).len(), 1);
    let all = policy(
        LogicalOp::All,
        vec![
            DetectorSpec::native("CREDIT_CARD_NUMBER"),
            regex("QQ-[0-9]+"),
        ],
    );
    assert!(found(&all, &text).is_empty());
    let all_hit = policy(
        LogicalOp::All,
        vec![
            DetectorSpec::native("CREDIT_CARD_NUMBER"),
            regex("ZX-[0-9]+"),
        ],
    );
    assert_eq!(found(&all_hit, &text).len(), 2);
}

#[test]
fn min_num_findings_counts_per_detector_and_zero_means_one() {
    let mut spec = regex("ab[0-9]");
    spec.min_num_findings = 3;
    let p = policy(LogicalOp::Any, vec![spec.clone()]);
    assert!(found(&p, "ab1 ab2").is_empty());
    assert_eq!(found(&p, "ab1 ab2 ab3").len(), 3);
    spec.min_num_findings = 0;
    assert_eq!(found(&policy(LogicalOp::Any, vec![spec]), "ab1").len(), 1);
}

#[test]
fn min_confidence_filters() {
    let mut spec = DetectorSpec::native("CREDIT_CARD_NUMBER");
    spec.min_confidence = Confidence::VeryLikely;
    let p = policy(LogicalOp::Any, vec![spec]);
    assert!(found(&p, "4111111111111111").is_empty());
    assert_eq!(found(&p, "credit card 4111111111111111").len(), 1);
}

#[test]
fn exclusion_rules_full_and_partial() {
    // The scan API docs' example: test cards excluded by a full-match word list.
    let mut spec = regex(r"[0-9]{16}");
    spec.exclusion_rules.push(ExclusionRule {
        match_type: MatchType::Full,
        matcher: ExclusionMatcher::WordList(WordListSpec {
            values: vec!["4111111111111111".into(), "5105105105105100".into()],
            case_sensitive: false,
        }),
    });
    let p = policy(LogicalOp::Any, vec![spec]);
    assert!(found(&p, "4111111111111111").is_empty());
    assert!(found(&p, "5105105105105100").is_empty());
    assert_eq!(found(&p, "4012888888881881").len(), 1);

    let mut partial = regex(r"[a-z]+@[a-z]+\.com");
    partial.exclusion_rules.push(ExclusionRule {
        match_type: MatchType::Partial,
        matcher: ExclusionMatcher::Regex(RegexSpec {
            pattern: "@example".into(),
            case_sensitive: false,
        }),
    });
    let p = policy(LogicalOp::Any, vec![partial]);
    assert!(found(&p, "bob@example.com").is_empty());
    assert_eq!(found(&p, "bob@corp.com").len(), 1);

    let mut full_regex = regex(r"[a-z]+@[a-z]+\.com");
    full_regex.exclusion_rules.push(ExclusionRule {
        match_type: MatchType::Full,
        matcher: ExclusionMatcher::Regex(RegexSpec {
            pattern: "@example".into(),
            case_sensitive: false,
        }),
    });
    assert_eq!(
        found(&policy(LogicalOp::Any, vec![full_regex]), "bob@example.com").len(),
        1
    );
}

#[test]
fn context_rules_fix_the_confidence_within_the_window() {
    // The scan API docs' example: an SSN-shaped regex with "SSN" within 20 characters.
    let mut spec = regex(r"[0-9]{3}-[0-9]{2}-[0-9]{4}");
    spec.min_confidence = Confidence::VeryLikely;
    spec.context_rules.push(ContextRule {
        regex: RegexSpec {
            pattern: "SSN".into(),
            case_sensitive: true,
        },
        window_before: 20,
        window_after: 20,
        fixed_confidence: Confidence::VeryLikely,
    });
    let p = policy(LogicalOp::Any, vec![spec]);
    assert_eq!(found(&p, "my SSN is 489-36-8350").len(), 1);
    assert!(found(&p, "SSN ........................... 489-36-8350").is_empty());
    assert!(found(&p, "number 489-36-8350").is_empty());
}

#[test]
fn word_lists_match_whole_words_with_case_option() {
    let p = policy(
        LogicalOp::Any,
        vec![words(&["Project Falcon", "cat"], false)],
    );
    assert_eq!(
        found(&p, "about project falcon and a CAT"),
        vec![
            ("WORD_LIST #1".into(), "project falcon".into()),
            ("WORD_LIST #1".into(), "CAT".into())
        ]
    );
    assert!(found(&p, "concatenate").is_empty());
    let p = policy(LogicalOp::Any, vec![words(&["Falcon"], true)]);
    assert!(found(&p, "falcon").is_empty());
}

#[test]
fn display_names_uuids_and_rule_names_reach_findings() {
    let mut spec = DetectorSpec::native("CREDIT_CARD_NUMBER");
    spec.display_name = Some("Credit Card Number".into());
    spec.uuid = Some("74c1815e-c0c3-4df5-8b1e-6cf98864a454".into());
    let mut p = policy(LogicalOp::Any, vec![spec]);
    p.rules.push(DetectionRule {
        name: "Cards".into(),
        uuid: Some("9a4b4c8e-0000-4000-8000-000000000001".into()),
        logical_op: LogicalOp::Any,
        detectors: vec![{
            let mut s = DetectorSpec::native("CREDIT_CARD_NUMBER");
            s.display_name = Some("Credit Card Number".into());
            s.uuid = Some("74c1815e-c0c3-4df5-8b1e-6cf98864a454".into());
            s
        }],
    });
    let outcome = scan_once(&p, CARD).unwrap();
    assert_eq!(
        outcome.findings.len(),
        1,
        "the same finding from two rules is reported once"
    );
    let f = &outcome.findings[0];
    assert_eq!(f.detector.name, "Credit Card Number");
    assert_eq!(
        f.detector.uuid.as_deref(),
        Some("74c1815e-c0c3-4df5-8b1e-6cf98864a454")
    );
    let names: Vec<&str> = f.matched_rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Inline Detection Rule #1", "Cards"]);
}

#[test]
fn bad_rules_fail_at_compile_time_naming_rule_and_problem() {
    let err = Scanner::new(&policy(
        LogicalOp::Any,
        vec![DetectorSpec::native("NOT_A_DETECTOR")],
    ))
    .unwrap_err();
    assert!(err.to_string().contains("unknown native detector"), "{err}");
    assert!(
        err.to_string().contains("Inline Detection Rule #1"),
        "{err}"
    );

    let err = Scanner::new(&policy(LogicalOp::Any, vec![regex("(unclosed")])).unwrap_err();
    assert!(err.to_string().contains("invalid regex"), "{err}");
    assert_eq!(err.detector.as_deref(), Some("REGEX #1"));

    let err = Scanner::new(&policy(LogicalOp::Any, vec![regex(&"a".repeat(5000))])).unwrap_err();
    assert!(err.to_string().contains("limit is 4096"), "{err}");

    let err = Scanner::new(&policy(LogicalOp::Any, vec![regex("[a-z]{1000}{1000}")])).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");

    let err = Scanner::new(&policy(
        LogicalOp::All,
        vec![DetectorSpec::native("CREDIT_CARD_NUMBER")],
    ))
    .unwrap_err();
    assert!(err.to_string().contains("ALL needs at least two"), "{err}");

    let err = Scanner::new(&policy(LogicalOp::Any, vec![words(&[" ", ""], false)])).unwrap_err();
    assert!(err.to_string().contains("word list is empty"), "{err}");

    let err = Scanner::new(&ScanPolicy::default()).unwrap_err();
    assert!(err.to_string().contains("no detection rule"), "{err}");

    // Any scan-API name this build does not implement yet.
    if let Some((name, _)) = leakhound_engine::catalogue::NOT_IMPLEMENTED.first() {
        let err =
            Scanner::new(&policy(LogicalOp::Any, vec![DetectorSpec::native(name)])).unwrap_err();
        assert!(err.to_string().contains("not supported"), "{err}");
    }
}

#[test]
fn each_rule_is_judged_alone_and_a_failed_all_rule_reports_nothing() {
    let mut two_cards = DetectorSpec::native("CREDIT_CARD_NUMBER");
    two_cards.min_num_findings = 2;
    let rule = |name: &str, op, detectors| DetectionRule {
        name: name.into(),
        uuid: None,
        logical_op: op,
        detectors,
    };
    let policy = ScanPolicy {
        rules: vec![
            rule(
                "two cards and a mail",
                LogicalOp::All,
                vec![two_cards, DetectorSpec::native("EMAIL_ADDRESS")],
            ),
            rule(
                "mail",
                LogicalOp::Any,
                vec![DetectorSpec::native("EMAIL_ADDRESS")],
            ),
        ],
        ..ScanPolicy::default()
    };
    let judged = |text: &str| -> Vec<(String, Vec<String>)> {
        scan_once(&policy, text)
            .unwrap()
            .findings
            .iter()
            .map(|f| {
                let rules = f.matched_rules.iter().map(|r| r.name.clone()).collect();
                (f.detector.name.clone(), rules)
            })
            .collect()
    };
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // One card: the ALL rule fails as a whole, its e-mail spec included.
    assert_eq!(
        judged(&format!("card {CARD}, mail ann@example.org")),
        vec![("EMAIL_ADDRESS".to_string(), names(&["mail"]))]
    );
    // Two cards: it holds, and the e-mail satisfies both rules.
    assert_eq!(
        judged(&format!(
            "card {CARD}, mail ann@example.org, card 5500 0000 0000 0004"
        )),
        vec![
            (
                "CREDIT_CARD_NUMBER".to_string(),
                names(&["two cards and a mail"])
            ),
            (
                "EMAIL_ADDRESS".to_string(),
                names(&["two cards and a mail", "mail"])
            ),
            (
                "CREDIT_CARD_NUMBER".to_string(),
                names(&["two cards and a mail"])
            ),
        ]
    );
}
