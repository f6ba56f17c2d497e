//! US_BANK_ROUTING_MICR: ABA routing transit numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::aba::{self, AbaStatus};

/// Nine-digit ABA routing numbers. About one nine-digit number in twenty passes the prefix
/// and checksum rules by chance, so a routing number without a banking word nearby stays
/// POSSIBLE; with one ("routing", "ABA", "wire", …) it is VERY_LIKELY.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_BANK_ROUTING_MICR",
    description: "US bank routing numbers (ABA prefix ranges and 3-7-1 checksum), confident only next to banking words",
    // Not glued by a dash to other digits: `25366-815-710413437` is a Canadian account.
    patterns: &[Pattern::new("aba-routing", r"(?:^|[^0-9A-Za-z-]|[^0-9]-)(?P<value>[0-9]{9})(?-u:\b)")],
    validate,
    context: ContextPolicy {
        supporting: &[
            "routing", "aba", "rtn", "transit", "wire", "ach", "bank", "micr", "direct deposit", "checking",
        ],
        // Not "ssn": an SSN keyword right before nine digits makes them an SSN candidate,
        // which wins the overlap; further away it is only the next field of a form.
        opposing: &["order", "invoice", "tracking", "ticket", "phone", "zip", "sku", "case", "passport"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 60,
    examples: &[
        Example {
            text: "Our routing number is 021000021 and the account ends in 4410.",
            finds: &["021000021"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Send the wire to ABA 011000015, Federal Reserve Bank of Boston.",
            finds: &["011000015"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "ACH: 026009593 / acct 88120034", finds: &["026009593"], min_confidence: Confidence::VeryLikely },
        Example {
            text: "Direct deposit transit number 322271627 please",
            finds: &["322271627"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "Reference 121000248 in the ledger.", finds: &["121000248"], min_confidence: Confidence::Possible },
    ],
    negative_examples: &[
        // Valid checksum but no banking word: stays POSSIBLE; an order word lowers it.
        "Order 021000021 shipped yesterday.",
        "See attachment 011000015 for details.",
        // Checksum failures and unassigned prefixes are not candidates at all.
        "routing number 021000022 (typo?)",
        "routing 991234567 does not exist",
        "Invoice 123456780 is attached.",
        "Your ticket 026009593 was escalated to tier 2.",
        "My bank account for direct deposit is 25366-815-710413437 (transit, institution, account).",
        "my british passport no is 280314312\nFor the international wire use SWIFT MIDLGB22.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    match aba::status(text) {
        AbaStatus::Valid => Some(Verdict::passed(Confidence::Likely, "aba-checksum")),
        // Nine random digits fail the checksum nine times in ten; keeping them as UNLIKELY
        // would flood every ticket that quotes an order number.
        AbaStatus::BadChecksum | AbaStatus::NotRouting => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            validate("021000021").map(|v| v.confidence),
            Some(Confidence::Likely)
        );
        assert_eq!(validate("021000022"), None);
        assert_eq!(validate("991234567"), None);
    }
}
