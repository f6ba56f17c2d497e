//! US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER: IRS ITINs, `9XX-GG-XXXX`.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, itin};

/// ITINs written `9XX-GG-XXXX` or `9XX GG XXXX` anywhere (the group range makes the shape
/// specific, and SSNs never start with 9), and nine plain digits only near an ITIN keyword.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
    description: "US Individual Taxpayer Identification Numbers (9XX-GG-XXXX, IRS group ranges 50-65, 70-88, 90-92, 94-99)",
    patterns: &[
        Pattern::new(
            "itin-separated",
            r"(?-u:\b)9[0-9]{2}[- ](?:5[0-9]|6[0-5]|7[0-9]|8[0-8]|9[0-24-9])[- ][0-9]{4}(?-u:\b)",
        ),
        Pattern::near(
            "itin-plain-near-keyword",
            r"(?-u:\b)9[0-9]{8}(?-u:\b)",
            // Not "itin" alone: it is inside "waiting", "writing", "editing", "visiting".
            &["itin ", "itin:", "itin#", "itin)", "taxpayer identification", "taxpayer id", "w-7"],
            0,
            48,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &["itin", "individual taxpayer", "taxpayer id", "tax id", "w-7", "irs", "tax return", "1040"],
        opposing: &["order", "invoice", "tracking", "ref:", "ref#", "ref ", "reference", "sku", "serial", "part no", "case #", "ticket"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 201,
    examples: &[
        Example { text: "My ITIN is 912-70-1234 and I filed with it last year.", finds: &["912-70-1234"], min_confidence: Confidence::VeryLikely },
        Example { text: "Please update the W-7 record: 955 52 0198", finds: &["955 52 0198"], min_confidence: Confidence::VeryLikely },
        Example { text: "itin 923781234 (typed without dashes)", finds: &["923781234"], min_confidence: Confidence::VeryLikely },
        Example { text: "Filing for Maria Lopez, number 987-94-5432, attached.", finds: &["987-94-5432"], min_confidence: Confidence::Likely },
        Example { text: "Taxpayer ID on the 1040: 944-61-0387", finds: &["944-61-0387"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "ITIN 912-93-4567 was rejected: group 93 is never assigned.",
        "Order 912-70-1234 has shipped and arrives Friday.",
        "The form shows 912-45-6789 in the ITIN box, which is not a valid group.",
        "Invoice 978-81-2345 totals $120.",
        "Call us at 912-555-0134 or 912 555 0134.",
        "ITIN 999-99-9999 is the placeholder in the template.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = itin::parse(text)?;
    if !itin::structure_ok(&d) {
        return None;
    }
    if filler::is_filler(text) {
        return Some(Verdict::failed(Confidence::VeryUnlikely, "itin-filler"));
    }
    Some(Verdict::passed(Confidence::Likely, "itin-area-group"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("912-70-1234"), Some(Confidence::Likely));
        assert_eq!(c("955 52 0198"), Some(Confidence::Likely));
        assert_eq!(c("923781234"), Some(Confidence::Likely));
        assert_eq!(c("999-99-9999"), Some(Confidence::VeryUnlikely));
        assert_eq!(c("912-93-4567"), None);
        assert_eq!(c("912-66-4567"), None);
        assert_eq!(c("812-70-1234"), None);
        assert_eq!(c("912-70 1234"), None);
    }
}
