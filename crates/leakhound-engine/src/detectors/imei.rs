//! IMEI_HARDWARE_ID: mobile device IMEIs.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, imei};

/// IMEIs in the printed groupings (`35-209900-176148-1`, `35209900-176148-1`) anywhere, and
/// 14–16 digits written together only near "IMEI" and similar words. A 15-digit IMEI must pass
/// Luhn and start with a GSMA reporting-body code to be `LIKELY`; the 14-digit form (no check
/// digit) and the 16-digit IMEISV are `POSSIBLE` by format and `LIKELY` with an IMEI word.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "IMEI_HARDWARE_ID",
    description: "Mobile device IMEIs (15 digits Luhn-checked with a GSMA reporting-body prefix; 14-digit and IMEISV forms with context)",
    patterns: &[
        Pattern::new("imei-grouped", r"(?-u:\b)[0-9]{2}[- ][0-9]{6}[- ][0-9]{6}(?:[- ][0-9]{1,2})?(?-u:\b)"),
        Pattern::new("imei-tac-grouped", r"(?-u:\b)[0-9]{8}-[0-9]{6}-[0-9]{1,2}(?-u:\b)"),
        Pattern::near(
            "imei-near-keyword",
            r"(?-u:\b)[0-9]{14,16}(?-u:\b)",
            &["imei", "*#06#", "handset", "device id"],
            0,
            48,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &["imei", "imeisv", "*#06#", "handset", "device", "phone", "unlock", "stolen", "blacklist", "carrier", "sim "],
        opposing: &["order", "invoice", "tracking", "card", "amex", "visa", "account", "iccid", "ref:", "ref#", "sku"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 218,
    examples: &[
        Example { text: "IMEI 35-209900-176148-1, the phone was stolen yesterday.", finds: &["35-209900-176148-1"], min_confidence: Confidence::VeryLikely },
        Example { text: "my imei is 490154203237518", finds: &["490154203237518"], min_confidence: Confidence::VeryLikely },
        Example { text: "Handset IMEISV 35686800-004141-20", finds: &["35686800-004141-20"], min_confidence: Confidence::Likely },
        Example { text: "IMEI (no check digit) 35-417803-685978 on the box", finds: &["35-417803-685978"], min_confidence: Confidence::Likely },
        Example { text: "Device 35-417803-685978-9 needs an unlock code.", finds: &["35-417803-685978-9"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "IMEI 35-417803-685978-2 is wrong by one digit.",
        "Amex 378282246310005 was charged twice.",
        "order 35-209900-176148-1 delivered",
        "device 000000000000000 reported by the emulator",
        "Reference 12-345678-901234-5 for the shipment",
        "Batch 35-209900-176148 was flashed with the new firmware.",
    ],
};

/// GSMA reporting-body identifiers: the first two digits of every allocated TAC.
const REPORTING_BODIES: [u8; 17] = [
    1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99,
];

fn validate(text: &str) -> Option<Verdict> {
    let d = imei::compact(text)?;
    if filler::is_filler(text) {
        return None;
    }
    if d.len() != 15 {
        return Some(Verdict::format_only(Confidence::Possible));
    }
    let body = (d[0] - b'0') * 10 + (d[1] - b'0');
    if !imei::is_valid(text) {
        return Some(Verdict::failed(Confidence::Unlikely, "luhn"));
    }
    if REPORTING_BODIES.contains(&body) {
        Some(Verdict::passed(Confidence::Likely, "luhn"))
    } else {
        Some(Verdict::failed(Confidence::Possible, "imei-reporting-body"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.confidence);
        assert_eq!(c("35-209900-176148-1"), Some(Confidence::Likely));
        assert_eq!(c("490154203237518"), Some(Confidence::Likely));
        assert_eq!(c("35686800-004141-20"), Some(Confidence::Possible));
        assert_eq!(c("35-417803-685978-2"), Some(Confidence::Unlikely));
        assert_eq!(c("378282246310005"), Some(Confidence::Possible));
        assert_eq!(c("000000000000000"), None);
        assert_eq!(c("3541780368597"), None);
    }
}
