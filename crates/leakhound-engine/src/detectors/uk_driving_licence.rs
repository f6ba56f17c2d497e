//! UK_DRIVERS_LICENSE_NUMBER: driving licence numbers issued by the DVLA (Great Britain).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::dvla;

/// Sixteen characters encoding the holder's surname, date of birth (month +50 for women)
/// and initials. The validator checks the surname padding and that the month and day of
/// birth exist; the last two check characters are not published. Searched near licence
/// words and LIKELY only with them.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "UK_DRIVERS_LICENSE_NUMBER",
    description: "UK (DVLA) driving licence numbers: 16 characters encoding surname, birth date and initials, near licence words",
    patterns: &[Pattern::near(
        "uk-dvla-licence",
        r"(?-u:\b)[A-Z][A-Z9]{4} ?[0-9]{6} ?[A-Z][A-Z9][0-9][A-Z0-9]{2}(?-u:\b)",
        &["licence", "license", "dvla", "driving", "driver"],
        64,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["licence", "license", "dvla", "driving", "driver"],
        opposing: &["order", "invoice", "tracking", "serial", "product key", "sku", "ref:", "ref#"],
        window: 64,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 151,
    examples: &[
        Example {
            text: "Driving licence number: MORGA753116SM9IJ 35",
            finds: &["MORGA753116SM9IJ"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "DVLA says my licence JONES610247RJ9AB is valid until 2030.",
            finds: &["JONES610247RJ9AB"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Hire desk copied the driver's licence as LI999 862304 WC9XY.",
            finds: &["LI999 862304 WC9XY"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Here's the photo of my driving licence (PATEL802219AK9TW) for the insurance quote.",
            finds: &["PATEL802219AK9TW"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        // Month 13 and day 32 do not exist.
        "Driving licence MORGA713116SM9IJ was rejected by the DVLA check.",
        "My licence number is MORGA753326SM9IJ I think",
        // A software licence key with the same letters-and-digits look.
        "License key ABCDE123456FG7HI failed to activate.",
        "License key MORGA-75311-6SM9I-J0000 for the driver toolkit.",
        "Licence plate AB12 CDE, driver SM1TH753116SM9IJ in the fleet app.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    dvla::is_valid(text).then_some(Verdict::passed(
        Confidence::Likely,
        "dvla-structure-birth-date",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("MORGA753116SM9IJ"), Some(Confidence::Likely));
        assert_eq!(c("MORGA713116SM9IJ"), None);
        assert_eq!(c("ABCDE123456FG7HI"), None);
    }
}
