//! ICD10_DIAGNOSIS_DESCRIPTION: ICD-10-CM diagnosis descriptions (CDC/NCHS 2026 category titles), from a shipped list.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Diagnosis descriptions from the ICD-10-CM tabular list ("Type 2 diabetes mellitus",
/// "Generalized anxiety disorder", "Essential (primary) hypertension"): titles of two to six
/// words, with and without a trailing ", unspecified", matched as whole phrases in any case
/// (administrative classes such as "Encounter for …" left out). LIKELY when found;
/// VERY_LIKELY next to "diagnosis", "patient", "treated for"; many titles are the same in
/// ICD-9 and ICD-10, so a title next to "ICD-9" stays LIKELY and the ICD-9 detector takes
/// it.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "ICD10_DIAGNOSIS_DESCRIPTION",
    description:
        "ICD-10-CM diagnosis descriptions (CDC/NCHS 2026 category titles), from a shipped list",
    patterns: &[Pattern::words(
        "icd10-description-list",
        include_str!("../../data/icd10_descriptions.txt"),
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "diagnos",
            "dx",
            "patient",
            "history of",
            "treated for",
            "suffer",
            "condition",
            "icd",
            "admitted",
            "symptom",
            "medical",
            "doctor",
        ],
        opposing: &["icd-9", "icd9", "icd 9"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 26,
    examples: &[
        Example {
            text: "Patient was diagnosed with generalized anxiety disorder last year.",
            finds: &["generalized anxiety disorder"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Reason for leave: Acute appendicitis, surgery on Monday.",
            finds: &["Acute appendicitis"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "He has chronic obstructive pulmonary disease and needs a refill.",
            finds: &["chronic obstructive pulmonary disease"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Claim line: Heart failure, unspecified (I50.9), please review.",
            finds: &["Heart failure, unspecified"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Claim rejected: Essential (primary) hypertension not covered.",
            finds: &["Essential (primary) hypertension"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "The disk is in a generalized failure state, please replace it.",
        "Chronic timeouts on the payment gateway since Tuesday.",
        "Our anxiety about the launch is a disorder of priorities.",
        "Acute angle brackets break the parser.",
        "Other specified conditions of the contract apply to unspecified disorders of the queue.",
    ],
};

/// Every list entry is distinctive (titles of two words or more, none made only of generic
/// words); the check only guards against degenerate matches of fewer than four letters.
fn validate(text: &str) -> Option<Verdict> {
    crate::detector::word_list_entry(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert!(validate("Acute appendicitis").is_some());
        assert!(validate("Gas").is_none());
    }
}
