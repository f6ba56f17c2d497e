//! UK_ELECTORAL_ROLL_NUMBER: elector numbers on the UK electoral register.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// A polling-district code (two or three capital letters, sometimes a digit) and the
/// elector's number in it (one to four digits, sometimes with a `/n` suffix for rolling
/// registration), as printed on poll cards: `KA1-1234`, `WDB 213/1`. The shape is common
/// (room numbers, product codes), so it is only a candidate near electoral-register words and
/// stays POSSIBLE without them.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_ELECTORAL_ROLL_NUMBER",
    description: "UK electoral roll (elector) numbers: polling-district letters and elector number, only near electoral-register words",
    patterns: &[Pattern::near(
        "uk-electoral-roll",
        r"(?-u:\b)[A-Z]{2,3}[0-9]?[ -]?[0-9]{1,4}(?:/[0-9]{1,2})?(?-u:\b)",
        &["electoral", "elector", "polling district", "poll card", "polling card", "register of electors"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["electoral", "elector", "polling district", "poll card", "polling card", "register of electors"],
        opposing: &["order", "invoice", "tracking", "room", "flight", "sku", "model", "version"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 141,
    examples: &[
        Example {
            text: "My electoral roll number is KA1-1234, see the poll card.",
            finds: &["KA1-1234"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Elector number: WDB 213/1",
            finds: &["WDB 213/1"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Proof of address: I'm on the electoral register as AB 0457 (polling district AB).",
            finds: &["AB 0457"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Council confirmed electoral roll entry HNC2-77 for the credit check.",
            finds: &["HNC2-77"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Your order AB 1234 has shipped.",
        "Flight BA 1234 departs at 9am, see your booking.",
        "Electoral commission guidance, version ID 2 applies from May.",
        "Polling station is room GH 12 at the town hall.",
        "Please register to vote online before the deadline.",
    ],
};

/// Letter codes that are ordinary words or abbreviations in front of a number, not polling
/// districts.
const NOT_DISTRICTS: &[&str] = &[
    "ID", "NO", "UK", "GB", "REF", "NUM", "TEL", "AGE", "PIN", "THE", "AND", "FOR", "ON", "IN",
    "AT", "TO", "OF", "IS", "MY", "BY", "AM", "PM", "PO", "VAT", "MAY", "JUN", "JUL", "AUG", "SEP",
    "OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "FLAT", "UNIT", "ROOM",
];

fn validate(text: &str) -> Option<Verdict> {
    let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
    if NOT_DISTRICTS.contains(&&text[..letters]) {
        return None;
    }
    Some(Verdict::format_only(Confidence::Possible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("KA1-1234"), Some(Confidence::Possible));
        assert_eq!(c("WDB 213/1"), Some(Confidence::Possible));
        assert_eq!(c("ID 2"), None);
        assert_eq!(c("NO 12"), None);
    }
}
