//! UK_NATIONAL_INSURANCE_NUMBER: UK National Insurance numbers (NINO).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::nino;

/// NINOs written `AB123456C` or `AB 12 34 56 C`. There is no check digit, but the prefix
/// letters follow HMRC's allocation rules (which exclude its own example prefix QQ) and the
/// suffix is A–D, so the shape plus the rules is rare enough in other text to count as
/// structurally validated (LIKELY); an order or part-number word next to it lowers it.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_NATIONAL_INSURANCE_NUMBER",
    description: "UK National Insurance numbers (HMRC prefix rules, suffix A-D), plain or spaced",
    patterns: &[Pattern::new(
        "uk-nino",
        r"(?-u:\b)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?-u:\b)",
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "national insurance",
            "nino",
            "ni number",
            "ni no",
            "ni:",
            "ni#",
            "nat ins",
            "n.i.",
            "hmrc",
            "payroll",
            "p60",
            "p45",
        ],
        opposing: &[
            "order",
            "invoice",
            "tracking",
            "sku",
            "part no",
            "part number",
            "serial",
            "model",
            "ref:",
            "ref#",
            "ref ",
            "part ",
            "build",
            "version",
            "ticket",
            "booking",
            "confirmation",
            "transaction",
            "request",
            "case",
            "job",
            "ts=",
            "id=",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 155,
    examples: &[
        Example {
            text: "My national insurance number is JG 10 37 26 A, please update payroll.",
            finds: &["JG 10 37 26 A"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "NINO: SX918273B (from my P60)",
            finds: &["SX918273B"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Hi, new starter form attached - CE 04 38 52 D - thanks, Priya",
            finds: &["CE 04 38 52 D"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Employee record: name Tom Walsh, NI number HW 62 19 04 C, tax code 1257L.",
            finds: &["HW 62 19 04 C"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // HMRC's own example prefix QQ is never allocated.
        "For example, a National Insurance number looks like QQ 12 34 56 C.",
        // Prefixes GB, TN and ZZ, and first letters D, F, I, Q, U, V are never used.
        "Temporary numbers such as TN 01 02 03 A and ZZ 99 99 99 D are not valid.",
        "Our order AB123456C was split into two parcels.",
        "Replacement part number JK123456B is out of stock.",
        "Serial AB123456E printed on the router.",
        "Build: XW270882B passed all checks.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    nino::is_valid(text).then_some(Verdict::passed(Confidence::Likely, "nino-prefix-rules"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("JG 10 37 26 A"), Some(Confidence::Likely));
        assert_eq!(c("SX918273B"), Some(Confidence::Likely));
        assert_eq!(c("QQ123456C"), None);
        assert_eq!(c("AB123456E"), None);
        assert_eq!(c("BG123456A"), None);
    }
}
