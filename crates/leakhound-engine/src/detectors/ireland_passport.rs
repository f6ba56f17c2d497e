//! IRELAND_PASSPORT: Irish passport numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Two letters and seven digits next to a passport word. No check digit outside the
/// machine-readable zone: POSSIBLE from the format, LIKELY with the passport word. The Irish
/// "pas" counts only as "uimhir pas" (passport number): alone it is French "ne ... pas".
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "IRELAND_PASSPORT",
    description: "Irish passport numbers (2 letters + 7 digits) next to passport words",
    patterns: &[Pattern::near(
        "ie-passport",
        concat!(
            other_label!(),
            r"[A-Z]{2}[0-9]{7}(?-u:\b)|(?-u:\b)(?P<value>[A-Z]{2}[0-9]{7})(?-u:\b)"
        ),
        &["passport", "uimhir pas", "uimhir phas"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passport", "uimhir pas", "uimhir phas"],
        // German passport numbers can take the Irish shape (two letters, seven digits).
        // Labels of other numbers before a number ("order …", "tracking …") are in the
        // pattern (`other_label!`), so the next sentence's label does not count here.
        opposing: &["german", "deutsch", "reisepass", "sample", "example"],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 145,
    examples: &[
        Example {
            text: "Irish passport number CF0712903.\nRegarding order #8400851007.",
            finds: &["CF0712903"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "My Irish passport number is PA4829173, expiring 2029.",
            finds: &["PA4829173"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Passport: LR0937215 (Ireland)",
            finds: &["LR0937215"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "I renewed online; the new passport is PE7712093.",
            finds: &["PE7712093"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "passport no: FT4883816 (Ireland)",
            finds: &["FT4883816"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Uimhir pas: PB5530184 - sent from Cork",
            finds: &["PB5530184"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Your order PA4829173 has shipped.",
        "Passport holder's flight booking FR1234567 is confirmed.",
        "Serial XX0000000 printed on the passport scanner.",
        "Tracking AB1234567 for the passport application pack.",
        "Invoice IE9182736 attached.",
        "Je ne trouve pas FR1234567 dans la liste.",
        "German passport number CF4827163, issued in Berlin.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b.len() != 9
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    if b[2..].iter().all(|&c| c == b[2]) || &text[2..] == "1234567" {
        return None;
    }
    Some(Verdict::format_only(Confidence::Possible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("PA4829173"), Some(Confidence::Possible));
        assert_eq!(c("XX0000000"), None);
        assert_eq!(c("AB1234567"), None);
        assert_eq!(c("P14829173"), None);
    }
}
