use crate::helpers::*;
use leakhound_engine::*;

fn with_redaction(method: RedactionMethod, remove: bool) -> ScanPolicy {
    let mut spec = DetectorSpec::native("CREDIT_CARD_NUMBER");
    spec.redaction = Some(RedactionConfig {
        method,
        remove_finding: remove,
    });
    policy(LogicalOp::Any, vec![spec])
}

#[test]
fn masking_builds_the_redacted_copy_with_locations() {
    let p = with_redaction(
        RedactionMethod::Mask(MaskConfig {
            masking_char: '👀',
            chars_to_ignore: vec!['-'],
            num_chars_to_leave_unmasked: 3,
            unmasked_at_end: false,
        }),
        false,
    );
    let text = "4916-6734-7572-5015 is my credit card number";
    let outcome = scan_once(&p, text).unwrap();
    assert_eq!(
        outcome.redacted_text.as_deref(),
        Some("491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀 is my credit card number")
    );
    let f = &outcome.findings[0];
    assert_eq!(
        f.redacted.as_deref(),
        Some("491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀")
    );
    let loc = f.redacted_location.clone().unwrap();
    assert_eq!(loc.codepoint_range, 0..19);
    assert_eq!(loc.byte_range, 0.."491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀".len());
}

#[test]
fn substitution_info_type_and_default_config() {
    let outcome = scan_once(
        &with_redaction(RedactionMethod::Substitute("[REDACTED]".into()), true),
        "a 4111111111111111 b",
    )
    .unwrap();
    assert_eq!(outcome.redacted_text.as_deref(), Some("a [REDACTED] b"));
    assert!(outcome.findings[0].remove_finding);
    let f = &outcome.findings[0];
    assert_eq!(f.redacted_location.as_ref().unwrap().byte_range, 2..12);

    let outcome = scan_once(
        &with_redaction(RedactionMethod::InfoType, false),
        "a 4111111111111111 b",
    )
    .unwrap();
    assert_eq!(
        outcome.redacted_text.as_deref(),
        Some("a [CREDIT_CARD_NUMBER] b")
    );

    let mut p = policy(
        LogicalOp::Any,
        vec![DetectorSpec::native("CREDIT_CARD_NUMBER")],
    );
    p.default_redaction = Some(RedactionConfig {
        method: RedactionMethod::Substitute("#".into()),
        remove_finding: false,
    });
    let outcome = scan_once(&p, "x 4111111111111111 y 5500 0000 0000 0004").unwrap();
    assert_eq!(outcome.redacted_text.as_deref(), Some("x # y #"));
    assert_eq!(
        outcome.findings[1]
            .redacted_location
            .as_ref()
            .unwrap()
            .byte_range,
        6..7
    );
}

#[test]
fn no_redaction_means_no_redacted_text() {
    let outcome = scan_once(&ScanPolicy::default_rules(), "4111111111111111").unwrap();
    assert!(outcome.redacted_text.is_none());
    assert!(outcome.findings[0].redacted.is_none());
    assert_eq!(outcome.findings[0].safe_fragment(), "411*************");
}

#[test]
fn a_bad_public_key_fails_at_compile_time() {
    let err = Scanner::new(&with_redaction(
        RedactionMethod::Encrypt {
            public_key_pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----".into(),
        },
        false,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("cryptoConfig.publicKey"), "{err}");
}
