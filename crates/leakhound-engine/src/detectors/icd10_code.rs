//! ICD10_CODE: ICD-10-CM diagnosis codes next to medical-coding words.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::icd;

/// Words that gate ICD code patterns (ASCII, any case): "ICD", "diag" (diagnosis, diagnosed,
/// diag.), "dx", and the billing words that stand next to diagnosis codes ("CPT" procedure
/// codes, "superbill"). Not "code": it opens a window in most tickets ("error code", "promo
/// code", "code review"), and an ICD code next to "code" alone is rare.
pub(crate) const ICD_KEYWORDS: &[&str] = &["icd", "diag", "dx", "cpt", "superbill"];

/// ICD-10-CM codes (`E11.9`, `J45.909`, `S72.001A`, `E119`) within a few words of "ICD",
/// "diagnosis", "dx", "CPT" or "superbill", whose three-character category is a real
/// ICD-10-CM category.
/// LIKELY when found; VERY_LIKELY next to "ICD" or "diagnosis"; lower next to words of other
/// code kinds ("error code", "promo code", "post code").
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "ICD10_CODE",
    description:
        "ICD-10-CM diagnosis codes (real category, optional subcode) next to ICD/diagnosis/dx/CPT/superbill",
    patterns: &[Pattern::near(
        "icd10-code",
        r"(?-u:\b)(?P<value>[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)(?-u:\b)",
        ICD_KEYWORDS,
        12,
        40,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "icd",
            "diagnos",
            "dx",
            "diag",
            "condition",
            "clinical",
            "claim",
            "patient",
        ],
        opposing: &[
            "error",
            "promo",
            "coupon",
            "discount",
            "voucher",
            "part",
            "model",
            "sku",
            "room",
            "seat",
            "gate",
            "flight",
            "order",
            "invoice",
            "zip",
            "postal",
            "postcode",
            "post code",
            "serial",
            "product",
            "http",
            "status",
            "icd-9",
            "icd9",
            "icd 9",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Likely,
    },
    priority: 31,
    examples: &[
        Example {
            text: "Primary diagnosis: E11.9 (ICD-10), please resubmit the claim.",
            finds: &["E11.9"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "ICD-10 codes on the form: J45.909, I10",
            finds: &["J45.909", "I10"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "dx S72.001A after the fall, billing needs the code",
            finds: &["S72.001A"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Superbill: F41.1 entered twice, CPT 90837 once.",
            finds: &["F41.1"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "She was diagnosed in March, F41.1 per the intake form.",
            finds: &["F41.1"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Error code E11 appears when the dishwasher drains.",
        "Use promo code A12 at checkout.",
        "The post code E11 9AA is outside our delivery area.",
        "Diagnosis code W1X is not a real ICD code.",
        "Our office is in room B12 next to the cafeteria.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    icd::icd10_is_valid(text).then_some(Verdict::passed(Confidence::Likely, "icd10-category"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, ok) in [
            ("E11.9", true),
            ("J45.909", true),
            ("I10", true),
            ("W1X", false),
            ("Q99.99999", false),
        ] {
            assert_eq!(validate(text).is_some(), ok, "{text}");
        }
    }
}
