//! GERMANY_IDENTITY_NUMBER: German identity card (Personalausweis) numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::icao;

/// The card's nine-character serial number (since November 2010: an authority letter L, M,
/// N, P, R, T, V, W, X or Y, then digits and consonants that cannot be misread), often
/// written with its ICAO 7-3-1 check digit as a tenth character; and the older ten-digit
/// number with its check digit. With a check digit that matches it is LIKELY; nine
/// characters alone are POSSIBLE. Searched only near identity-card words.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "GERMANY_IDENTITY_NUMBER",
    description: "German identity card (Personalausweis) numbers, 9 characters + ICAO 7-3-1 check digit, near ID-card words",
    patterns: &[Pattern::near(
        "de-personalausweis",
        r"(?-u:\b)(?:[LMNPRTVWXY][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9]?|[0-9]{10})(?-u:\b)",
        &["ausweis", "identity card", "id card", "id-card", "idkarte"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["ausweis", "personalausweis", "identity card", "id card", "id-card", "idkarte"],
        opposing: &[
            "order", "bestellung", "invoice", "rechnung", "tracking", "sendung", "kundennummer", "customer", "ref:", "ref#",
            "sku", "telefon", "phone",
        ],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 149,
    examples: &[
        Example {
            text: "Meine Ausweisnummer ist L01X00T471, gültig bis 2031.",
            finds: &["L01X00T471"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Personalausweis-Nr.: LZ6311T475",
            finds: &["LZ6311T475"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "German ID card number M4K2X9PN7 (without the check digit).",
            finds: &["M4K2X9PN7"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Alter Personalausweis, Nummer 5110000010 (vor 2010 ausgestellt)",
            finds: &["5110000010"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Check digit wrong.
        "Ausweisnummer L01X00T472 wurde abgelehnt.",
        // The specimen card printed in every brochure.
        "Beispiel Personalausweis: T220001293 (Mustermann).",
        "Bestellung 1234567890 für die Ausweis-Hülle ist unterwegs.",
        "Ausweis scan for customer WXYZ LMNPRT failed.",
        "ID card printer model LX300 serial 4711.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if !(9..=10).contains(&b.len())
        || !b.iter().all(|&c| icao::is_german_document_char(c))
        || !b[1..].iter().any(u8::is_ascii_digit)
    {
        return None;
    }
    if &b[..9] == b"T22000129" {
        return Some(Verdict::failed(Confidence::VeryUnlikely, "de-specimen"));
    }
    match b.len() {
        10 if icao::is_valid(text) => Some(Verdict::passed(Confidence::Likely, "icao-7-3-1")),
        9 if b[0].is_ascii_uppercase() => Some(Verdict::format_only(Confidence::Possible)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("L01X00T471"), Some(Confidence::Likely));
        assert_eq!(c("5110000010"), Some(Confidence::Likely));
        assert_eq!(c("M4K2X9PN7"), Some(Confidence::Possible));
        assert_eq!(c("L01X00T472"), None);
        assert_eq!(c("T220001293"), Some(Confidence::VeryUnlikely));
        assert_eq!(c(""), None);
        assert_eq!(c("123456789"), None);
        assert_eq!(c("LAAAAAAAA"), None);
    }
}
