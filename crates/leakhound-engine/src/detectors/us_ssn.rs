//! US_SOCIAL_SECURITY_NUMBER: nine-digit US Social Security Numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::ssn::{self, SsnStatus};

/// SSNs written `ddd-dd-dddd` or `ddd dd dddd` anywhere, and nine plain digits only right
/// after an SSN keyword: a bare nine-digit run is far more often an order, account or
/// routing number than an SSN, so it is not even a candidate without the keyword.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_SOCIAL_SECURITY_NUMBER",
    description:
        "US Social Security Numbers (area/group/serial rules, known sample numbers rejected)",
    patterns: &[
        Pattern::new("ssn-dashed", r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)"),
        Pattern::new("ssn-spaced", r"(?-u:\b)[0-9]{3} [0-9]{2} [0-9]{4}(?-u:\b)"),
        // "SSN: 123456789", "social security number is 123456789", "SS# 123456789".
        Pattern::new(
            "ssn-plain-after-keyword",
            // The keyword may be followed by a few words: "my SSN for the tax form is 153984648".
            r"(?-u:\b)(?i-u:ssn|ss#|social security(?: number| no\.?| #)?|seguro social(?: de (?:ee\. ?uu\.|estados unidos))?)(?:[ \t:#=.-]{0,4}|[ \t][A-Za-z ,'-]{0,32}[ \t:#=-]{1,3})(?P<value>[0-9]{9})(?-u:\b)",
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "ssn",
            "social security",
            "seguro social",
            "ss#",
            "soc sec",
            "taxpayer",
            "w-2",
            "w2 form",
        ],
        // Not "phone" (tickets list an SSN and a phone number side by side, and no phone
        // format is 3-2-4) and not "invoice" (no invoice numbering is 3-2-4 either, and the
        // word often starts the next line). The window is short because these words only
        // mean something right next to the number.
        opposing: &[
            "order", "tracking", "ref ", "ref:", "ref#", "zip", "sku", "part no", "serial",
            "case #",
        ],
        window: 30,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 75,
    examples: &[
        Example {
            text: "account ending in 3432. My SSN for the tax form is 153984648.",
            finds: &["153984648"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mi número de Seguro Social de EE. UU. es 406469653.",
            finds: &["406469653"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "my ssn is 678-99-8212",
            finds: &["678-99-8212"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "4916-6734-7572-5015 is my credit card number, 489-36-8350 ssn",
            finds: &["489-36-8350"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Employee SSN: 536 22 1234, please fix the payroll record",
            finds: &["536 22 1234"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Her social security number is 457210943 and she needs the W-2 resent.",
            finds: &["457210943"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Please update the beneficiary to 512-44-9021 before Friday.",
            finds: &["512-44-9021"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Plain nine digits without an SSN keyword are not candidates.
        "Your order 457210943 has shipped and will arrive Tuesday.",
        // The Woolworth wallet-insert number and the textbook placeholder.
        "The form shows the sample SSN 078-05-1120 from the wallet insert.",
        "Enter your SSN in the form 123-45-6789 without spaces.",
        // Never issued: area 000, 666 and 9xx, group 00, serial 0000.
        "ssn 000-12-3456, 666-45-1234, 912-34-5678, 536-00-1234 and 536-22-0000 were rejected",
        "Filler SSN 111-11-1111 entered by the agent.",
        // Order and reference numbers shaped like an SSN.
        "Order 555-12-3456 was refunded yesterday.",
        "Call me at 415-555-2671 or ref 2023-11-26.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let digits = ssn::parse(text)?;
    Some(match ssn::status(&digits) {
        SsnStatus::Valid => Verdict::passed(Confidence::Likely, "ssn-area-group-serial"),
        SsnStatus::NeverIssued => return None,
        SsnStatus::KnownSample => Verdict::failed(Confidence::VeryUnlikely, "ssn-known-sample"),
        SsnStatus::Repeated => Verdict::failed(Confidence::VeryUnlikely, "ssn-repeated-digit"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            validate("678-99-8212").map(|v| v.confidence),
            Some(Confidence::Likely)
        );
        assert_eq!(
            validate("457210943").map(|v| v.confidence),
            Some(Confidence::Likely)
        );
        assert_eq!(
            validate("078-05-1120").map(|v| v.confidence),
            Some(Confidence::VeryUnlikely)
        );
        assert_eq!(
            validate("123 45 6789").map(|v| v.confidence),
            Some(Confidence::VeryUnlikely)
        );
        assert_eq!(validate("666-12-3456"), None);
        assert_eq!(validate("123-45 6789"), None);
    }
}
