//! US_PASSPORT: US passport book and card numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Nine digits (books issued before 2021) or a letter and eight digits (next-generation
/// books, and passport cards starting with C), only near the word "passport". The number has
/// no check digit and its shape is shared with countless other numbers, so it is reported at
/// `LIKELY` only when the word "passport" stands near it and no booking or order word does.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_PASSPORT",
    description:
        "US passport numbers (9 digits, or a letter and 8 digits), only near the word passport",
    patterns: &[Pattern::near(
        "us-passport-near-keyword",
        concat!(
            other_label!(),
            r"(?:[A-Z][0-9]{8}|[0-9]{9})(?-u:\b)|(?-u:\b)(?P<value>[A-Z][0-9]{8}|[0-9]{9})(?-u:\b)"
        ),
        &["passport"],
        48,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passport"],
        // The nationality words of the passports whose numbers share the US shape (UK: nine
        // digits; German: C, F, G, H, J or K and eight more): next to one of them the number
        // is not a US passport, and the passport word alone no longer makes it reportable.
        // Labels of other numbers before a number ("order …", "loyalty member no. …") are in
        // the pattern (`other_label!`): here they would also count when they start the next
        // sentence ("… for the travel booking.\nTracking number …").
        opposing: &[
            "uk passport",
            "u.k. passport",
            "british",
            "united kingdom",
            "great britain",
            "hmpo",
            "hm passport",
            "(uk)",
            "german passport",
            "deutsch",
            "reisepass",
            "sample",
            "example",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 204,
    examples: &[
        Example {
            text:
                "my US passport no. is 297359239\nTracking number 1ZNMNLJA3334800811 hasn't moved.",
            finds: &["297359239"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "My passport number is 518249301 and it expires in 2031.",
            finds: &["518249301"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "US passport: A43912087, issued 2019",
            finds: &["A43912087"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Passport No. 712504968 (United States of America)",
            finds: &["712504968"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "US passport number 876263323 for the travel booking.",
            finds: &["876263323"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Attached a scan of my passport card, number C03005988.",
            finds: &["C03005988"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Passport renewal order 518249301 is processing.",
        "Flight booking 518249301 confirmed for Tuesday.",
        "passport 111111111 is clearly a test value",
        "My passport photo was rejected, ticket 902384761.",
        "The form wants passport number 123456789 as an example.",
        "UK passport number 753001862, renewed last year.",
        "my british passport no is 892540930",
        "Passport: 925076473 (UK), expires 2030.",
        "Canadian passport number DC492425.\nloyalty member no. 444811095",
        "Passport renewal order 518249301 is processing.",
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
            validate("518249301").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(
            validate("A43912087").map(|v| v.confidence),
            Some(Confidence::Possible)
        );
        assert_eq!(validate("000000000"), None);
        assert_eq!(validate("123456789"), None);
        assert_eq!(validate("C12345678"), None);
    }
}
