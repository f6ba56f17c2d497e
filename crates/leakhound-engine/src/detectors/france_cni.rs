//! FRANCE_CNI: French national identity card numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// The twelve-character number of the laminated card (1988–2021: year and month of issue,
/// three characters for the issuing department, five digits) and the nine-character number
/// of the 2021 card (letters and digits). Neither carries a check digit outside the
/// machine-readable zone, so both are searched only near identity-card words and are
/// POSSIBLE without them.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "FRANCE_CNI",
    description: "French identity card numbers (12-character pre-2021 and 9-character 2021 card) near identity-card words",
    patterns: &[Pattern::near(
        "fr-cni",
        // A number labelled as a passport's is consumed without a value: a passport number
        // has the 2021 card's nine characters.
        concat!(
            r"(?-u:\b)(?i-u:passe?port)[^0-9\n]{0,30}[A-Z0-9]{9}(?-u:\b)",
            r"|(?-u:\b)(?P<value>(?:[0-9]{2}(?:0[1-9]|1[0-2])[0-9A-Z]{3}[0-9]{5}|[A-Z0-9]{9}))(?-u:\b)"
        ),
        &["cni", "carte d'identit", "carte d\u{2019}identit", "carte nationale", "identity card", "id card", "pièce d'identit"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["cni", "carte d'identit", "carte d\u{2019}identit", "carte nationale", "identity card", "id card", "pièce d'identit"],
        // Besides labels of other numbers: the Canadian provincial photo ID cards, which are
        // "ID cards" and "cartes d'identité" too (CANADA_GOVERNMENT_ID).
        opposing: &[
            "order", "commande", "invoice", "facture", "tracking", "suivi", "colis", "dossier", "ref:", "ref#", "réf", "sku",
            "provincial", "photo id", "canad", "ontario",
        ],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 147,
    examples: &[
        Example {
            text: "Numéro de carte d'identité : 981068037553\nMon numéro de passeport est 08NY71154.",
            finds: &["981068037553"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mon numéro de passeport est 05WW87938.\nMa CNI porte le numéro 78E2JHGAS.",
            finds: &["78E2JHGAS"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Numéro de ma carte d'identité : 880692310285",
            finds: &["880692310285"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Nouvelle CNI (format 2021) : X4RTBPFW4, délivrée à Lyon.",
            finds: &["X4RTBPFW4"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "French ID card number 11052A101177 was scanned at the desk.",
            finds: &["11052A101177"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "J'envoie une copie de ma carte nationale d'identité n° D2H6862M2 ce soir.",
            finds: &["D2H6862M2"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Commande 880692310285 expédiée, merci.",
        "CNI scan uploaded to dossier 2024ABC12 yesterday.",
        "Identity card photos must be PASSPHOTO format, not SELFIESHOT.",
        "Carte d'identité : numéro 123456789 (exemple du formulaire).",
        "Please bring your identity card; month code 881392310285 is invalid.",
        "Numéro de ma carte d'identité provinciale : SM0674072",
        "My provincial photo ID card number is DK5139270.",
        "Mon numéro de passeport est 05WW87938, pas celui de ma CNI.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    match b.len() {
        // Month 01-12 is in the pattern; the department is two or three digits or 2A/2B.
        12 => {
            let dept = &b[4..7];
            let dept_ok =
                dept.iter().all(u8::is_ascii_digit) || matches!(&dept[..2], b"2A" | b"2B");
            (dept_ok && !b[7..].iter().all(|&c| c == b[7]))
                .then_some(Verdict::format_only(Confidence::Possible))
        }
        // The 2021 card: letters and digits mixed.
        9 => ((1..9).contains(&digits)
            && b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        .then_some(Verdict::format_only(Confidence::Possible)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("880692310285"), Some(Confidence::Possible));
        assert_eq!(c("11052A101177"), Some(Confidence::Possible));
        assert_eq!(c("X4RTBPFW4"), Some(Confidence::Possible));
        assert_eq!(c("PASSPHOTO"), None);
        assert_eq!(c("123456789"), None);
        assert_eq!(c("8806ABC10285"), None);
    }
}
