//! US_VEHICLE_IDENTIFICATION_NUMBER: 17-character vehicle identification numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::vin::{self, VinStatus};

/// VINs: 17 characters without I, O or Q, at least two letters and three digits. The
/// decision on check digits: North American VINs (first character 1–5) must carry the
/// position-9 check digit (49 CFR 565.15), so a right one makes the candidate `LIKELY` and a
/// wrong one `UNLIKELY`; VINs from other regions need no check digit, so they are `POSSIBLE`
/// by format and `LIKELY` only with a vehicle word nearby.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_VEHICLE_IDENTIFICATION_NUMBER",
    description: "Vehicle identification numbers (17 characters, no I/O/Q; position-9 check digit required for North American VINs)",
    patterns: &[Pattern::new("vin", r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)")],
    validate,
    context: ContextPolicy {
        supporting: &["vin", "vehicle", "chassis", "car ", "car:", "truck", "carfax", "dmv", "odometer", "title", "registration", "dealer", "recall"],
        opposing: &["order", "invoice", "tracking", "sku", "serial", "license key", "licence key", "product key", "activation", "hash", "ref:", "ref#"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 219,
    examples: &[
        Example { text: "VIN 1M8GDM9AXKP042788 for the recall check", finds: &["1M8GDM9AXKP042788"], min_confidence: Confidence::VeryLikely },
        Example { text: "Car: 2T1BURHEXJC043821, 2018 Corolla", finds: &["2T1BURHEXJC043821"], min_confidence: Confidence::VeryLikely },
        Example { text: "Please check 1HGCM82633A004352 against the title.", finds: &["1HGCM82633A004352"], min_confidence: Confidence::VeryLikely },
        Example { text: "chassis number WVWZZZ1JZXW000001 (German import)", finds: &["WVWZZZ1JZXW000001"], min_confidence: Confidence::Likely },
        Example { text: "Shipment for 5YJ3E1EA2KF317000 arrives Monday", finds: &["5YJ3E1EA2KF317000"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "VIN 1M8GDM9A1KP042788 has a bad check digit.",
        "License key ABCDE12345FGHJK67 for activation",
        "order 12345678901234567 was refunded",
        "tracking 1Z999AA10123456784",
        "Serial WVWZZZ1JZXW000001 from the product label",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let letters = text.bytes().filter(u8::is_ascii_uppercase).count();
    if letters < 2 || text.len() - letters < 3 {
        return None;
    }
    match vin::status(text) {
        VinStatus::CheckDigitValid => Some(Verdict::passed(Confidence::Likely, "vin-check-digit")),
        VinStatus::CheckDigitInvalid => {
            Some(Verdict::failed(Confidence::Unlikely, "vin-check-digit"))
        }
        VinStatus::NoCheckDigit => Some(Verdict::format_only(Confidence::Possible)),
        VinStatus::NotVin => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("1M8GDM9AXKP042788"), Some(Confidence::Likely));
        assert_eq!(c("1M8GDM9A1KP042788"), Some(Confidence::Unlikely));
        assert_eq!(c("WVWZZZ1JZXW000001"), Some(Confidence::Possible));
        assert_eq!(c("12345678901234567"), None);
        assert_eq!(c("ABCDEFGHJKLMNPRST"), None);
    }
}
