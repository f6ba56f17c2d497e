//! US_HEALTH_INSURANCE_CLAIM_NUMBER: legacy Medicare Health Insurance Claim Numbers (HICN).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::ssn::{self, SsnStatus};

/// HICNs, replaced by MBIs in 2018–2020 but still in old records: the SSN of the primary
/// wage earner followed by a Beneficiary Identification Code (`A` wage earner, `B`/`B1`…
/// spouse, `C1`… child, `D`… widow(er), `E`…, `F1`… parent, `H`…, `J1`…, `K`…, `M` Part-B
/// only, `T`…, `W`… disabled), and Railroad Retirement Board numbers (`A`, `MA`, `WA`, `CA`,
/// `WD`, `H`, `PA` … followed by six or nine digits). The SSN part must pass the SSN
/// structure rules; nothing is a checksum, so candidates are `POSSIBLE` by format and
/// `LIKELY` near Medicare or claim-number words, near which alone they are searched.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_HEALTH_INSURANCE_CLAIM_NUMBER",
    description: "US Medicare Health Insurance Claim Numbers (legacy HICN: SSN + beneficiary code, or railroad prefix + digits), near Medicare words",
    patterns: &[Pattern::near(
        "hicn-near-keyword",
        r"(?-u:\b)(?:[0-9]{3}-?[0-9]{2}-?[0-9]{4}[- ]?[A-HJKMTW][0-9A-Z]?|(?:A|MA|WA|CA|WD|WCA|WCD|H|MH|WH|CH|JA|PA|PD|PH|WCH)[0-9]{6}(?:[0-9]{3})?)(?-u:\b)",
        &["medicare", "hicn", "hic#", "hic no", "claim number", "claim no", "railroad"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["medicare", "hicn", "hic#", "hic no", "hic number", "health insurance claim", "railroad retirement", "rrb"],
        opposing: &["order", "invoice", "tracking", "sku", "serial", "part no", "product", "ref:", "ref#"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 206,
    examples: &[
        Example { text: "Medicare HICN 536-22-1234A from the old red, white and blue card", finds: &["536-22-1234A"], min_confidence: Confidence::Likely },
        Example { text: "health insurance claim number 457210943B1 for the spouse", finds: &["457210943B1"], min_confidence: Confidence::Likely },
        Example { text: "HICN: 318904567 C2", finds: &["318904567 C2"], min_confidence: Confidence::Likely },
        Example { text: "Railroad Retirement Medicare claim number WA482913570", finds: &["WA482913570"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Medicare claim 000-12-3456A cannot exist: area 000.",
        "Order 536-22-1234A shipped to the clinic.",
        "HICN 123-45-6789A is the sample on the training slide.",
        "claim number 536221234Z was typed by mistake",
        "Medicare invoice 457210943B paid.",
        "Car insurance claim number 457210943B was approved.",
    ],
};

/// Beneficiary Identification Codes: a letter, optionally followed by a digit or a letter.
fn bic_ok(code: &[u8]) -> bool {
    match code {
        [b'A' | b'B' | b'D' | b'E' | b'G' | b'H' | b'K' | b'M' | b'T' | b'W'] => true,
        [b'A' | b'B' | b'C' | b'D' | b'E' | b'F' | b'G' | b'H' | b'J' | b'K' | b'M' | b'T'
        | b'W', d] => (b'1'..=b'9').contains(d) || d.is_ascii_uppercase(),
        _ => false,
    }
}

fn validate(text: &str) -> Option<Verdict> {
    let b = text.as_bytes();
    if b[0].is_ascii_uppercase() {
        // Railroad Retirement Board number: the pattern fixed prefix and digit count.
        let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
        return ((digits == 6 || digits == 9) && !crate::validate::filler::is_filler(text))
            .then(|| Verdict::format_only(Confidence::Possible));
    }
    let digits: String = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'-')
        .map(|&c| c as char)
        .collect();
    let code: Vec<u8> = b[digits.len()..]
        .iter()
        .copied()
        .filter(|c| *c != b' ' && *c != b'-')
        .collect();
    let compact: String = digits.chars().filter(char::is_ascii_digit).collect();
    let d = ssn::parse(&compact)?;
    if ssn::status(&d) != SsnStatus::Valid || !bic_ok(&code) {
        return None;
    }
    Some(Verdict::passed(
        Confidence::Possible,
        "ssn-structure-and-bic",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for ok in [
            "536-22-1234A",
            "457210943B1",
            "318904567 C2",
            "318904567-M",
            "WA482913570",
            "A482913",
            "536221234TA",
        ] {
            assert_eq!(
                validate(ok).map(|v| v.confidence),
                Some(Confidence::Possible),
                "{ok}"
            );
        }
        for bad in [
            "000-12-3456A",
            "123-45-6789A",
            "536221234Z",
            "536221234C",
            "666221234A",
            "WA123456",
            "536221234A0",
        ] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
