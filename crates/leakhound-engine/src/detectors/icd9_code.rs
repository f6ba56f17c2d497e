//! ICD9_CODE: ICD-9-CM diagnosis codes next to medical-coding words.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::detectors::icd10_code::ICD_KEYWORDS;
use crate::validate::icd::{self, Icd9};

/// ICD-9-CM codes (`250.00`, `428.0`, `V45.81`, `E880.9`) within a few words of "ICD",
/// "diagnosis", "dx", "CPT" or "superbill" (see `ICD_KEYWORDS`), with a real category, and
/// not the tail of a longer number: not after a digit and a comma (the milliseconds of
/// `16:36:12,301`, the cents of `$53,988.44`), a hyphen (`616-320-982`), a dot or a colon. A code with decimals, or a V or E code,
/// is LIKELY; three bare digits only POSSIBLE ("error code 404" has the same shape); either is
/// one level higher next to "ICD" or "diagnosis".
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "ICD9_CODE",
    description: "ICD-9-CM diagnosis codes (ddd.dd, Vdd.dd, Eddd.d; real category) next to ICD/diagnosis/dx/CPT/superbill",
    patterns: &[Pattern::near(
        "icd9-code",
        r"(?:^|[^0-9A-Za-z.,:-]|[^0-9],)(?P<value>(?:[0-9]{3}|V[0-9]{2}|E[89][0-9]{2})(?:\.[0-9]{1,4}){0,2})(?-u:\b)",
        ICD_KEYWORDS,
        12,
        40,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["icd", "diagnos", "dx", "diag", "condition", "clinical", "claim", "patient"],
        opposing: &[
            "error", "http", "status", "promo", "coupon", "discount", "voucher", "part", "model",
            "sku", "room", "order", "invoice", "zip", "area code", "postal", "serial", "product",
            "$", "usd", "eur", "icd-10", "icd10", "icd 10", "warn", "debug", "info", "trace",
            "fatal",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Likely,
    },
    priority: 29,
    examples: &[
        Example {
            text: "Legacy claim lists ICD-9 250.00 as the diagnosis.",
            finds: &["250.00"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "dx codes: 428.0, V45.81",
            finds: &["428.0", "V45.81"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "ICD-9 codes: 250.00, 401.9 (legacy claim)",
            finds: &["250.00", "401.9"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "ICD9 E880.9 recorded for the fall on the stairs",
            finds: &["E880.9"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The old system stored diagnosis 401.9 for this patient.",
            finds: &["401.9"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "The server returned error code 404 twice.",
        "HTTP status code 503 during checkout.",
        "Promo code 250 gives you a discount.",
        "Area code 415 is not supported for this plan.",
        "Diagnosis code 000.1 does not exist.",
        "ICD-10: M54.5\n\n2025-10-06 16:36:12,301 WARN [scheduler] request timed out",
        "event_ts=2025-12-26 18:23:21,056\nICD-10: E11.9",
        "Total $53,988.44 for dx code review",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    Some(match icd::icd9(text)? {
        Icd9::Specific => Verdict::passed(Confidence::Likely, "icd9-category"),
        Icd9::BareCategory => Verdict::passed(Confidence::Possible, "icd9-category"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, want) in [
            ("250.00", Some(Confidence::Likely)),
            ("V45.81", Some(Confidence::Likely)),
            ("428", Some(Confidence::Possible)),
            ("250.001", None),
            ("000.1", None),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }
}
