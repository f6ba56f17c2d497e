//! US_HEALTHCARE_NPI: National Provider Identifiers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::npi;

/// NPIs: ten digits starting 1 or 2 with a Luhn check digit over `80840` + the number. A
/// bare ten-digit run is more often a phone number or a Unix timestamp (one in ten of which
/// pass Luhn), so NPIs are searched only near NPI and prescriber words (not "provider"
/// alone: payment and e-mail providers are everywhere); with one, a valid NPI is
/// `VERY_LIKELY`.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_HEALTHCARE_NPI",
    description: "US National Provider Identifiers (10 digits, Luhn with the 80840 prefix), near NPI or prescriber words",
    patterns: &[Pattern::near(
        "npi-near-keyword",
        r"(?-u:\b)[12][0-9]{9}(?-u:\b)",
        &["npi", "national provider", "prescriber", "nppes", "physician", "provider id", "provider number", "rendering", "billing provider", "referring"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "npi", "national provider", "provider id", "provider number", "rendering provider", "billing provider",
            "referring provider", "prescriber", "nppes", "physician", "taxonomy", "clinician",
        ],
        opposing: &["order", "invoice", "tracking", "phone", "call", "fax", "timestamp", "epoch", "ref:", "ref#", "sku"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 207,
    examples: &[
        Example { text: "Provider NPI 1987654328 is listed on the claim.", finds: &["1987654328"], min_confidence: Confidence::VeryLikely },
        Example { text: "The rendering provider's NPI: 1123456786", finds: &["1123456786"], min_confidence: Confidence::VeryLikely },
        Example { text: "npi=2057483911 in the 837 file", finds: &["2057483911"], min_confidence: Confidence::VeryLikely },
        Example { text: "Dr. Okafor (prescriber 1748293051) signed the refill.", finds: &["1748293051"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "NPI 1234567890 fails the check digit.",
        "Order 1987654328 shipped on Monday.",
        "Our NPI application is pending, reference 3234567893.",
        "Created at 1700000000 by the provider sync job.",
        "Our payment provider logged 1748293051 as the event time.",
        "Phone the provider at 2125551234.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = npi::parse(text)?;
    if npi::digits_ok(&d) {
        Some(Verdict::passed(Confidence::Likely, "luhn-80840"))
    } else {
        Some(Verdict::failed(Confidence::Unlikely, "luhn-80840"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("1987654328"), Some(Confidence::Likely));
        assert_eq!(c("1234567890"), Some(Confidence::Unlikely));
        assert_eq!(c("3234567893"), Some(Confidence::Unlikely));
        assert_eq!(c("123456789"), None);
    }
}
