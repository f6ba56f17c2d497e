//! FDA_NATIONAL_DRUG_NAME: US drug names, generic and brand (MedlinePlus/DrugBank list), from a shipped list.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// Drug names marketed in the US: generic names with a MedlinePlus drug page and their brand
/// names ("metformin", "atorvastatin", "Lipitor", "Xarelto"), with the brands of widely
/// prescribed drugs the source list lacks ("Zoloft", "Eliquis", "Ozempic"), matched as whole
/// words in any case; names that are common English words are not on the list. LIKELY when found;
/// VERY_LIKELY next to "mg", "tablet", "prescription", "pharmacy", "refill".
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "FDA_NATIONAL_DRUG_NAME",
    description:
        "US drug names, generic and brand (MedlinePlus/DrugBank list), from a shipped list",
    patterns: &[
        Pattern::words(
            "fda-drug-name-list",
            include_str!("../../data/fda_drug_names.txt"),
        ),
        Pattern::words(
            "fda-drug-brand-list",
            include_str!("../../data/fda_drug_brands.txt"),
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "mg",
            "mcg",
            "ml ",
            "tablet",
            "capsule",
            "dose",
            "dosage",
            "prescri",
            "rx",
            "pharmac",
            "medication",
            "medicine",
            "taking",
            "refill",
            "inject",
            "daily",
            "drug",
        ],
        opposing: &[],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 24,
    examples: &[
        Example {
            text: "I take metformin 500 mg twice a day, can you update my plan?",
            finds: &["metformin"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "The pharmacy substituted Lipitor with atorvastatin.",
            finds: &["Lipitor", "atorvastatin"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "She is on Xarelto since the surgery.",
            finds: &["Xarelto"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Switched from Zoloft to Lexapro, and Ozempic is on back-order at the pharmacy.",
            finds: &["Zoloft", "Lexapro", "Ozempic"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Medication: insulin glargine (Lantus), 20 units at night",
            finds: &["insulin glargine", "Lantus"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Refill request: sertraline 50mg, 30 tablets",
            finds: &["sertraline"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "Please reset the password for the admin account.",
        "The invoice total is wrong for March.",
        "Our mobile app crashes on startup.",
        "Tracking number 1Z999AA10123456784 shows no movement.",
        "The concert tickets for the armour exhibit were refunded by Allegra.",
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
        assert!(validate("metformin").is_some());
        assert!(validate("abc").is_none());
    }
}
