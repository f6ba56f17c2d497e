//! SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER: Scotland's CHI numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::chi;

/// Ten digits: the date of birth as DDMMYY, three more digits and a mod-11 check digit.
/// A real date and the check digit leave about one ten-digit number in three hundred, still
/// too many for order numbers and timestamps, so CHI numbers are searched near CHI and
/// Scottish health words, and confident only with them.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER",
    description:
        "Scotland CHI numbers (DDMMYY birth date + 4 digits, mod-11 check digit) near CHI words",
    patterns: &[Pattern::near(
        "scotland-chi",
        r"(?-u:\b)[0-3][0-9][01][0-9]{3}[ -]?[0-9]{4}(?-u:\b)",
        &[
            "chi ",
            "chi:",
            "chi#",
            "chi-",
            "chi.",
            "community health",
            "scotland",
            "scottish",
        ],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "chi ",
            "chi:",
            "chi#",
            "chi-",
            "chi.",
            "community health",
            "scotland",
            "scottish",
        ],
        opposing: &[
            "order", "invoice", "tracking", "phone", "tel:", "mobile", "sku", "ticket", "ref:",
            "ref#",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 153,
    examples: &[
        Example {
            text: "Patient CHI number 0101011237, seen at Ninewells.",
            finds: &["0101011237"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "CHI: 150382 4578 - NHS Scotland referral",
            finds: &["150382 4578"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "My Community Health Index no. is 2405786133 if the GP asks.",
            finds: &["2405786133"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Scottish patient, CHI 0709934025, allergy to penicillin.",
            finds: &["0709934025"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Check digit wrong, then a date that does not exist (32 Feb) with a right check digit.
        "CHI number 0101011233 did not match.",
        "CHI 3202011235 looks wrong.",
        "Order 0101011237 has shipped to Dundee.",
        "Timestamp 1732853308 in the Scottish region logs.",
        "Which child? ID 2405786133 in the school app.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    chi::is_valid(text).then_some(Verdict::passed(Confidence::Likely, "chi-birth-date-mod-11"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("0101011237"), Some(Confidence::Likely));
        assert_eq!(c("150382 4578"), Some(Confidence::Likely));
        assert_eq!(c("0101011233"), None);
        assert_eq!(c("3202011235"), None);
    }
}
