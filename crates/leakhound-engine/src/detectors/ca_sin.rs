//! CANADA_SOCIAL_INSURANCE_NUMBER: Canadian Social Insurance Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, sin};

/// SINs written `ddd-ddd-ddd` or `ddd ddd ddd` anywhere, and nine plain digits only right
/// after a SIN keyword (English or French; "sin" and "nas" are also Spanish and Portuguese
/// words, so the keyword must stand right before the number).
///
/// Nine digits in 3-3-3 groups say little on their own (Spanish mobile numbers are written
/// `612 345 678`, and one number in ten passes Luhn), so, like routing numbers, a SIN is
/// `POSSIBLE` without a SIN word nearby and `VERY_LIKELY` with one. "sin" is also Spanish
/// ("without"), so a Spanish phone number next to it can still pass for a SIN one time in
/// ten; "nas" (Portuguese "in the") counts only as "NAS:" or "(NAS)". Luhn-checked; a first digit of 0 (never issued) or 8
/// (business numbers) drops the candidate; 9 (temporary residents) is kept.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_SOCIAL_INSURANCE_NUMBER",
    description: "Canadian Social Insurance Numbers (3-3-3 digits, Luhn, first digit not 0 or 8), confident only next to SIN words",
    patterns: &[
        Pattern::new("sin-grouped", r"(?-u:\b)[0-9]{3}[- ][0-9]{3}[- ][0-9]{3}(?-u:\b)"),
        Pattern::near(
            "sin-plain-after-keyword",
            r"(?-u:\b)(?i-u:sin|nas|social insurance(?: number| no\.?)?|assurance sociale)(?:[ \t]?[:#=][ \t]?|[ \t](?:(?i-u:is|number|no\.?)[ \t:]{1,3})?)(?P<value>[0-9]{9})(?-u:\b)",
            // Not "sin" alone: it ends "using", "business", "processing".
            &["sin ", "sin:", "sin#", "(sin", "social insurance", "nas ", "nas:", "(nas", "assurance sociale"],
            0,
            8,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "sin ", "sin:", "sin#", "sin)", "(sin", "social insurance", "assurance sociale", "nas:", "nas :", "(nas", "nas)",
            "service canada", "canada revenue", "payroll", "t4 slip", "record of employment",
        ],
        opposing: &[
            "order", "invoice", "tracking", "ref:", "ref#", "ref ", "reference", "sku", "serial", "part no", "case #", "ticket",
            "phone", "tel", "tlf", "mobile", "movil", "cell", "call", "llam", "whatsapp", "fax", "contact",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 208,
    examples: &[
        Example { text: "My SIN is 130 692 544, for the T4.", finds: &["130 692 544"], min_confidence: Confidence::VeryLikely },
        Example { text: "Numéro d'assurance sociale : 456-123-785", finds: &["456-123-785"], min_confidence: Confidence::VeryLikely },
        Example { text: "social insurance number 275192839 for payroll", finds: &["275192839"], min_confidence: Confidence::VeryLikely },
        Example { text: "New hire, SIN 987-654-324, starts Monday (temporary resident).", finds: &["987-654-324"], min_confidence: Confidence::VeryLikely },
        Example { text: "Updated payroll record: 456 123 785", finds: &["456 123 785"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "SIN 823-456-785 is a business number, not a person's.",
        "SIN 123-456-783 has a typo in the check digit.",
        "Order 130 692 544 shipped.",
        "Room 046-454-286 is on the second floor.",
        "tracking 456-123-785 updated",
        "SIN 000 000 000 entered as a placeholder",
        "Llámame al 782 509 442 por favor.",
        "Meu telefone é 946 895 299, nas próximas horas.",
        "Batch 130 692 544 was processed overnight.",
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
