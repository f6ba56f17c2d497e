//! SWIFT_CODE: ISO 9362 business identifier codes (BIC, "SWIFT codes").

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::bic;

/// Eight or eleven capitals and digits: bank (four letters), an ISO 3166 country, location
/// (two characters) and an optional branch. Eight capitals are also every shouted word, and
/// more than half of all eight-letter English words have a country code in the right place,
/// so codes are searched only near SWIFT/BIC words and common words are dropped. With no
/// check digit, a well-formed code is POSSIBLE; a SWIFT/BIC word next to it (and no order,
/// build or code word, since Swift is also a programming language) makes it VERY_LIKELY.
/// Test BICs (location ending in 0) are kept at VERY_UNLIKELY.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "SWIFT_CODE",
    description:
        "SWIFT/BIC codes (ISO 9362: bank, valid ISO country, location, branch) near SWIFT or BIC",
    patterns: &[Pattern::near(
        "swift-bic",
        r"(?-u:\b)[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?-u:\b)",
        &["swift", "bic"],
        32,
        40,
    )],
    validate,
    context: ContextPolicy {
        // Not "swift" alone: Swift is also a programming language and a word.
        supporting: &[
            "swift code",
            "swift/bic",
            "swift-bic",
            "swift bic",
            "swift:",
            "swift-code",
            "swift no",
            "swift number",
            "swift #",
            "swift)",
            "(swift",
            "código swift",
            "codigo swift",
            "code swift",
            "bic",
            "bank",
            "iban",
            "wire",
            "beneficiary",
            "remittance",
            "transfer",
        ],
        opposing: &[
            "order", "invoice", "tracking", "sku", "promo", "coupon", "voucher", "ref:", "ref#",
            "build", "xcode", "swiftui", "ios", "package", "compile", "func", "import", "version",
            "export", "env",
        ],
        window: 40,
        boost: 2,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 142,
    examples: &[
        Example {
            text: "Please wire the refund: IBAN DE89370400440532013000, BIC COBADEFFXXX.",
            finds: &["COBADEFFXXX"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "SWIFT code DEUTDEFF for Deutsche Bank Frankfurt",
            finds: &["DEUTDEFF"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Our bank is NatWest, swift/bic NWBKGB2L, sort code on the statement.",
            finds: &["NWBKGB2L"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "El código SWIFT es HAJMCHU8100.",
            finds: &["HAJMCHU8100"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Beneficiary bank BNPAFRPP (SWIFT), branch code BNPAFRPPXXX if needed",
            finds: &["BNPAFRPP", "BNPAFRPPXXX"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "PLEASE SEND THE SWIFT CODE FOR THE BUSINESS ACCOUNT, IT IS REQUIRED.",
        // Country XX does not exist.
        "SWIFT code ABCDXXFF bounced.",
        // Test BIC (location ending in 0).
        "Use the test BIC DEUTDEF0 in the sandbox.",
        "Swift delivery: order ABCDUSAB shipped.",
        "Running swift build with TARGETOS=linux MACHINE=arm64 failed.",
        "Swift 5.9 with SWIFTPM fails on MACHINES with M1 chips.",
    ],
};

/// Eight-letter common words that pass the country test.
const COMMON_WORDS: &str = include_str!("../../data/bic_common_words.txt");

fn validate(text: &str) -> Option<Verdict> {
    if !bic::is_valid(text) {
        return None;
    }
    let b = text.as_bytes();
    // A branch code starts with X only as XXX (the head office).
    if b.len() == 11 && b[8] == b'X' && &b[8..] != b"XXX" {
        return None;
    }
    if b.len() == 8 && COMMON_WORDS.lines().any(|w| w == text) {
        return None;
    }
    if b[7] == b'0' {
        return Some(Verdict::failed(
            Confidence::VeryUnlikely,
            "bic-test-location",
        ));
    }
    Some(Verdict::passed(
        Confidence::Possible,
        "bic-structure-country",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("DEUTDEFF"), Some(Confidence::Possible));
        assert_eq!(c("COBADEFFXXX"), Some(Confidence::Possible));
        assert_eq!(c("DEUTDEFF500"), Some(Confidence::Possible));
        assert_eq!(c("DEUTDEFFX12"), None);
        assert_eq!(c("ABCDXXFF"), None);
        assert_eq!(c("BUSINESS"), None);
        assert_eq!(c("REQUIRED"), None);
        assert_eq!(c("DEUTDEF0"), Some(Confidence::VeryUnlikely));
    }
}
