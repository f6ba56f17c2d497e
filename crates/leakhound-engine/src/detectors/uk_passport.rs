//! UK_PASSPORT: UK passport numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Nine digits next to the word "passport". There is no check digit outside the machine-
/// readable zone, so the format alone is POSSIBLE and only the passport word makes it LIKELY;
/// booking, order and tracking words next to it keep it below.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_PASSPORT",
    description: "UK passport numbers (9 digits) next to passport words",
    patterns: &[Pattern::near(
        "uk-passport",
        concat!(
            other_label!(),
            r"[0-9]{9}(?-u:\b)|(?-u:\b)(?P<value>[0-9]{9})(?-u:\b)"
        ),
        &["passport", "hmpo"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["passport", "hmpo", "hm passport"],
        // The words of the US passport, whose book numbers have the same nine digits: next
        // to them the number is not a UK passport. A passport with no nationality named is
        // reported by both detectors, and overlap resolution keeps US_PASSPORT's finding.
        // Labels of other numbers before a number ("order …", "booking …") are in the
        // pattern (`other_label!`), so the next sentence's label does not count here.
        opposing: &[
            "us passport",
            "u.s. passport",
            "u.s.",
            "usa",
            "american",
            "united states",
            "(us)",
            "sample",
            "example",
        ],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 144,
    examples: &[
        Example {
            text: "my british passport no is 231665294\nloyalty member no. 438249468",
            finds: &["231665294"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "My UK passport number is 925076473 and it expires in 2031.",
            finds: &["925076473"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Passport no. 533401872 (British), issued by HMPO in 2022.",
            finds: &["533401872"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "my british passport no is 892540930",
            finds: &["892540930"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "my british passport no is 295806750\nMember ID: JQU529148194 (group 40021)",
            finds: &["295806750"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "For ID I used passport 107214659 at check-in.",
            finds: &["107214659"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Details: 804519237 - that's my passport, renewal due next spring.",
            finds: &["804519237"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Your order 925076473 has shipped.",
        "US passport number 876263323 for the travel booking.",
        "Passport No. 712504968 (United States of America)",
        "Passport renewal booking 925076473 is confirmed.",
        "Passport photo tracking number 533401872 shows delivered.",
        "Please enter your passport number, for example 123456789.",
        "Passport field was filled with 000000000 by the agent.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.iter().all(|&c| c == b[0]) || text == "123456789" || text == "987654321" {
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
        assert_eq!(c("925076473"), Some(Confidence::Possible));
        assert_eq!(c("123456789"), None);
        assert_eq!(c("111111111"), None);
        assert_eq!(c("92507647"), None);
        assert_eq!(c("92507647a"), None);
    }
}
