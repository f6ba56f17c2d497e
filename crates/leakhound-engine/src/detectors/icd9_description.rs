//! ICD9_DIAGNOSIS_DESCRIPTION: ICD-9-CM diagnosis descriptions (CMS v32 titles), from a shipped list.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Diagnosis descriptions from the ICD-9-CM titles ("Roseola infantum", "Hepatopulmonary
/// syndrome", "Herpes zoster without mention of complication"): titles of two words or more,
/// without the residual "other"/"unspecified" classes, matched as whole phrases in any case.
/// LIKELY when found; VERY_LIKELY next to "diagnosis", "patient", "treated for".
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "ICD9_DIAGNOSIS_DESCRIPTION",
    description: "ICD-9-CM diagnosis descriptions (CMS v32 titles), from a shipped list",
    patterns: &[Pattern::words(
        "icd9-description-list",
        include_str!("../../data/icd9_descriptions.txt"),
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
        opposing: &[],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 25,
    examples: &[
        Example {
            text: "Old chart notes: herpes zoster myelitis.",
            finds: &["herpes zoster myelitis"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Patient history of hepatopulmonary syndrome, see attached.",
            finds: &["hepatopulmonary syndrome"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Diagnosis on the 2012 claim: Roseola infantum",
            finds: &["Roseola infantum"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Her son was treated for acute swimmers' ear in July.",
            finds: &["acute swimmers' ear"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "The herpes of our release train is the flaky zoster test.",
        "Syndrome of the week: people not reading the FAQ.",
        "Our roseola colour scheme was rejected.",
        "Infantum is a fine name for a kids app.",
    ],
};

/// Every list entry is distinctive (the list was cut to phrases and names that are not common
/// words); the check only guards against degenerate matches of fewer than four letters.
fn validate(text: &str) -> Option<Verdict> {
    crate::detector::word_list_entry(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert!(validate("Roseola infantum").is_some());
        assert!(validate("Dx").is_none());
    }
}
