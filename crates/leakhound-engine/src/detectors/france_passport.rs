//! FRANCE_PASSPORT: French passport numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Two digits, two letters and five digits (`18AB12345`) next to a passport word. No check
/// digit outside the machine-readable zone: POSSIBLE from the format, LIKELY with the word.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "FRANCE_PASSPORT",
    description: "French passport numbers (2 digits + 2 letters + 5 digits) next to passport words",
    patterns: &[Pattern::near(
        "fr-passport",
        r"(?-u:\b)[0-9]{2}[A-Z]{2}[0-9]{5}(?-u:\b)",
        &["passeport", "passport"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passeport", "passport"],
        // Labels of other numbers. Not "booking", "flight" or "réf" alone: a passport
        // number is given "pour la réservation du vol", and "La référence …" starts the next
        // sentence of many tickets; only their labelling forms count.
        opposing: &[
            "order",
            "commande",
            "invoice",
            "facture",
            "tracking",
            "suivi",
            "colis",
            "booking ref",
            "booking no",
            "booking #",
            "réservation n",
            "réservation vol",
            "reservation vol",
            "confirm",
            "reservation n",
            "flight no",
            "vol n",
            "ref:",
            "ref#",
            "réf:",
            "réf.",
            "réf :",
            "réf #",
            "sku",
        ],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 146,
    examples: &[
        Example {
            text: "Mon numéro de passeport est 19RW37047.\nLa référence 495-218-7730 est en rupture de stock.",
            finds: &["19RW37047"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Numéro de passeport : 18AB12345, valable jusqu'en 2033.",
            finds: &["18AB12345"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "My French passport 21FK80417 was issued in Nantes.",
            finds: &["21FK80417"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "passeport n° 09CX44120 (perdu, déclaration faite)",
            finds: &["09CX44120"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Pour l'hôtel : 15RT90731 est le numéro de mon passeport.",
            finds: &["15RT90731"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Commande 18AB12345 expédiée.",
        "Réservation vol 21FK80417 confirmée, passeport requis à l'embarquement.",
        "Passport photo booth model 12PX00000 is out of order.",
        "Numéro de suivi colis 09CX44120.",
        "Facture 15RT90731 jointe.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b.len() != 9 || b[4..].iter().all(|&c| c == b[4]) {
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
        assert_eq!(c("18AB12345"), Some(Confidence::Possible));
        assert_eq!(c("12PX00000"), None);
        assert_eq!(c("18AB1234"), None);
    }
}
