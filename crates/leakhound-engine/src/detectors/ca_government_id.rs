//! CANADA_GOVERNMENT_ID: other Canadian government-issued identity document numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// What this detector means, honestly: the number of a Canadian government identity
/// document that has no detector of its own, found only when the document is named next to
/// it. The documents: the Secure Certificate of Indian Status ("status card", 10-digit
/// registration number), citizenship certificates (a letter or two and 7–8 digits), the
/// provincial photo identification cards (Ontario Photo Card, BC Services Card photo ID,
/// Alberta ID card …: letters and digits), NEXUS / trusted-traveller PASSIDs (9 digits), and
/// firearms Possession and Acquisition Licences (digits with a `.0001` suffix). None has a
/// public check digit, so a candidate is `POSSIBLE` by format and `LIKELY` only when the
/// document is named near it. SIN, passport, PR card, health card and driver's licence
/// numbers have their own detectors and are not reported here.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_GOVERNMENT_ID",
    description: "Other Canadian government ID numbers (status card, citizenship certificate, provincial photo ID card, NEXUS PASSID, firearms PAL), only where the document is named",
    patterns: &[Pattern::near(
        "ca-gov-id-near-keyword",
        r"(?-u:\b)(?:[0-9]{8}\.[0-9]{4}|[A-Z]{1,2}[0-9]{7,8}|[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5}|[0-9]{9,10})(?-u:\b)",
        // Only the documents' names: "photo ID" and "ID card" alone are everywhere and never
        // support a finding on their own.
        &[
            "status card", "indian status", "citizenship certificate", "photo card", "nexus", "passid", "firearms",
            "pal number", "pal #", "possession and acquisition",
        ],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "status card", "indian status", "certificate of indian status", "citizenship certificate", "photo card",
            "nexus", "passid", "firearms licen", "possession and acquisition", "pal number", "pal #", "canadian government",
            "government of canada",
        ],
        opposing: &["order", "invoice", "tracking", "ticket", "ref:", "ref#", "sku", "serial", "phone", "member", "gym", "student"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 215,
    examples: &[
        Example { text: "My status card registration number is 5402918376.", finds: &["5402918376"], min_confidence: Confidence::Likely },
        Example { text: "NEXUS card PASSID 158273946 for the border crossing", finds: &["158273946"], min_confidence: Confidence::Likely },
        Example { text: "Canadian citizenship certificate no. A2871930", finds: &["A2871930"], min_confidence: Confidence::Likely },
        Example { text: "Firearms PAL number 30928417.0001 on the transfer form", finds: &["30928417.0001"], min_confidence: Confidence::Likely },
        Example { text: "Ontario Photo Card P4820-19573-60124 as ID", finds: &["P4820-19573-60124"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Photo ID 5510293847 for the gym membership",
        "NEXUS order 158273946 was delayed",
        "Status card 0000000000 placeholder",
        "government id 4821337790 (which one?)",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    crate::detector::format_only_unless_filler(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            validate("5402918376").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(validate("0000000000"), None);
        assert_eq!(validate("A1234567"), None);
    }
}
