//! ICD9_DIAGNOSIS_DESCRIPTION: ICD-9-CM diagnosis descriptions (CMS v32 titles), from a shipped list.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Diagnosis descriptions from the ICD-9-CM titles ("Roseola infantum", "Hepatopulmonary
/// syndrome", "Herpes zoster without mention of complication"): titles of two to sixteen words,
/// with and without a trailing ", unspecified", matched as whole phrases in any case
/// (administrative classes such as "Encounter for …" left out). LIKELY when found;
/// VERY_LIKELY next to "diagnosis", "patient", "treated for"; many titles are the same in
/// ICD-9 and ICD-10, so a title next to "ICD-10" stays LIKELY and the ICD-10 detector takes
/// it.
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
        opposing: &["icd-10", "icd10", "icd 10"],
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
            text: "Diagnosis (ICD-9): Unspecified essential hypertension, resubmitted.",
            finds: &["Unspecified essential hypertension"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "2013 claim, ICD-9 428.0 Congestive heart failure, unspecified.",
            finds: &["Congestive heart failure, unspecified"],
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
        "The other shock absorber and the unspecified type of mounting are on backorder.",
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
        assert!(validate("Roseola infantum").is_some());
        assert!(validate("Dx").is_none());
    }

    /// Many titles are the same in ICD-9 and ICD-10: the version named next to one decides.
    #[test]
    fn the_named_icd_version_takes_a_shared_title() {
        use crate::rules::{DetectionRule, DetectorSpec, LogicalOp, ScanPolicy};
        let policy = ScanPolicy {
            rules: vec![DetectionRule {
                name: "r".into(),
                uuid: None,
                logical_op: LogicalOp::Any,
                detectors: vec![
                    DetectorSpec::native("ICD9_DIAGNOSIS_DESCRIPTION"),
                    DetectorSpec::native("ICD10_DIAGNOSIS_DESCRIPTION"),
                ],
            }],
            ..ScanPolicy::default()
        };
        let scanner = crate::Scanner::new(&policy).expect("compiles");
        for (text, want) in [
            (
                "Diagnosis (ICD-9): Rheumatoid arthritis",
                "ICD9_DIAGNOSIS_DESCRIPTION",
            ),
            (
                "Old claim, ICD-9 714.0 Rheumatoid arthritis.",
                "ICD9_DIAGNOSIS_DESCRIPTION",
            ),
            (
                "Diagnosis (ICD-10): Rheumatoid arthritis",
                "ICD10_DIAGNOSIS_DESCRIPTION",
            ),
            (
                "Diagnosis: Rheumatoid arthritis",
                "ICD10_DIAGNOSIS_DESCRIPTION",
            ),
        ] {
            let found = scanner.scan(text).findings;
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].detector.name, want, "{text}");
            assert_eq!(found[0].value(), "Rheumatoid arthritis", "{text}");
        }
    }
}
