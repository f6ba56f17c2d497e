//! CANADA_GOVERNMENT_ID: other Canadian government-issued identity document numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// What this detector means (the spec names the type without defining it): the number of a
/// Canadian government-issued identity document that has no detector of its own, found only
/// where the document is named next to it. The documents: the provincial photo
/// identification cards that are not driving licences (Ontario Photo Card, BC Services Card
/// photo ID, Alberta ID card …: a letter and fourteen digits in three groups, or letters and
/// seven or eight digits), the Secure Certificate of Indian Status ("status card", 10-digit
/// registration number), citizenship certificates (a letter or two and 7–8 digits), NEXUS /
/// trusted-traveller PASSIDs (9 digits), and firearms Possession and Acquisition Licences
/// (digits with a `.0001` suffix). A number labelled only "government-issued ID" is this
/// type too (it is the type's own name, and no other type claims it), but only in the
/// letter-led card shapes: a bare run of digits after "government ID" could be anything.
/// None has a public check digit, so a candidate is `POSSIBLE` by format and `LIKELY` only
/// when the document is named near it and no other country or document is. SIN, passport,
/// PR card, health card and driver's licence numbers have their own detectors and are not
/// reported here.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_GOVERNMENT_ID",
    description: "Other Canadian government ID numbers (provincial photo ID card, status card, citizenship certificate, NEXUS PASSID, firearms PAL, or labelled government-issued ID), only where the document is named",
    patterns: &[
        Pattern::near(
            "ca-gov-id-near-keyword",
            concat!(
                other_label!(),
                r"(?:[0-9]{8}\.[0-9]{4}|[A-Z]{1,2}[0-9]{7,8}|[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5}|[0-9]{9,10})(?-u:\b)",
                r"|(?-u:\b)(?P<value>[0-9]{8}\.[0-9]{4}|[A-Z]{1,2}[0-9]{7,8}|[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5}|[0-9]{9,10})(?-u:\b)"
            ),
            // Only the documents' names: "photo ID" and "ID card" alone are everywhere and
            // never support a finding on their own.
            &[
                "status card", "indian status", "citizenship certificate", "nexus", "passid", "firearms", "pal number", "pal #",
                "possession and acquisition",
            ],
            48,
            64,
        ),
        Pattern::near(
            "ca-gov-id-labelled",
            concat!(
                other_label!(),
                r"(?:[A-Z]{1,2}[0-9]{7,8}|[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5})(?-u:\b)",
                r"|(?-u:\b)(?P<value>[A-Z]{1,2}[0-9]{7,8}|[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5})(?-u:\b)"
            ),
            // The labels and the provincial photo cards: their numbers are letter-led, so a
            // bare run of digits (a timestamp in a pasted log) is not taken near them.
            &[
                "government-issued id", "government issued id", "government id", "government-issued photo id", "photo card",
                "photo id card", "provincial id", "provincial photo", "provinciale",
            ],
            48,
            64,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "status card", "indian status", "certificate of indian status", "citizenship certificate", "photo card",
            "photo id card", "provincial id", "provincial photo", "d'identité provinciale", "d\u{2019}identité provinciale",
            "identite provinciale", "nexus", "passid", "firearms licen", "possession and acquisition", "pal number", "pal #",
            "canadian government", "government of canada", "government-issued id", "government issued id", "government id",
        ],
        // Other countries and documents: a "government ID" that is a US licence or a passport
        // belongs to their detectors. Labels of other numbers before a number ("order …",
        // "tracking no. …") are in the pattern (`other_label!`), so the next sentence's label
        // does not count against this one's number.
        opposing: &[
            "gym", "student", "passport", "passeport", "driver", "licen", "u.s.", "us government", "american", "british", "french", "german",
            "irish",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 215,
    examples: &[
        Example { text: "My status card registration number is 5402918376.", finds: &["5402918376"], min_confidence: Confidence::Likely },
        Example { text: "NEXUS card PASSID 158273946 for the border crossing", finds: &["158273946"], min_confidence: Confidence::Likely },
        Example { text: "Canadian citizenship certificate no. A2871930", finds: &["A2871930"], min_confidence: Confidence::Likely },
        Example { text: "Firearms PAL number 30928417.0001 on the transfer form", finds: &["30928417.0001"], min_confidence: Confidence::Likely },
        Example { text: "Ontario Photo Card P4820-19573-60124 as ID", finds: &["P4820-19573-60124"], min_confidence: Confidence::Likely },
        Example { text: "My provincial photo ID card number is DK5139270.", finds: &["DK5139270"], min_confidence: Confidence::Likely },
        Example { text: "Numéro de ma carte d'identité provinciale : E8867-90424-42840", finds: &["E8867-90424-42840"], min_confidence: Confidence::Likely },
        Example { text: "government-issued ID: UM7597608", finds: &["UM7597608"], min_confidence: Confidence::Likely },
        Example { text: "My provincial photo ID card number is MU5697198.\nTracking number 9400 6823 4521 5979 93", finds: &["MU5697198"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Photo ID 5510293847 for the gym membership",
        "NEXUS order 158273946 was delayed",
        "Status card 0000000000 placeholder",
        "government id 4821337790 (which one?)",
        "My provincial photo ID card is expired.\nTransaction reference 827967415",
        "government-issued ID: my passport, PA4829173",
        "Government ID on file: US driver's license D4829136",
        "The provincial sales tax line shows 482913577 twice.",
        "My provincial photo id card number is pending.\n\n[1755638930] ERROR [main] agent version 10.2.1",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    crate::detector::format_only_unless_filler(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            validate("5402918376").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(validate("0000000000"), None);
        assert_eq!(validate("A1234567"), None);
    }
}
