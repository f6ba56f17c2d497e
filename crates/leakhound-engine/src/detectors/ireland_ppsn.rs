//! IRELAND_PPSN: Irish Personal Public Service Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::pps;

/// Seven digits, a mod-23 check letter and an optional second letter (A, B or H since 2013;
/// W, T or X before). The check letter makes a random seven-digits-and-a-letter code pass one
/// time in twenty-three, so order and part-number words next to it lower it.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "IRELAND_PPSN",
    description: "Irish PPS numbers (7 digits + check letter + optional A/B/H/W/T/X, mod-23)",
    patterns: &[Pattern::new(
        "ie-ppsn",
        // Capitals only, and not followed by a dash: a lower-case letter after seven digits is
        // usually a hex fragment, and `1205638D-4206-…` is the start of a UUID.
        r"(?-u:\b)(?P<value>[0-9]{7}[A-W][ABHWTX]?)(?:$|[^-0-9A-Za-z])",
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "pps",
            "personal public service",
            "social welfare",
            "welfare",
            "revenue",
            "mywelfare",
            "public services card",
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
            "version",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 154,
    examples: &[
        Example {
            text: "My PPS number is 1234567FA, can you update my account?",
            finds: &["1234567FA"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "PPSN: 8473015A (old format, no second letter)",
            finds: &["8473015A"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Revenue asked me to confirm 2918374NA before the refund.",
            finds: &["2918374NA"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "hi its Aoife, 7730148Q is mine and 5503921NB is my husband's",
            finds: &["7730148Q", "5503921NB"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Wrong check letter.
        "PPS number 1234567FB was rejected by MyWelfare.",
        "Order 8473015A is on its way.",
        "Replacement part number 2918374NA fits the 2019 model.",
        "PPSN 0000000W is a placeholder in the test data.",
        "Invoice 7730148Q attached.",
        "Request 1205638D-4206-C07A-D193-06571B4B6D92 timed out.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b[..7.min(b.len())].iter().all(|&c| c == b[0]) {
        return None;
    }
    pps::is_valid(text).then_some(Verdict::passed(Confidence::Likely, "pps-mod-23"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("1234567FA"), Some(Confidence::Likely));
        assert_eq!(c("6433435F"), Some(Confidence::Likely));
        assert_eq!(c("1234567FB"), None);
        assert_eq!(c("0000000W"), None);
    }
}
