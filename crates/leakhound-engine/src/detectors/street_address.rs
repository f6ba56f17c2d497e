//! STREET_ADDRESS: postal street addresses.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::address;

/// City, optional state or province, optional postcode (US ZIP, Canadian, UK), after the
/// street; the comma before the city may be missing when a state or province code follows
/// ("506 Jasper Ave Vancouver, BC, V6C 1T2").
macro_rules! place_tail_re {
    () => {
        r"(?:,[ ]?[A-Z][a-zß-ÿ]{1,20}(?:[ '-][A-Z][a-zß-ÿ]{1,20}){0,2}(?:,?[ ](?:[A-Z]{2}|[A-Z][a-z]{1,20}(?:[ ][A-Z][a-z]{1,20})?)(?-u:\b))?(?:,?[ ](?:[0-9]{5}(?:-[0-9]{4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]|[A-Z]{1,2}[0-9][A-Z0-9]?[ ][0-9][A-Z]{2}))?|[ ][A-Z][a-zß-ÿ]{1,20}(?:[ '-][A-Z][a-zß-ÿ]{1,20}){0,2},[ ]?[A-Z]{2}(?-u:\b)(?:,?[ ](?:[0-9]{5}(?:-[0-9]{4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]))?)?"
    };
}

/// A five-digit postcode and a town after a continental street: ", 10115 Berlin",
/// ", 79098 Freiburg im Breisgau".
macro_rules! continental_tail_re {
    () => {
        r"(?:,[ ]?(?:[A-Z]-|D-|F-)?[0-9]{4,5}[ ][A-ZÀ-Þ][a-zß-ÿ]{1,24}(?:[ -](?:(?:im|am|an|der|de|del|la|le|sur|en)[ ])?[A-ZÀ-Þ][a-zß-ÿ]{1,24}){0,2})?"
    };
}

/// English street types as gate words (ASCII, any case), with the space before them (and
/// for abbreviations the character after) so that "st" in "first" or "row" in "tomorrow" does
/// not open a search window.
const EN_STREET_TYPES: &[&str] = &[
    " street",
    " avenue",
    " road",
    " boulevard",
    " lane",
    " drive",
    " court",
    " place",
    " way",
    " terrace",
    " parkway",
    " highway",
    " circle",
    " square",
    " trail",
    " crescent",
    " close",
    " row",
    " plaza",
    " alley",
    " loop",
    " pike",
    " mews",
    " grove",
    " gardens",
    " st ",
    " st.",
    " st,",
    " st\n",
    " ave ",
    " ave.",
    " ave,",
    " ave\n",
    " rd ",
    " rd.",
    " rd,",
    " rd\n",
    " blvd ",
    " blvd.",
    " blvd,",
    " blvd\n",
    " ln ",
    " ln.",
    " ln,",
    " ln\n",
    " dr ",
    " dr.",
    " dr,",
    " dr\n",
    " ct ",
    " ct.",
    " ct,",
    " ct\n",
    " pl ",
    " pl.",
    " pl,",
    " pl\n",
    " ter ",
    " ter.",
    " ter,",
    " ter\n",
    " pkwy ",
    " pkwy.",
    " pkwy,",
    " pkwy\n",
    " hwy ",
    " hwy.",
    " hwy,",
    " hwy\n",
    " cir ",
    " cir.",
    " cir,",
    " cir\n",
    " sq ",
    " sq.",
    " sq,",
    " sq\n",
    " trl ",
    " trl.",
    " trl,",
    " trl\n",
    " cres ",
    " cres.",
    " cres,",
    " cres\n",
];

/// House number, street name words, street type, then unit and place: `221B Baker Street`,
/// `1600 Pennsylvania Ave NW, Washington, DC 20500`, `42 Oak Road, Apt 4B, Springfield, IL
/// 62704`, `10 Downing Street, London SW1A 2AA`; and continental forms: `Hauptstraße 5,
/// 10115 Berlin`, `Berliner Allee 12`, `12 rue de la Paix, 75002 Paris`, `Calle Mayor 5`,
/// `Via Roma 12`.
///
/// Number, name and street type alone are POSSIBLE ("2 Main St" could be a product count);
/// with a unit, city or postcode, or in a continental form, LIKELY; next to "address",
/// "ship to", "live at", … one level higher.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "STREET_ADDRESS",
    description: "Street addresses: number, street and type, unit, city, state/province and US/CA/UK postcode; German, French, Spanish and Italian forms",
    patterns: &[
        Pattern::near(
            "address-number-street-type",
            concat!(
                r"(?-u:\b)(?P<value>[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,5})?[ ](?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ ])?(?:(?:[A-Z][A-Za-z'-]{0,20}\.?|[0-9]{1,3}(?:st|nd|rd|th))[ ]){1,4}(?i-u:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|ter|parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|trl|crescent|cres|close|row|plaza|alley|loop|pike|mews|grove|gardens)(?-u:\b)\.?(?:[ ](?:N|S|E|W|NE|NW|SE|SW)(?-u:\b)\.?)?(?:,?[ ](?i-u:apt|apartment|suite|ste|unit|fl|floor|rm|room)\.?[ ]?#?[0-9A-Za-z-]{1,6}|,?[ ]#[ ]?[0-9A-Za-z-]{1,6})?",
                place_tail_re!(),
                r")"
            ),
            EN_STREET_TYPES,
            60,
            0,
        ),
        Pattern::near(
            "address-german",
            concat!(
                r"(?P<value>[A-ZÄÖÜ][a-zäöüß]{1,24}(?:[ -][A-ZÄÖÜ][a-zäöüß]{1,24})?(?:straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer|(?:[ -](?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer)))[ ][0-9]{1,4}[a-z]?(?-u:\b)",
                continental_tail_re!(),
                r")"
            ),
            &["stra", "str.", "weg", "allee", "platz", "gasse", "ring", "damm", "ufer"],
            32,
            0,
        ),
        Pattern::near(
            "address-french",
            concat!(
                r"(?-u:\b)(?P<value>[0-9]{1,4}(?:[ ]?(?:bis|ter))?,?[ ](?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Ii]mpasse|[Aa]llée|[Aa]llee|[Qq]uai|[Rr]oute|[Cc]ours)[ ](?:(?:de|du|des|la|le|les)[ ]|d'|l'){0,2}[A-ZÀ-Þ][a-zß-ÿ']{1,24}(?:-[A-ZÀ-Þ]?[a-zß-ÿ']{1,24}){0,3}(?:[ ](?:(?:de|du|des|la|le|les|aux)[ ]|d'|l'){0,2}[A-ZÀ-Þ][a-zß-ÿ']{1,24}(?:-[A-ZÀ-Þ]?[a-zß-ÿ']{1,24}){0,3}){0,3}(?:[ ](?:O|E|N|S|Ouest|Est|Nord|Sud)(?-u:\b))?",
                continental_tail_re!(),
                place_tail_re!(),
                r")"
            ),
            // " avenue", " boulevard", " place": the English pattern's keywords; a keyword
            // that extends another (" avenue ") is not always reported where both match.
            &[" rue ", " avenue", " av. ", " boulevard", " bd ", " place", " chemin ", " impasse ", " all\u{e9}e ", " allee ", " quai ", " route ", " cours "],
            12,
            0,
        ),
        Pattern::near(
            "address-spanish-italian",
            concat!(
                r"(?-u:\b)(?P<value>(?:Calle|C/|Avenida|Avda\.|Paseo|Plaza|Via|Viale|Piazza|Corso|Largo|Rua)[ ](?:(?:de|del|la|los|las|dei|della|di|do|da|dos)[ ]){0,2}[A-ZÀ-Þ][a-zß-ÿ]{1,24}(?:[ ](?:(?:de|del|la|di|della|do|da)[ ])?[A-ZÀ-Þ][a-zß-ÿ]{1,24}){0,3},?[ ](?:n\.?[ºo°]?[ ]?)?[0-9]{1,4}[a-zA-Z]?(?-u:\b)(?:,[ ]?[0-9]{1,2}[ºª°](?:[ ](?:[A-Z](?-u:\b)|izda\.?|dcha\.?|izq\.?|centro))?)?(?:,[ ](?:apto|ap\.|apt\.?|sala|bloco|casa)[ ]?[0-9A-Za-z]{1,5}(?-u:\b))?",
                continental_tail_re!(),
                // Brazil: ", 01310-100 São Paulo - SP".
                r"(?:,[ ][0-9]{5}-[0-9]{3}[ ][A-ZÀ-Þ][a-zß-ÿ]{1,24}(?:[ ](?:(?:de|do|da|dos|das)[ ])?[A-ZÀ-Þ][a-zß-ÿ]{1,24}){0,3}(?:[ ]-[ ][A-Z]{2}(?-u:\b))?)?",
                r")"
            ),
            &["calle ", "c/ ", "avenida ", "avda. ", "paseo ", "plaza ", " plaza", "via ", "viale ", "piazza ", "corso ", "largo ", "rua "],
            0,
            0,
        ),
        // Japan: "〒150-0041 東京都渋谷区神南1丁目2-3".
        Pattern::near(
            "address-japanese",
            r"(?P<value>\x{3012}[ ]?[0-9]{3}-[0-9]{4}[ \x{3000}]?(?:\x{6771}\x{4eac}\x{90fd}|\x{5317}\x{6d77}\x{9053}|(?:\x{5927}\x{962a}|\x{4eac}\x{90fd})\x{5e9c}|[\x{4e00}-\x{9fff}]{2,3}\x{770c})[\x{4e00}-\x{9fff}\x{3040}-\x{30ff}]{1,16}?[0-9]{1,2}\x{4e01}\x{76ee}[0-9]{1,4}(?:-[0-9]{1,4}){0,2}(?:\x{756a}\x{5730}?|\x{53f7})?)",
            &["\u{3012}"],
            0,
            0,
        ),
        // China: "北京市朝阳区建国路88号".
        Pattern::near(
            "address-chinese",
            r"(?P<value>(?:\x{5317}\x{4eac}|\x{4e0a}\x{6d77}|\x{5929}\x{6d25}|\x{91cd}\x{5e86}|\x{5e7f}\x{5dde}|\x{6df1}\x{5733}|\x{6210}\x{90fd}|\x{6b66}\x{6c49}|\x{676d}\x{5dde}|\x{5357}\x{4eac}|\x{897f}\x{5b89}|\x{82cf}\x{5dde}|\x{957f}\x{6c99}|\x{6c88}\x{9633}|\x{9752}\x{5c9b}|\x{90d1}\x{5dde}|\x{5927}\x{8fde}|\x{53a6}\x{95e8})\x{5e02}[\x{4e00}-\x{9fff}]{1,4}\x{533a}[\x{4e00}-\x{9fff}]{1,8}?(?:\x{8def}|\x{8857}|\x{9053})[0-9]{1,5}\x{53f7})",
            &["\u{5e02}"],
            6,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "address", "addr", "ship", "send it to", "deliver", "mailing", "billing", "live at",
            "lives at", "living at", "located at", "reside", "moved to", "home",
            "adresse", "anschrift", "wohnhaft", "direcci", "domicil", "indirizzo", "envoyer",
            "send to", "postal", "endere\u{e7}o", "entrega", "env\u{ed}o", "livraison", "lieferadresse",
            "\u{5730}\u{5740}", "\u{9001}\u{4ed8}\u{5148}", "\u{4f4f}\u{6240}",
        ],
        opposing: &[],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 37,
    examples: &[
        Example {
            text: "Please ship the replacement to 42 Oak Road, Apt 4B, Springfield, IL 62704.",
            finds: &["42 Oak Road, Apt 4B, Springfield, IL 62704"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Our office moved: 1600 Pennsylvania Ave NW, Washington, DC 20500",
            finds: &["1600 Pennsylvania Ave NW, Washington, DC 20500"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "I live at 221B Baker Street and never got the parcel.",
            finds: &["221B Baker Street"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Neue Anschrift: Hauptstraße 5, 10115 Berlin",
            finds: &["Hauptstraße 5, 10115 Berlin"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Livraison au 12 rue de la Paix, 75002 Paris svp",
            finds: &["12 rue de la Paix, 75002 Paris"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Send it to 88 Queen St W, Toronto, ON M5H 2N2 before Friday",
            finds: &["88 Queen St W, Toronto, ON M5H 2N2"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Registered office: 10 Downing Street, London SW1A 2AA.",
            finds: &["10 Downing Street, London SW1A 2AA"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Adresse de livraison : 62 boulevard Voltaire, 69003 Lyon",
            finds: &["62 boulevard Voltaire, 69003 Lyon"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "merci d'envoyer le colis au 127 avenue Jean Jaurès, 31000 Toulouse.",
            finds: &["127 avenue Jean Jaurès, 31000 Toulouse"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Billing address: 225 Rue Sainte-Catherine O Montréal, QC, H3B 1A7",
            finds: &["225 Rue Sainte-Catherine O Montréal, QC, H3B 1A7"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "ship to: 506 Jasper Ave Edmonton, AB, T5J 1N3",
            finds: &["506 Jasper Ave Edmonton, AB, T5J 1N3"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Billing address: 1565 Washington Street, # 23, Springfield, IL 62704",
            finds: &["1565 Washington Street, # 23, Springfield, IL 62704"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mi dirección de envío es Calle Real 134, 4º C, 30001 Murcia.",
            finds: &["Calle Real 134, 4º C, 30001 Murcia"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Endereço de entrega: Avenida Paulista 1547, apto 108, 01310-200 São Paulo - SP",
            finds: &["Avenida Paulista 1547, apto 108, 01310-200 São Paulo - SP"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Bitte an folgende Adresse liefern: Bahnhofstraße 32, 79098 Freiburg im Breisgau",
            finds: &["Bahnhofstraße 32, 79098 Freiburg im Breisgau"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "送付先は〒150-0041 東京都渋谷区神南1丁目12-3です。",
            finds: &["〒150-0041 東京都渋谷区神南1丁目12-3"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "收货地址：北京市朝阳区建国路88号",
            finds: &["北京市朝阳区建国路88号"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mi dirección es Calle Mayor 5, 28013 Madrid",
            finds: &["Calle Mayor 5, 28013 Madrid"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "We have 2 Google Drive accounts and 3 USB Drive sticks.",
        "Your 3 Items On The Way will arrive soon.",
        "Ticket 4521 Main Street Coffee refund",
        "The 5 Best Way to reset a router is in the FAQ.",
        "Sent via Outlook 365 yesterday.",
        "Version 12 Dr Watson release notes",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    // The Japanese and Chinese patterns need a postcode, or a city, district, street and
    // number, to match at all.
    if text.starts_with('\u{3012}') || text.ends_with('\u{53f7}') {
        return Some(Verdict::passed(Confidence::Likely, "address-parts"));
    }
    let parts = address::parts(text)?;
    Some(
        if parts.continental || parts.unit || parts.city || parts.postcode {
            Verdict::passed(Confidence::Likely, "address-parts")
        } else {
            Verdict::format_only(Confidence::Possible)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, want) in [
            (
                "42 Oak Road, Apt 4B, Springfield, IL 62704",
                Some(Confidence::Likely),
            ),
            ("221B Baker Street", Some(Confidence::Possible)),
            ("Hauptstraße 5", Some(Confidence::Likely)),
            ("2 Google Drive", None),
            ("5 Best Way", Some(Confidence::Possible)),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }
}
