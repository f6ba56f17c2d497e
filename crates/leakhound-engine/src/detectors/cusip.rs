//! AMERICAN_BANKERS_CUSIP_ID: CUSIP security identifiers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::cusip;

/// Nine characters: issuer (six), issue (two) and a check digit. One nine-character code in
/// ten passes the check, and nine digits are also SSNs, routing and order numbers, so CUSIPs
/// are searched only near "CUSIP" (or "CINS", the international form).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "AMERICAN_BANKERS_CUSIP_ID",
    description: "CUSIP security identifiers (9 characters, check digit) near CUSIP or CINS",
    patterns: &[Pattern::near(
        "cusip",
        r"(?-u:\b)[0-9A-Z]{8}[0-9](?-u:\b)",
        &["cusip", "cins"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["cusip", "cins"],
        opposing: &[
            "order", "invoice", "tracking", "ssn", "routing", "phone", "sku", "ticket", "ref:",
            "ref#", "passport", "licen",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 143,
    examples: &[
        Example {
            text: "The bond's CUSIP is 037833100 per the trade confirmation.",
            finds: &["037833100"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "CUSIP: 38259P508 (class A shares)",
            finds: &["38259P508"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Can you check holdings for cusip 91324PAE2 and 594918104?",
            finds: &["91324PAE2", "594918104"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Position 464287101 (CUSIP) was transferred in from the old broker.",
            finds: &["464287101"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Check digit wrong.
        "CUSIP 037833101 not found in the master file.",
        "CUSIP field defaulted to 000000000.",
        // The CUSIP inside an ISIN is not a separate value.
        "ISIN US0378331005 is listed; the CUSIP is inside it.",
        "Order 037833100 shipped yesterday.",
        "Routing number 021000021 goes on the wire form.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if !cusip::is_valid(text) || b[..8].iter().all(|&c| c == b[0]) {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "cusip-check-digit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("037833100"), Some(Confidence::Likely));
        assert_eq!(c("38259P508"), Some(Confidence::Likely));
        assert_eq!(c("037833101"), None);
        assert_eq!(c("000000000"), None);
        assert_eq!(c(""), None);
    }
}
