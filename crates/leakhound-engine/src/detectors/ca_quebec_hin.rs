//! CANADA_QUEBEC_HIN: Québec health insurance numbers (RAMQ).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// RAMQ numbers: four letters (three of the surname, one of the given name), the birth date
/// `YYMMDD` with 50 added to the month for women, and two administrative digits; printed
/// `ABCD 1234 5678`. The date must be a real one; the final digit's algorithm is not public,
/// so a candidate is `POSSIBLE` by format and `LIKELY` near RAMQ or health-card words, near
/// which alone it is searched.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_QUEBEC_HIN",
    description: "Québec health insurance numbers (RAMQ: 4 letters + birth date YYMMDD + 2 digits), near RAMQ or health-card words",
    patterns: &[Pattern::near(
        "ramq-near-keyword",
        r"(?-u:\b)[A-Z]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?-u:\b)",
        // Not "hin" alone: it is inside "within", "nothing", "shipping".
        &["ramq", "assurance maladie", "assurance-maladie", "carte soleil", "health insurance", "quebec", "health card", "hin:", "hin#", "(hin"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["ramq", "assurance maladie", "carte soleil", "health insurance", "quebec", "health card", "hin", "assurance-maladie"],
        opposing: &["order", "invoice", "tracking", "ticket", "sku", "serial", "ref:", "ref#", "flight", "booking"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 211,
    examples: &[
        Example { text: "Numéro RAMQ : TREM 8503 1512", finds: &["TREM 8503 1512"], min_confidence: Confidence::Likely },
        Example { text: "Quebec health card GAGJ 9256 2114", finds: &["GAGJ 9256 2114"], min_confidence: Confidence::Likely },
        Example { text: "carte soleil: BOUL01121899", finds: &["BOUL01121899"], min_confidence: Confidence::Likely },
        Example { text: "RAMQ LAVM-7711-3021 expired", finds: &["LAVM-7711-3021"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "RAMQ TREM 8513 1512 has month 13.",
        "Order ABCD 1234 5678 for the quebec office",
        "Ticket ZXCV 9912 3456 reopened",
        "RAMQ GAGJ 9202 3012 (February 30th cannot be)",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let c: Vec<u8> = text.bytes().filter(|b| *b != b' ' && *b != b'-').collect();
    if c.len() != 12
        || !c[..4].iter().all(u8::is_ascii_uppercase)
        || !c[4..].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let n = |i: usize| u32::from(c[i] - b'0') * 10 + u32::from(c[i + 1] - b'0');
    let (year, month, day) = (n(4), n(6), n(8));
    let month = if month > 50 { month - 50 } else { month };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // The century is not written: 00 may be 1900 (not leap) or 2000 (leap).
        2 if year % 4 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| Verdict::passed(Confidence::Possible, "ramq-birth-date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for ok in [
            "TREM 8503 1512",
            "GAGJ92562114",
            "BOUL-0112-1899",
            "LAVM 8402 2912",
        ] {
            assert_eq!(
                validate(ok).map(|v| v.confidence),
                Some(Confidence::Possible),
                "{ok}"
            );
        }
        for bad in [
            "TREM 8513 1512",
            "GAGJ 9202 3012",
            "LAVM 8502 2912",
            "TREM 8500 1512",
            "TREM 8563 1512",
            "TREM 8503 0012",
            "TRE1 8503 1512",
        ] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
