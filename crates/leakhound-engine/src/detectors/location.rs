//! LOCATION: countries, US states and large cities.

use crate::confidence::Confidence;
use crate::detector::{list_entries, ContextPolicy, Example, NativeDetector, Pattern, Verdict};

const PLACES: &str = include_str!("../../data/locations.txt");
const AMBIGUOUS: &str = include_str!("../../data/locations_ambiguous.txt");

/// Words allowed in lower case inside a place name ("Rio de Janeiro", "Newcastle upon Tyne").
const CONNECTORS: &[&str] = &[
    "de", "del", "la", "le", "upon", "on", "of", "am", "an", "der", "es", "el", "do", "da",
];

/// Countries, US states and cities of 250,000 people or more (100,000 in the US, Canada, the
/// UK, Ireland and Australia), from GeoNames, written with capitals as place names are.
/// LIKELY when found; names that are also first names or English words ("Reading",
/// "Mobile", "Nice", "Jordan", "Victoria") are POSSIBLE unless a place word is next to them
/// ("in Reading", "moved to Nice").
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "LOCATION",
    description: "Places: countries, US states and large cities (GeoNames list), capitalised; ambiguous names need a place word",
    patterns: &[Pattern::words("location-list", PLACES)],
    validate,
    context: ContextPolicy {
        supporting: &[
            "in ", "from ", "city", "live", "located", "based in", "moved", "visit", "trip",
            "travel", "country", "state of", "near ", "province", "region", "capital", "born in",
            "flight", "office in", "stadt", "ville", "ciudad",
        ],
        opposing: &[],
        window: 16,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 23,
    examples: &[
        Example {
            text: "I moved from Toronto to Melbourne last month and my card stopped working.",
            finds: &["Toronto", "Melbourne"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Our warehouse in Reading ships to all of Germany.",
            finds: &["Reading", "Germany"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The customer lives in New York but the card was issued in Brazil.",
            finds: &["New York", "Brazil"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Shipping address state: California",
            finds: &["California"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Reading the logs, the Mobile app crashes on a Nice-to-have feature.",
        "please reset my password for the paris account",
        "Jordan asked whether Victoria approved the refund.",
        "Orange is the default theme colour.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let mut words = text.split([' ', '-']).filter(|w| !w.is_empty()).peekable();
    let mut first = true;
    while let Some(word) = words.next() {
        let last = words.peek().is_none();
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        if !capitalised && (first || last || !CONNECTORS.contains(&word)) {
            return None;
        }
        first = false;
    }
    static AMBIGUOUS_SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    if AMBIGUOUS_SET
        .get_or_init(|| list_entries(AMBIGUOUS).collect())
        .contains(text)
    {
        return Some(Verdict::format_only(Confidence::Possible));
    }
    Some(Verdict::passed(Confidence::Likely, "place-list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, want) in [
            ("Toronto", Some(Confidence::Likely)),
            ("New York", Some(Confidence::Likely)),
            ("Rio de Janeiro", Some(Confidence::Likely)),
            ("Reading", Some(Confidence::Possible)),
            ("Nice", Some(Confidence::Possible)),
            ("toronto", None),
            ("new York", None),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }
}
