//! CANADA_BC_PHN: British Columbia Personal Health Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{bc_phn, filler};

/// PHNs: ten digits starting with 9, MOD 11 check digit, usually printed `9999 999 999`.
/// Ten digits starting with 9 are also phone numbers in area codes 902–989, so PHNs are
/// searched only near health-card words; with one, a valid PHN is `VERY_LIKELY`.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_BC_PHN",
    description: "British Columbia Personal Health Numbers (10 digits starting with 9, MOD 11 check digit), near health-card words",
    patterns: &[Pattern::near(
        "bc-phn-near-keyword",
        r"(?-u:\b)9[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}(?-u:\b)",
        &["phn", "personal health", "health number", "care card", "carecard", "services card", "msp number", "msp #", "msp no", "health card"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "phn", "personal health", "health number", "care card", "carecard", "services card", "msp number", "msp #",
            "msp no", "health card", "british columbia", "b.c.",
        ],
        opposing: &["order", "invoice", "tracking", "phone", "call", "fax", "tel:", "ref:", "ref#", "sku", "serial"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 209,
    examples: &[
        Example { text: "BC PHN 9123 456 780 for the patient", finds: &["9123 456 780"], min_confidence: Confidence::VeryLikely },
        Example { text: "Personal Health Number: 9876 543 218", finds: &["9876 543 218"], min_confidence: Confidence::VeryLikely },
        Example { text: "my carecard number is 9048175206", finds: &["9048175206"], min_confidence: Confidence::VeryLikely },
        Example { text: "MSP number / PHN 9451-286-308", finds: &["9451-286-308"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "PHN 9698 648 215 has a typo.",
        "health card 5736504210 is from another province",
        "Call me at 9123 456 780 after five.",
        "BC Services Card serial 9876 543 210",
        "PHN 9999 999 999 placeholder",
        "Our MSP opened ticket 9123456780 about the firewall.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = bc_phn::parse(text)?;
    if filler::is_filler(text) {
        return None;
    }
    if bc_phn::digits_ok(&d) {
        Some(Verdict::passed(Confidence::Likely, "mod-11"))
    } else {
        Some(Verdict::failed(Confidence::Unlikely, "mod-11"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("9123 456 780"), Some(Confidence::Likely));
        assert_eq!(c("9698658215"), Some(Confidence::Likely));
        assert_eq!(c("9698 648 215"), Some(Confidence::Unlikely));
        assert_eq!(c("9999 999 999"), None);
        assert_eq!(c("969865821"), None);
    }
}
