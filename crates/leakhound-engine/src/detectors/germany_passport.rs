//! GERMANY_PASSPORT: German passport (Reisepass) numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::icao;

/// Nine characters (an authority letter C, F, G, H, J or K, then digits and consonants that
/// cannot be misread), often written with the ICAO 7-3-1 check digit as a tenth. LIKELY with
/// a matching check digit, POSSIBLE without; searched only near passport words.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "GERMANY_PASSPORT",
    description: "German passport (Reisepass) numbers, 9 characters + ICAO 7-3-1 check digit, near passport words",
    patterns: &[Pattern::near(
        "de-reisepass",
        r"(?-u:\b)[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9]?(?-u:\b)",
        &["reisepass", "passport", "passnummer", "pass-nr", "pass nr", "passnr"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["reisepass", "passport", "passnummer", "pass-nr", "pass nr", "passnr"],
        opposing: &[
            "order", "bestellung", "invoice", "rechnung", "tracking", "sendung", "booking", "buchung", "flight", "flug",
            "ref:", "ref#", "sku",
            // Passports of other countries whose numbers can take this shape: Irish (two
            // letters and seven digits) and US (a letter and eight digits).
            "irish", "ireland", "us passport", "u.s.", "american", "united states",
        ],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 148,
    examples: &[
        Example {
            text: "Reisepassnummer: C4J7K2M918",
            finds: &["C4J7K2M918"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "My German passport F9J7H2C144 expires next year.",
            finds: &["F9J7H2C144"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Pass-Nr. H2X6J8K01, ausgestellt in Köln",
            finds: &["H2X6J8K01"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Für die Buchung brauche ich noch: G7N4P2R583 ist mein Reisepass.",
            finds: &["G7N4P2R583"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Check digit wrong.
        "Reisepass C4J7K2M917 wurde nicht akzeptiert.",
        // The specimen passport.
        "Muster-Reisepass C01X00T478 aus der Broschüre.",
        "Bestellung CFG123456 für die Passhülle ist unterwegs.",
        "Flug-Buchung K7M2P9X41 bestätigt, Reisepass mitbringen.",
        "Passport photo studio at Kaiserstr. 12, open 9-18.",
        "passport no: FT4883816 (Ireland)",
        "Irish passport number FX7350217.",
        "US passport number C90634492, issued 2020.",
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
    if &b[..9] == b"C01X00T47" {
        return Some(Verdict::failed(Confidence::VeryUnlikely, "de-specimen"));
    }
    match b.len() {
        10 if icao::is_valid(text) => Some(Verdict::passed(Confidence::Likely, "icao-7-3-1")),
        9 => Some(Verdict::format_only(Confidence::Possible)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("C4J7K2M918"), Some(Confidence::Likely));
        assert_eq!(c("H2X6J8K01"), Some(Confidence::Possible));
        assert_eq!(c("C4J7K2M917"), None);
        assert_eq!(c("C01X00T478"), Some(Confidence::VeryUnlikely));
        assert_eq!(c(""), None);
        assert_eq!(c("CFGHJKLMN"), None);
    }
}
