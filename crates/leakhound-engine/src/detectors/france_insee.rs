//! FRANCE_INSEE: French NIR ("numéro INSEE", social security number).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::nir;

/// Fifteen characters: sex, year and month of birth, department (2A and 2B for Corsica),
/// commune, order number and a two-digit key (97 − number mod 97). Written plain or in the
/// groups of the carte Vitale (`2 95 10 99 126 111 93`). The key and the sex and month rules
/// leave about one random fifteen-digit number in two hundred.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "FRANCE_INSEE",
    description: "French social security numbers (NIR/INSEE: 13 characters + mod-97 key, Corsica 2A/2B), plain or grouped",
    patterns: &[Pattern::new(
        "fr-nir",
        r"(?-u:\b)[1-478] ?[0-9]{2} ?(?:0[1-9]|1[0-2]|[23][0-9]|4[0-2]) ?(?:[0-9]{2}|2[ABab]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?-u:\b)",
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "insee", "nir", "sécurité sociale", "securite sociale", "sécu", "secu ", "carte vitale", "vitale", "social security",
            "numéro de ss", "assuré", "assure social", "cpam", "ameli",
        ],
        opposing: &[
            "order", "commande", "invoice", "facture", "tracking", "suivi", "colis", "siret", "siren", "iban", "ref:", "ref#",
            "réf", "sku",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 158,
    examples: &[
        Example {
            text: "Mon numéro de sécurité sociale : 1 84 12 76 451 089 46",
            finds: &["1 84 12 76 451 089 46"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "NIR 292057511203444 sur la carte Vitale, merci de corriger.",
            finds: &["292057511203444"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Born in Ajaccio, my INSEE number is 2 01 02 2A 004 113 10.",
            finds: &["2 01 02 2A 004 113 10"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Bonjour, voici le 1 93 09 75 056 311 57 pour le dossier de Marc.",
            finds: &["1 93 09 75 056 311 57"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Key off by one.
        "Numéro de sécu 1 84 12 76 451 089 47, est-ce correct ?",
        "Commande 184127645108946 expédiée hier.",
        "Numéro de suivi colis 268081305521806.",
        // Key right, but sex digit 5 is never issued.
        "Ref 595109912611140 in the export.",
        "SIRET 73282932000074 et TVA FR44732829320.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    nir::is_plausible(text).then_some(Verdict::passed(Confidence::Likely, "nir-mod-97"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("1 84 12 76 451 089 46"), Some(Confidence::Likely));
        assert_eq!(c("201022A00411310"), Some(Confidence::Likely));
        assert_eq!(c("1 84 12 76 451 089 47"), None);
        assert_eq!(c("595109912611140"), None);
    }
}
