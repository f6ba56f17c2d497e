//! CANADA_PERMANENT_RESIDENT_NUMBER: IRCC Unique Client Identifiers (UCI) on PR cards.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::filler;

/// The UCI (formerly "client ID") printed on permanent resident cards and IRCC letters: 8
/// digits (`0000-0000`) or 10 digits (`00-0000-0000`), with no public check digit. Only
/// searched near immigration words; `POSSIBLE` by format, `LIKELY` with a UCI, PR-card or
/// IRCC word nearby. Two four-digit halves that are both years (`2015-2016`) are dropped.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_PERMANENT_RESIDENT_NUMBER",
    description: "Canadian permanent resident / IRCC Unique Client Identifiers (8 or 10 digits), near UCI, PR card or IRCC words",
    patterns: &[Pattern::near(
        "ca-uci-near-keyword",
        concat!(
            other_label!(),
            r"(?:[0-9]{4}-?[0-9]{4}|[0-9]{2}-?[0-9]{4}-?[0-9]{4})(?-u:\b)|(?-u:\b)(?P<value>[0-9]{4}-?[0-9]{4}|[0-9]{2}-?[0-9]{4}-?[0-9]{4})(?-u:\b)"
        ),
        // Not "uci" alone: it is inside "producing", "reducing", "lucid".
        &["uci ", "uci:", "uci#", "(uci", "unique client", "permanent resident", "pr card", "ircc", "immigration"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &["uci", "unique client identifier", "permanent resident", "pr card", "ircc", "immigration canada", "cic "],
        // Labels of other numbers before a number ("order …", "tracking …") are in the
        // pattern (`other_label!`), so the next sentence's label does not count here. Besides:
        // years ("since 2015-2016"), driver's licence words (a Texas licence is eight digits
        // too) and Windows SIDs ("S-1-5-21-1510741761-…").
        opposing: &["since", "from", "between", "driver", "licen", "dl#", "dl:", "s-1-5"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 213,
    examples: &[
        Example { text: "permanent resident client id: 0333-4955 regarding order #ORD-2025-621065.", finds: &["0333-4955"], min_confidence: Confidence::Likely },
        Example { text: "My UCI is 3141-5926, please link it to the file.", finds: &["3141-5926"], min_confidence: Confidence::Likely },
        Example { text: "Permanent resident card, client ID 11-2233-4455", finds: &["11-2233-4455"], min_confidence: Confidence::Likely },
        Example { text: "IRCC letter lists UCI 40-2817-3395.", finds: &["40-2817-3395"], min_confidence: Confidence::Likely },
        Example { text: "PR card number / UCI: 52918374", finds: &["52918374"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Order 3141-5926 for a PR card holder",
        "Client ID 52918374 in the CRM",
        "UCI 00000000 is the placeholder",
        "permanent resident 2015-2016, then citizen",
        "US drivers license: 86224753\nMy PR card is in the mail.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d: Vec<u32> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect();
    if filler::is_filler(text) {
        return None;
    }
    if d.len() == 8 {
        let half = |s: &[u32]| s.iter().fold(0, |a, x| a * 10 + x);
        let years =
            (1900..=2099).contains(&half(&d[..4])) && (1900..=2099).contains(&half(&d[4..]));
        if years {
            return None;
        }
    }
    Some(Verdict::format_only(Confidence::Possible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for ok in ["3141-5926", "11-2233-4455", "52918374", "4028173395"] {
            assert_eq!(
                validate(ok).map(|v| v.confidence),
                Some(Confidence::Possible),
                "{ok}"
            );
        }
        for bad in ["00000000", "1234-5678", "2015-2016", "19992000"] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
