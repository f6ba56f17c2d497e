//! Street address structure: which parts a candidate has (house number, street name, street
//! type, unit, city, postcode), and street "names" that are products or phrases
//! ("2 Google Drive accounts", "3 Items On The Way").

/// What an address candidate holds beyond number, name and street type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressParts {
    /// An apartment, suite, unit or floor.
    pub unit: bool,
    /// A city after a comma, or a continental form with its postcode and town.
    pub city: bool,
    /// A US ZIP, Canadian or UK postcode, or a five-digit European one.
    pub postcode: bool,
    /// A continental form (`Hauptstraße 5`, `12 rue de la Paix`, `Calle Mayor 5`): the
    /// street type is part of the name, which makes the shape distinctive on its own.
    pub continental: bool,
}

/// Words that make a "street name" a phrase or a product rather than a street.
const NOT_STREET_WORDS: &[&str] = &[
    "a", "all", "an", "and", "are", "at", "by", "disk", "each", "every", "external", "flash",
    "for", "from", "google", "hard", "has", "have", "in", "is", "its", "items", "my", "network",
    "new", "of", "on", "one", "or", "our", "pen", "per", "shared", "solid", "state", "team",
    "test", "the", "their", "this", "thumb", "to", "usb", "was", "were", "with", "your",
];

/// Words that cannot be a city after a street ("…, Thanks").
const NOT_CITY_WORDS: &[&str] = &[
    "and", "best", "cheers", "hello", "hi", "if", "please", "regards", "so", "thank", "thanks",
    "the", "then", "this", "we", "which", "you",
];

/// German street words, as suffixes (`Hauptstraße`) or words of their own (`Berliner Allee`).
/// Lower-case words inside a town's name ("Freiburg im Breisgau", "Châlons-en-Champagne").
const CITY_CONNECTORS: &[&str] = &[
    "im", "am", "an", "der", "de", "del", "la", "le", "sur", "en", "do", "da", "dos",
];

const GERMAN: &[&str] = &[
    "straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "damm", "ufer",
];

/// French street types, right after the house number (`12 rue de la Paix`).
const FRENCH: &[&str] = &[
    "rue",
    "avenue",
    "av.",
    "boulevard",
    "bd",
    "place",
    "chemin",
    "impasse",
    "allée",
    "allee",
    "quai",
    "route",
    "cours",
];

/// Spanish, Italian and Portuguese street types, first (`Calle Mayor 5`, `Via Roma 12`).
const SOUTHERN: &[&str] = &[
    "calle", "c/", "avenida", "avda.", "paseo", "plaza", "via", "viale", "piazza", "corso",
    "largo", "rua",
];

fn is_postcode(token: &str, next: Option<&str>) -> bool {
    let b = token.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    // US ZIP and ZIP+4, and five-digit European codes.
    if (b.len() == 5 && digits(b))
        || (b.len() == 10 && digits(&b[..5]) && b[5] == b'-' && digits(&b[6..]))
        // Brazil: 01310-100.
        || (b.len() == 9 && digits(&b[..5]) && b[5] == b'-' && digits(&b[6..]))
    {
        return true;
    }
    // Canada: A1A 1A1 or A1A1A1.
    let ca = |s: &[u8]| {
        s.len() == 3
            && s[0].is_ascii_uppercase()
            && s[1].is_ascii_digit()
            && s[2].is_ascii_uppercase()
    };
    let ca2 = |s: &[u8]| {
        s.len() == 3 && s[0].is_ascii_digit() && s[1].is_ascii_uppercase() && s[2].is_ascii_digit()
    };
    if b.len() == 6 && ca(&b[..3]) && ca2(&b[3..]) {
        return true;
    }
    // UK outward code followed by an inward code (9AA), or Canada's halves.
    if let Some(next) = next.map(str::as_bytes) {
        let uk_out = (2..=4).contains(&b.len())
            && b[0].is_ascii_uppercase()
            && b.iter().any(u8::is_ascii_digit)
            && b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let uk_in = next.len() == 3
            && next[0].is_ascii_digit()
            && next[1].is_ascii_uppercase()
            && next[2].is_ascii_uppercase();
        if (uk_out && uk_in) || (ca(b) && ca2(next)) {
            return true;
        }
    }
    false
}

/// Reads an address candidate as found by the STREET_ADDRESS patterns. `None` when the street
/// name is a phrase or product, or what follows the street is not a place.
pub fn parts(text: &str) -> Option<AddressParts> {
    let mut segments = text.split(',').map(str::trim);
    let street = segments.next()?;
    let words: Vec<&str> = street.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let after_number = match lower.get(1).map(String::as_str) {
        Some("bis" | "ter") => lower.get(2),
        _ => lower.get(1),
    };
    // "Ring" only as a word of its own: "Spring Street" is English.
    let continental = lower
        .iter()
        .any(|w| w == "ring" || GERMAN.iter().any(|g| w.ends_with(g)))
        || (words[0].starts_with(|c: char| c.is_ascii_digit())
            && after_number.is_some_and(|w| FRENCH.contains(&w.trim_end_matches(','))))
        || SOUTHERN.contains(&lower[0].as_str());
    let starts_with_number = words[0].starts_with(|c: char| c.is_ascii_digit());
    if starts_with_number && !continental {
        // Number, name words, street type: the name words may not be phrase words.
        let name = &lower[1..lower.len().saturating_sub(1)];
        if name.is_empty() || name.iter().any(|w| NOT_STREET_WORDS.contains(&w.as_str())) {
            return None;
        }
    }
    let mut p = AddressParts {
        unit: false,
        city: false,
        postcode: false,
        continental,
    };
    let unit_word = |w: &str| {
        matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "apt" | "apartment" | "suite" | "ste" | "unit" | "fl" | "floor" | "rm" | "room"
                | "apto" | "ap" | "sala" | "bloco" | "casa" | "piso" | "planta"
        ) || w.starts_with('#')
            // A Spanish floor: "4º", "2ª".
            || (w.len() > 1
                && w.ends_with(['º', 'ª', '°'])
                && w.trim_end_matches(['º', 'ª', '°']).bytes().all(|b| b.is_ascii_digit()))
    };
    if words.iter().any(|w| unit_word(w)) {
        p.unit = true;
    }
    for segment in segments {
        let tokens: Vec<&str> = segment.split_whitespace().collect();
        let first = tokens.first()?;
        if unit_word(first) {
            p.unit = true;
            continue;
        }
        for (i, t) in tokens.iter().enumerate() {
            if is_postcode(t, tokens.get(i + 1).copied()) {
                p.postcode = true;
            } else if t.starts_with(|c: char| c.is_uppercase())
                && !NOT_CITY_WORDS.contains(&t.to_lowercase().as_str())
            {
                p.city = true;
            } else if !(t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                // "Belo Horizonte - MG", "Freiburg im Breisgau".
                || *t == "-"
                || (i > 0 && CITY_CONNECTORS.contains(t)))
            {
                return None;
            }
        }
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(unit: bool, city: bool, postcode: bool, continental: bool) -> Option<AddressParts> {
        Some(AddressParts {
            unit,
            city,
            postcode,
            continental,
        })
    }

    #[test]
    fn reads_parts() {
        for (text, want) in [
            ("221B Baker Street", p(false, false, false, false)),
            (
                "1600 Pennsylvania Ave NW, Washington, DC 20500",
                p(false, true, true, false),
            ),
            (
                "42 Oak Road, Apt 4B, Springfield, IL 62704",
                p(true, true, true, false),
            ),
            ("350 Fifth Avenue Suite 200", p(true, false, false, false)),
            (
                "10 Downing Street, London SW1A 2AA",
                p(false, true, true, false),
            ),
            (
                "88 Queen St W, Toronto, ON M5H 2N2",
                p(false, true, true, false),
            ),
            ("Hauptstraße 5, 10115 Berlin", p(false, true, true, true)),
            ("12 rue de la Paix, 75002 Paris", p(false, true, true, true)),
            ("Calle Mayor 5", p(false, false, false, true)),
            ("12 Spring Street", p(false, false, false, false)),
            ("Kaiser Ring 3", p(false, false, false, true)),
            (
                "Calle Real 134, 4º C, 30941 Madrid",
                p(true, true, true, true),
            ),
            (
                "Avenida Paulista 1547, apto 108, 49823-227 São Paulo - SP",
                p(true, true, true, true),
            ),
            (
                "Bahnhofstraße 32, 16409 Freiburg im Breisgau",
                p(false, true, true, true),
            ),
            ("2 Google Drive", None),
            ("3 Items On The Way", None),
            ("12 Oak Road, Thanks", None),
        ] {
            assert_eq!(parts(text), want, "{text}");
        }
        assert!(is_postcode("62704", None));
        assert!(is_postcode("M5H", Some("2N2")));
        assert!(is_postcode("SW1A", Some("2AA")));
        assert!(!is_postcode("SW1A", Some("2A")));
        assert!(!is_postcode("6270", None));
    }
}
