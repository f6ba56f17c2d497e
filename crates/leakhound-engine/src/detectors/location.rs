//! LOCATION: countries, US states and large cities.

use crate::confidence::Confidence;
use crate::detector::{list_entries, ContextPolicy, Example, NativeDetector, Pattern, Verdict};

const PLACES: &str = include_str!("../../data/locations.txt");
const AMBIGUOUS: &str = include_str!("../../data/locations_ambiguous.txt");
const NATIVE: &str = include_str!("../../data/locations_native.txt");

/// Large Chinese and Japanese cities, written in Han characters: CJK text has no spaces, so
/// they cannot be whole words of a list; they are their own keywords.
const CJK_CITIES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "天津",
    "重庆",
    "成都",
    "武汉",
    "杭州",
    "南京",
    "西安",
    "苏州",
    "长沙",
    "沈阳",
    "青岛",
    "郑州",
    "大连",
    "厦门",
    "昆明",
    "哈尔滨",
    "香港",
    "澳门",
    "台北",
    "東京",
    "大阪",
    "京都",
    "横浜",
    "名古屋",
    "札幌",
    "福岡",
    "神戸",
    "仙台",
    "広島",
    "那覇",
];

/// Words allowed in lower case inside a place name ("Rio de Janeiro", "Newcastle upon Tyne").
const CONNECTORS: &[&str] = &[
    "de", "del", "la", "le", "upon", "on", "of", "am", "an", "der", "es", "el", "do", "da", "en",
    "y", "sur",
];

/// Countries, US states and cities of 250,000 people or more (100,000 in the US, Canada, the
/// UK, Ireland and Australia), from GeoNames, written with capitals as place names are.
/// LIKELY when found; names that are also first names or English words ("Reading",
/// "Mobile", "Nice", "Jordan", "Victoria") are POSSIBLE unless a place word is next to them
/// ("in Reading", "moved to Nice"). Place names as written in French, German, Spanish,
/// Portuguese and Italian ("Österreich", "Málaga", "Bretagne") and large Chinese and Japanese
/// cities ("南京", "札幌") too. A state or country that names the issuer of an ID document
/// ("my Texas DL", "Ontario health card", "passport no: … (Ireland)") says which authority,
/// not where anyone is: one level lower.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "LOCATION",
    description: "Places: countries, US states and large cities (GeoNames list), capitalised; ambiguous names need a place word",
    patterns: &[
        Pattern::words("location-list", PLACES),
        Pattern::words("location-list-native", NATIVE),
        Pattern::near(
            "location-cjk-city",
            "北京|上海|广州|深圳|天津|重庆|成都|武汉|杭州|南京|西安|苏州|长沙|沈阳|青岛|郑州|大连|厦门|昆明|哈尔滨|香港|澳门|台北|東京|大阪|京都|横浜|名古屋|札幌|福岡|神戸|仙台|広島|那覇",
            CJK_CITIES,
            0,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "in ", "from ", "city", "live", "located", "based in", "moved", "visit", "trip",
            "travel", "country", "the state of", "near ", "province", "region", "capital", "born in",
            "flight", "office in", "stadt", "ville", "ciudad", "en ", "em ", "\u{e0} ", "nach ",
            "aus ", "desde ", "trip to", "based out of", "travelling", "traveling", "unterwegs", "viaje",
        ],
        opposing: &[
            "dl ", "dl#", "dl:", "driver", "licen", "health card", "passport", "id card",
            "identity card", "permit", "plate",
            // "DL# S868-789-97-216-8 (state of Florida)": the issuer, in parentheses after
            // the number it qualifies.
            "(state of", "(province of",
        ],
        // Wide enough to see "passport no: XX1234567 (" before a country.
        window: 28,
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
            text: "We moved to the state of Florida last year, so the billing address changed.",
            finds: &["Florida"],
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
        Example {
            text: "Ich bin diese Woche in Österreich unterwegs, danach in München.",
            finds: &["Österreich", "München"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Estou em Salvador esta semana; depois vou para Florianópolis.",
            finds: &["Salvador", "Florianópolis"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "我这周在南京出差，下周去上海。",
            finds: &["南京", "上海"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "今週は札幌に出張中です。",
            finds: &["札幌"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Reading the logs, the Mobile app crashes on a Nice-to-have feature.",
        "please reset my password for the paris account",
        "Jordan asked whether Victoria approved the refund.",
        "Orange is the default theme colour.",
        "my Texas DL is 034 269 779",
        "DL# S868-789-97-216-8 (state of Florida)",
        "My Ontario driver's licence number is 570956-416.",
        "Ontario health card: 7899 493 410 LC",
        "passport no: FT4883816 (Ireland)",
        "driver's licence (Canada): E248442068541",
        "My California driver's license number is B46852262317.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    if CJK_CITIES.contains(&text) {
        return Some(Verdict::passed(Confidence::Likely, "place-list"));
    }
    let mut words = text.split([' ', '-']).filter(|w| !w.is_empty()).peekable();
    let mut first = true;
    while let Some(word) = words.next() {
        let last = words.peek().is_none();
        // "Côte d'Azur": the elided article before a capitalised word.
        let word = word.strip_prefix("d'").unwrap_or(word);
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
            ("Côte d'Azur", Some(Confidence::Likely)),
            ("Aix-en-Provence", Some(Confidence::Likely)),
            ("南京", Some(Confidence::Likely)),
            ("toronto", None),
            ("new York", None),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }
}
