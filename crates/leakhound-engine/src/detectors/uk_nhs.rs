//! UK_NATIONAL_HEALTH_SERVICE_NUMBER: NHS numbers (England, Wales, Isle of Man).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::nhs;

/// Ten digits, usually printed 3-3-4, with a mod-11 check digit. One ten-digit number in
/// eleven passes the check by chance, and 3-3-4 is also how North American phone numbers
/// look, so an NHS number is only a candidate near "NHS" and is never confident without it
/// (Presidio reports any mod-11-valid ten-digit ID as NHS at full score).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    description: "UK NHS numbers (10 digits, mod-11 check digit, often 3-3-4) next to the word NHS; test range 999 rejected",
    patterns: &[Pattern::near(
        "uk-nhs-number",
        r"(?-u:\b)[0-9]{3}(?:[0-9]{3}[0-9]{4}| [0-9]{3} [0-9]{4}|-[0-9]{3}-[0-9]{4})(?-u:\b)",
        &["nhs", "national health service"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["nhs", "national health service"],
        opposing: &["order", "invoice", "tracking", "phone", "tel:", "tel.", "mobile", "call ", "fax", "sku", "ref:", "ref#"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 152,
    examples: &[
        Example {
            text: "Patient NHS number: 943 476 5870, DOB on file.",
            finds: &["943 476 5870"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "my nhs no is 4010232137 if you need it for the referral",
            finds: &["4010232137"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Please attach 485-777-3457 (NHS) to the GP letter.",
            finds: &["485-777-3457"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Two NHS numbers on the form: 943 476 5870 and 401 023 2137.",
            finds: &["943 476 5870", "401 023 2137"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Check digit wrong.
        "NHS number 943 476 5871 was rejected by the spine lookup.",
        // Valid check digit, but no NHS context: a phone number or an ID.
        "Call me back on 943 476 5870 after 5pm.",
        "Confluence page 4010232137 has the runbook.",
        // The NHS test range 999 000 0000-999 999 9999.
        "Use the NHS test patient 999 000 0018 in the sandbox.",
        "NHS trust order 943-476 5870 mixed separators",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let digits = nhs::ten_digits(text)?;
    if !nhs::mod11_ok(&digits) || digits.iter().all(|&d| d == digits[0]) {
        return None;
    }
    // 999 000 0000 to 999 999 9999 are reserved for testing.
    if digits[..3] == [9, 9, 9] {
        return Some(Verdict::failed(Confidence::VeryUnlikely, "nhs-test-range"));
    }
    Some(Verdict::passed(Confidence::Likely, "nhs-mod-11"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("943 476 5870"), Some(Confidence::Likely));
        assert_eq!(c("943-476-5870"), Some(Confidence::Likely));
        assert_eq!(c("943 476 5871"), None);
        assert_eq!(c("0000000000"), None);
        assert_eq!(c("9990000018"), Some(Confidence::VeryUnlikely));
    }
}
