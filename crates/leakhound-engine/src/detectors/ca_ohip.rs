//! CANADA_OHIP: Ontario Health Insurance Plan health numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, ohip};

/// Ontario health numbers: ten digits with a Luhn check digit, usually printed
/// `1234-567-890` and often followed by the card's two-letter version code. Searched only
/// near Ontario health-card words (a bare ten-digit run is usually a phone number).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_OHIP",
    description: "Ontario health card numbers (10 digits, Luhn, optional 2-letter version code), near OHIP or health-card words",
    patterns: &[Pattern::near(
        "ohip-near-keyword",
        r"(?-u:\b)[0-9]{4}[- ]?[0-9]{3}[- ]?[0-9]{3}(?:[- ]?[A-Z]{2})?(?-u:\b)",
        &["ohip", "health card", "health number", "ontario health", "version code"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["ohip", "ontario health", "health card", "health number", "version code", "ontario", "serviceontario"],
        opposing: &["order", "invoice", "tracking", "phone", "call", "fax", "tel:", "ref:", "ref#", "sku", "serial"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 210,
    examples: &[
        Example { text: "OHIP number 2468-135-799-AB on file", finds: &["2468-135-799-AB"], min_confidence: Confidence::VeryLikely },
        Example { text: "Ontario health card: 4062 839 172 XY", finds: &["4062 839 172 XY"], min_confidence: Confidence::VeryLikely },
        Example { text: "ohip 5550001233, version code missing", finds: &["5550001233"], min_confidence: Confidence::VeryLikely },
        Example { text: "Health number 9876543217 (Ontario)", finds: &["9876543217"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "OHIP 2468-135-790 doesn't validate.",
        "Order 2468135799 shipped.",
        "OHIP office phone 416-555-0123",
        "health card 0000000000 is a placeholder",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let (d, _) = ohip::parse(text)?;
    if filler::is_filler(text) {
        return None;
    }
    if ohip::digits_ok(&d) {
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
        assert_eq!(c("2468-135-799-AB"), Some(Confidence::Likely));
        assert_eq!(c("5550001233"), Some(Confidence::Likely));
        assert_eq!(c("2468-135-790"), Some(Confidence::Unlikely));
        assert_eq!(c("0000000000"), None);
        assert_eq!(c("2468-135-79"), None);
    }
}
