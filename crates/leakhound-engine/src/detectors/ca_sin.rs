//! CANADA_SOCIAL_INSURANCE_NUMBER: Canadian Social Insurance Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, sin};

/// SINs written `ddd-ddd-ddd` or `ddd ddd ddd` anywhere, and nine plain digits only near a
/// SIN keyword (English or French). Luhn-checked; a first digit of 0 (never issued) or 8
/// (business numbers) drops the candidate; 9 (temporary residents) is kept.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_SOCIAL_INSURANCE_NUMBER",
    description: "Canadian Social Insurance Numbers (3-3-3 digits, Luhn, first digit not 0 or 8)",
    patterns: &[
        Pattern::new("sin-grouped", r"(?-u:\b)[0-9]{3}[- ][0-9]{3}[- ][0-9]{3}(?-u:\b)"),
        Pattern::near(
            "sin-plain-near-keyword",
            r"(?-u:\b)[0-9]{9}(?-u:\b)",
            &["sin", "social insurance", "nas", "assurance sociale"],
            0,
            48,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "sin ", "sin:", "sin#", "sin)", "sin no", "sin number", "social insurance", "nas ", "nas:", "nas)", "assurance sociale",
            "service canada", "t4", "roe", "payroll",
        ],
        opposing: &["order", "invoice", "tracking", "ref:", "ref#", "ref ", "reference", "sku", "serial", "part no", "case #", "ticket", "phone"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 138,
    examples: &[
        Example { text: "My SIN is 130 692 544, for the T4.", finds: &["130 692 544"], min_confidence: Confidence::VeryLikely },
        Example { text: "Numéro d'assurance sociale : 456-123-785", finds: &["456-123-785"], min_confidence: Confidence::VeryLikely },
        Example { text: "social insurance number 275192839 for payroll", finds: &["275192839"], min_confidence: Confidence::VeryLikely },
        Example { text: "New hire 987-654-324 starts Monday (temporary resident).", finds: &["987-654-324"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "SIN 823-456-785 is a business number, not a person's.",
        "SIN 123-456-783 has a typo in the check digit.",
        "Order 130 692 544 shipped.",
        "Room 046-454-286 is on the second floor.",
        "tracking 456-123-785 updated",
        "SIN 000 000 000 entered as a placeholder",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = sin::parse(text)?;
    if d[0] == 0 || d[0] == 8 || filler::is_filler(text) {
        return None;
    }
    if sin::digits_ok(&d) {
        Some(Verdict::passed(Confidence::Likely, "luhn"))
    } else {
        Some(Verdict::failed(Confidence::Unlikely, "luhn"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("130 692 544"), Some(Confidence::Likely));
        assert_eq!(c("987-654-324"), Some(Confidence::Likely));
        assert_eq!(c("275192839"), Some(Confidence::Likely));
        assert_eq!(c("123-456-783"), Some(Confidence::Unlikely));
        assert_eq!(c("823-456-785"), None);
        assert_eq!(c("046-454-286"), None);
        assert_eq!(c("130-692 544"), None);
    }
}
