//! IBAN_CODE: International Bank Account Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::iban::{self, IbanStatus};

/// IBANs written in one run or printed in groups of four: country code, two check digits and
/// the national account number, checked against the SWIFT registry's length for the country
/// and ISO 7064 MOD 97-10.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "IBAN_CODE",
    description: "International Bank Account Numbers (registry country lengths and BBAN formats, MOD 97-10, national check digits), plain or in groups of four",
    patterns: &[
        Pattern::new("iban-plain", r"(?-u:\b)[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?-u:\b)"),
        Pattern::new("iban-grouped", r"(?-u:\b)[A-Z]{2}[0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?(?-u:\b)"),
    ],
    validate,
    // The scanner lowercases the window with ASCII rules only, so a word that starts with a
    // non-ASCII capital is listed in both cases.
    context: ContextPolicy {
        supporting: &[
            "iban", "bank", "account", "acct", "überweisung", "Überweisung", "ueberweisung", "konto", "bankverbindung", "virement",
            "rib", "sepa", "wire", "transfer", "refund to", "bic", "swift", "cuenta", "conto",
        ],
        opposing: &["tracking", "serial", "license key", "licence key", "product key", "coupon", "voucher", "sample", "example", "placeholder", "docs ", "documentation", "tutorial", "dummy"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 80,
    examples: &[
        Example {
            text: "Please refund to IBAN DE89 3704 0044 0532 0130 00, thanks.",
            finds: &["DE89 3704 0044 0532 0130 00"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "GB82WEST12345698765432 is my account for the payout.",
            finds: &["GB82WEST12345698765432"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Bitte die Überweisung auf AT61 1904 3002 3457 3201 machen.",
            finds: &["AT61 1904 3002 3457 3201"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "New details: FR1420041010050500013M02606 (Paris branch).",
            finds: &["FR1420041010050500013M02606"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Two payees: NL91ABNA0417164300 and BE68 5390 0754 7034.",
            finds: &["NL91ABNA0417164300", "BE68 5390 0754 7034"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // One digit off: MOD 97 fails.
        "IBAN DE89 3704 0044 0532 0130 01 bounced back.",
        "Order XX12345678901234567890 was cancelled.",
        "Serial GB12ABCD1234567890 is printed on the box.",
        "The UPS tracking number 1Z999AA10123456784 has no updates.",
        "Product key AB12 CD34 EF56 GH78 was rejected.",
        "Build ID DE12345678901234 failed in CI.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    match iban::status(text) {
        IbanStatus::Valid => Some(Verdict::passed(Confidence::Likely, "iban-mod-97")),
        IbanStatus::BadChecksum => Some(Verdict::failed(Confidence::Unlikely, "iban-mod-97")),
        IbanStatus::NotIban => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("DE89 3704 0044 0532 0130 00"), Some(Confidence::Likely));
        assert_eq!(c("DE89 3704 0044 0532 0130 01"), Some(Confidence::Unlikely));
        assert_eq!(c("DE12345678901234"), None);
    }
}
