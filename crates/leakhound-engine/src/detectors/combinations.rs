//! PROTECTED_HEALTH_INFORMATION and HIPAA_DEFINED_PII: detectors made of other detectors.
//!
//! Health information is protected when it can be tied to a person, and a person's identifiers
//! become HIPAA-defined PII when they sit next to health information. Neither has a shape of
//! its own, so each is a combination: a finding of one group of native detectors (the
//! `reports` group) with a finding of the other group (`requires`) within `window` bytes,
//! both at LIKELY or above. The combined finding has the span of the reported one and the
//! lower of the two confidences. A rule that names a combination runs its parts without
//! reporting them under their own names.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Verdict};

/// What a combination detector combines.
#[derive(Debug)]
pub struct Combination {
    /// The combination's scan-API name.
    pub name: &'static str,
    /// The detectors whose findings are reported under the combination's name.
    pub reports: &'static [&'static str],
    /// The detectors one of which must be found near a reported finding.
    pub requires: &'static [&'static str],
    /// How near, in bytes between the two findings.
    pub window: usize,
}

/// Health elements: diagnoses, medication, providers (Nightfall's PHI detector counts the
/// NPI among its health indicators) and health-plan numbers.
const HEALTH: &[&str] = &[
    "ICD9_CODE",
    "ICD10_CODE",
    "ICD9_DIAGNOSIS_DESCRIPTION",
    "ICD10_DIAGNOSIS_DESCRIPTION",
    "FDA_NATIONAL_DRUG_NAME",
    "US_HEALTHCARE_NPI",
    "US_MEDICARE_BENEFICIARY_IDENTIFIER",
    "US_HEALTH_INSURANCE_CLAIM_NUMBER",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER",
    "CANADA_OHIP",
    "CANADA_BC_PHN",
    "CANADA_QUEBEC_HIN",
];

/// Identifiers of a person among HIPAA's eighteen (45 CFR 164.514(b)(2)) that leakhound
/// detects.
const IDENTIFIERS: &[&str] = &[
    "PERSON_NAME",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "US_SOCIAL_SECURITY_NUMBER",
    "US_DRIVERS_LICENSE_NUMBER",
    "US_VEHICLE_IDENTIFICATION_NUMBER",
    "IMEI_HARDWARE_ID",
    "MAC_ADDRESS",
    "IP_ADDRESS",
    "CREDIT_CARD_NUMBER",
    "IBAN_CODE",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "CANADA_SOCIAL_INSURANCE_NUMBER",
];

/// How far apart, in bytes, the two findings of a combination may be: about a paragraph.
const WINDOW: usize = 300;

/// Every combination detector.
pub static COMBINATIONS: &[Combination] = &[
    Combination {
        name: "PROTECTED_HEALTH_INFORMATION",
        reports: HEALTH,
        requires: IDENTIFIERS,
        window: WINDOW,
    },
    Combination {
        name: "HIPAA_DEFINED_PII",
        reports: IDENTIFIERS,
        requires: HEALTH,
        window: WINDOW,
    },
];

/// The combination named `name`, if it is one.
pub fn combination(name: &str) -> Option<&'static Combination> {
    COMBINATIONS.iter().find(|c| c.name == name)
}

/// A combination has no candidates of its own; its validator is never called.
fn no_candidates(_: &str) -> Option<Verdict> {
    None
}

const NO_CONTEXT: ContextPolicy = ContextPolicy::NONE;

pub static PHI: NativeDetector = NativeDetector {
    name: "PROTECTED_HEALTH_INFORMATION",
    description: "Health information tied to a person: a diagnosis code or description, a drug name, a provider NPI or a health-plan number within 300 bytes of a name, birth date, SSN, address, phone or e-mail",
    patterns: &[],
    validate: no_candidates,
    context: NO_CONTEXT,
    priority: 5,
    examples: &[
        Example {
            text: "Patient phone (415) 555-2671, NHS number 943 476 5919, was seen today.",
            finds: &["943 476 5919"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Please update the record for jane.doe@example.com: CHI number 0304621048 is hers.",
            finds: &["0304621048"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "CHI 1503882152 — reach her on 07700 900461 about the results.",
            finds: &["1503882152"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "SSN 536-90-4399 belongs to the member whose NHS number is 401 023 2137.",
            finds: &["401 023 2137"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "NHS number 943 476 5919 and nothing else about who it belongs to.",
        "Call us at (415) 555-2671 about your order 88213.",
        "The clinic's NHS number format is explained on page 4.",
        "Our records show the e-mail jane.doe@example.com but no health data.",
    ],
};

pub static HIPAA: NativeDetector = NativeDetector {
    name: "HIPAA_DEFINED_PII",
    description: "A person's identifiers (name, birth date, SSN, address, phone, e-mail, device and account numbers, …) within 300 bytes of health information",
    patterns: &[],
    validate: no_candidates,
    context: NO_CONTEXT,
    priority: 4,
    examples: &[
        Example {
            text: "Patient SSN 536-90-4399; NHS number 943 476 5919 for the referral.",
            finds: &["536-90-4399"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Reach the patient at (415) 555-2671, NHS number 943 476 5919.",
            finds: &["(415) 555-2671"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "jane.doe@example.com asked about CHI number 0304621048 yesterday.",
            finds: &["jane.doe@example.com"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "NHS number 401 023 2137 — patient e-mail a.khan@example.org.",
            finds: &["a.khan@example.org"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Call us at (415) 555-2671 about your order 88213.",
        "My SSN is 536-90-4399, please update the tax form.",
        "jane.doe@example.com would like a refund.",
        "Server 10.2.3.4 restarted at noon.",
    ],
};

#[cfg(test)]
mod tests {
    use crate::rules::{DetectionRule, DetectorSpec, LogicalOp, ScanPolicy};
    use crate::Scanner;

    fn scan(names: &[&str], text: &str) -> Vec<(String, String)> {
        let policy = ScanPolicy {
            rules: vec![DetectionRule {
                name: "r".into(),
                uuid: None,
                logical_op: LogicalOp::Any,
                detectors: names.iter().map(|n| DetectorSpec::native(n)).collect(),
            }],
            ..ScanPolicy::default()
        };
        let scanner = Scanner::new(&policy).expect("compiles");
        scanner
            .scan(text)
            .findings
            .iter()
            .map(|f| (f.detector.name.clone(), f.value().to_string()))
            .collect()
    }

    const TEXT: &str = "Patient SSN 536-90-4399; NHS number 943 476 5919 for the referral.";

    /// A combination's parts run unnamed: only the combination reports.
    #[test]
    fn parts_are_not_reported_under_their_own_names() {
        assert_eq!(
            scan(&["PROTECTED_HEALTH_INFORMATION"], TEXT),
            vec![(
                "PROTECTED_HEALTH_INFORMATION".to_string(),
                "943 476 5919".to_string()
            )]
        );
    }

    /// A part named by the rule and the combination both report the same span: the
    /// combination does not compete with natives for it.
    #[test]
    fn a_named_part_and_the_combination_both_report() {
        let found = scan(&["US_SOCIAL_SECURITY_NUMBER", "HIPAA_DEFINED_PII"], TEXT);
        assert!(found.contains(&(
            "US_SOCIAL_SECURITY_NUMBER".to_string(),
            "536-90-4399".to_string()
        )));
        assert!(found.contains(&("HIPAA_DEFINED_PII".to_string(), "536-90-4399".to_string())));
    }

    /// Far apart, the two halves are not a combination.
    #[test]
    fn the_window_bounds_the_combination() {
        let far = format!(
            "Patient SSN 536-90-4399.{}NHS number 943 476 5919.",
            " lorem ipsum".repeat(40)
        );
        assert!(scan(&["PROTECTED_HEALTH_INFORMATION"], &far).is_empty());
    }
}
