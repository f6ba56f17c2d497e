//! Properties that hold for any input: no panics, ranges on character boundaries, redaction
//! reveals no more than configured.

use leakhound_engine::*;
use proptest::prelude::*;
use std::sync::OnceLock;

fn scanner() -> &'static Scanner {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(|| {
        let mut policy = ScanPolicy::default_rules();
        policy.context_bytes = 7;
        for spec in &mut policy.rules[0].detectors {
            spec.min_confidence = Confidence::VeryUnlikely;
        }
        Scanner::new(&policy).unwrap()
    })
}

/// Text built from pieces that look like sensitive values, glued with Unicode and noise.
fn ticket_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("4111 1111 1111 1111".to_string()),
        Just("4111-1111-1111-1111".to_string()),
        Just("489-36-8350".to_string()),
        Just("bob@example.com".to_string()),
        Just("+44 20 7946 0958".to_string()),
        Just("10.0.0.1".to_string()),
        Just("GB82 WEST 1234 5698 7654 32".to_string()),
        Just("password: hunter2!".to_string()),
        Just("AKIAIOSFODNN7EXAMPLE".to_string()),
        "[0-9 -]{0,24}",
        "\\PC{0,12}",
        Just("é€🙏".to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_ranges_are_on_boundaries(text in ticket_like()) {
        let outcome = scanner().scan(&text);
        for f in &outcome.findings {
            prop_assert!(text.is_char_boundary(f.byte_range.start) && text.is_char_boundary(f.byte_range.end));
            prop_assert_eq!(&text[f.byte_range.clone()], f.value());
            prop_assert_eq!(f.codepoint_range.start, text[..f.byte_range.start].chars().count());
            prop_assert_eq!(f.codepoint_range.len(), f.value().chars().count());
            prop_assert!(f.before_context.len() <= 7 && f.after_context.len() <= 7);
            prop_assert!(text[..f.byte_range.start].ends_with(&f.before_context));
            prop_assert!(text[f.byte_range.end..].starts_with(&f.after_context));
        }
    }

    #[test]
    fn scanning_texts_together_finds_what_scanning_each_finds(texts in prop::collection::vec(ticket_like(), 0..10)) {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        crate::many::agree(scanner(), &refs);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = scanner().scan(&text);
    }

    #[test]
    fn masking_reveals_no_more_than_configured(value in "\\PC{0,40}", keep in 0usize..8, at_end in any::<bool>()) {
        let cfg = MaskConfig { masking_char: '#', chars_to_ignore: vec!['-'], num_chars_to_leave_unmasked: keep, unmasked_at_end: at_end };
        let masked = leakhound_engine::redact::mask(&value, &cfg);
        prop_assert_eq!(masked.chars().count(), value.chars().count());
        let revealed = value.chars().zip(masked.chars()).filter(|(v, m)| v == m && *v != '-' && *v != '#').count();
        prop_assert!(revealed <= keep);
    }
}
