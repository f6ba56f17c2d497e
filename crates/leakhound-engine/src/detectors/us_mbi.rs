//! US_MEDICARE_BENEFICIARY_IDENTIFIER: the 11-character Medicare Beneficiary Identifier.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// MBIs (CMS, "MBI format specifications", 2017): 11 characters `CAANNAANAAN`-like by
/// position: 1 a digit 1–9; 2, 5, 8, 9 a letter; 3, 6 a letter or digit; 4, 7, 10, 11 a
/// digit; the letters S, L, O, I, B and Z never appear. Often printed `1EG4-TE5-MK73`. They
/// are random, with no check digit, so a candidate is `POSSIBLE` by its format and `LIKELY`
/// near Medicare words; it is only searched near them.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_MEDICARE_BENEFICIARY_IDENTIFIER",
    description: "US Medicare Beneficiary Identifiers (11-character MBI by position rules, no S/L/O/I/B/Z), near Medicare words",
    patterns: &[Pattern::near(
        "mbi-near-keyword",
        r"(?-u:\b)[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y]{2}[0-9]{2}(?-u:\b)",
        // Not "mbi" alone: it is inside "combine", "ambiguous", "Colombia".
        &["medicare", "mbi ", "mbi:", "mbi#", "(mbi", "beneficiary"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["medicare", "mbi", "beneficiary", "cms", "part a", "part b", "part d"],
        opposing: &["order", "invoice", "tracking", "sku", "serial", "part no", "product", "ref:", "ref#", "license key"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 205,
    examples: &[
        Example { text: "Medicare number (MBI): 2AC7-HJ9-KM42", finds: &["2AC7-HJ9-KM42"], min_confidence: Confidence::Likely },
        Example { text: "my new medicare card shows 5TW2RP4YX81", finds: &["5TW2RP4YX81"], min_confidence: Confidence::Likely },
        Example { text: "Beneficiary MBI 9K74-A27-QE06, Part B only", finds: &["9K74-A27-QE06"], min_confidence: Confidence::Likely },
        Example { text: "MBI: 3HX1GW8RD55 (replaces the old SSN-based number)", finds: &["3HX1GW8RD55"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Medicare claim 1EG4-TE5-MK7S was typed wrong.",
        "Order 2AC7HJ9KM42 shipped to the customer.",
        "Product SKU 2BC7HJ9KM42 for medicare supplies",
        "Medicare ID 1SL4-TE5-MK73 (letters S and L are never used)",
        "medicare plan code 0AC7-HJ9-KM42",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    // Dashes, when present, are both there: `XXXX-XXX-XXXX`.
    let compact: Vec<u8> = match b.len() {
        11 => b.to_vec(),
        13 if b[4] == b'-' && b[8] == b'-' => b.iter().copied().filter(|&c| c != b'-').collect(),
        _ => return None,
    };
    let letter = |c: u8| c.is_ascii_uppercase() && !b"SLOIBZ".contains(&c);
    let ok = compact.iter().enumerate().all(|(i, &c)| match i {
        0 => (b'1'..=b'9').contains(&c),
        1 | 4 | 7 | 8 => letter(c),
        2 | 5 => letter(c) || c.is_ascii_digit(),
        _ => c.is_ascii_digit(),
    });
    ok.then(|| Verdict::passed(Confidence::Possible, "mbi-positions"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        for ok in [
            "2AC7-HJ9-KM42",
            "5TW2RP4YX81",
            "9K74-A27-QE06",
            "1EG4TE5MK73",
            "7CD4EF5GH66",
        ] {
            assert!(validate(ok).is_some(), "{ok}");
        }
        for bad in [
            "0AC7HJ9KM42",
            "2BC7HJ9KM42",
            "2AC7HJ9KM4",
            "2AC7-HJ9KM42",
            "2AC7HJ9KS42",
            "2A1AHJ9KM42",
            "2ACAHJ9KM42",
            "2AC7HJ9K442",
            "2ac7hj9km42",
        ] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
