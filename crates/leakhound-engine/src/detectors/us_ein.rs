//! US_EMPLOYER_IDENTIFICATION_NUMBER: IRS EINs, `XX-XXXXXXX`.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{ein, filler};

/// EINs written `XX-XXXXXXX` anywhere (the IRS prints them so), and nine plain digits only
/// right after an EIN keyword ("EIN: 043512987", "FEIN 043512987"): a bare nine-digit run is
/// an order, account or routing number far more often, and "ein" is also a German word, so
/// the keyword must stand right before the number. The two-digit prefix must be one the IRS
/// assigns; there is no check digit.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_EMPLOYER_IDENTIFICATION_NUMBER",
    description: "US Employer Identification Numbers (XX-XXXXXXX with an assigned IRS campus prefix; plain nine digits only near EIN words)",
    patterns: &[
        Pattern::new("ein-dashed", r"(?-u:\b)[0-9]{2}-[0-9]{7}(?-u:\b)"),
        Pattern::near(
            "ein-plain-after-keyword",
            r"(?-u:\b)(?i-u:f?ein|employer identification(?: number| no\.?)?|employer id(?: number| no\.?)?|federal tax id(?: number| no\.?)?)(?:[ \t]?[:#=][ \t]?|[ \t](?:(?i-u:is|number|no\.?)[ \t:]{1,3})?)(?P<value>[0-9]{9})(?-u:\b)",
            // Not "ein" alone: it is inside "being", "protein", "weinen".
            &["ein ", "ein:", "ein#", "employer id", "federal tax id"],
            // "FEIN" starts one byte before its "ein".
            1,
            8,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "ein ", "ein:", "ein#", "ein)", "(ein", "fein", "employer identification", "employer id",
            "tax id", "federal tax", "w-9", "1099", "irs",
        ],
        opposing: &["order", "invoice", "tracking", "ref:", "ref#", "ref ", "reference", "sku", "serial", "part no", "part number", "case #", "ticket", "phone"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 202,
    examples: &[
        Example { text: "Company EIN: 46-2918374, please update the vendor record.", finds: &["46-2918374"], min_confidence: Confidence::VeryLikely },
        Example { text: "FEIN 043512987 is printed on the 1099.", finds: &["043512987"], min_confidence: Confidence::VeryLikely },
        Example { text: "Vendor tax id 91-1144442 attached to the W-9.", finds: &["91-1144442"], min_confidence: Confidence::VeryLikely },
        Example { text: "Billing entity 58-9312045, Atlanta office.", finds: &["58-9312045"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "EIN 07-1144442 was rejected by the IRS: prefix 07 is never assigned.",
        "Order 46-2918374 shipped yesterday.",
        "Use 12-3456789 as the sample EIN in the docs.",
        "Part number 89-1234567 is back-ordered.",
        "Tracking 21-4455667 was updated at 10:40.",
        "The room code is 96-5551234.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = ein::parse(text)?;
    if !ein::prefix_assigned(d[0] * 10 + d[1]) {
        return None;
    }
    if filler::is_filler(&text[2..]) {
        return Some(Verdict::failed(Confidence::VeryUnlikely, "ein-filler"));
    }
    Some(Verdict::passed(Confidence::Likely, "ein-prefix"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("46-2918374"), Some(Confidence::Likely));
        assert_eq!(c("043512987"), Some(Confidence::Likely));
        assert_eq!(c("12-3456789"), Some(Confidence::VeryUnlikely));
        assert_eq!(c("07-1144442"), None);
        assert_eq!(c("96-5551234"), None);
        assert_eq!(c("46-291837"), None);
        assert_eq!(c("462-918374"), None);
    }
}
