//! DATE_OF_BIRTH: a date next to words about birth.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::date::{
    self, date_cjk_re, date_day_first_re, date_month_first_re, date_numeric_re,
};

/// Birth words (ASCII, any case) that gate the patterns and support the type.
const BIRTH_KEYWORDS: &[&str] = &[
    "dob",
    "d.o.b",
    "birth",
    "born",
    "bday",
    "b-day",
    "geb.",
    "geboren",
    "geburt",
    "naissance",
    "ne le",
    "nee le",
    "n\u{e9} le",
    "n\u{e9}e le",
    "nacimiento",
    "nacido",
    "nacida",
    "nascita",
    "nato il",
    "nata il",
    "nascimento",
    "nasci ",
    "nasceu",
    // Non-ASCII keywords match case-sensitively: "Nací el" is found by its tail.
    "ac\u{ed} el",
    "naci el",
    "\u{51fa}\u{751f}",
    "\u{751f}\u{5e74}\u{6708}\u{65e5}",
    "\u{8a95}\u{751f}",
];

/// A birth phrase in the regexes (the keywords above gate them).
macro_rules! birth_re {
    () => {
        r"(?:(?i-u:d\.?o\.?b\.?|date of birth|birth ?date|birthday|b-?day|born(?: on)?|geb\.|geboren(?: am)?|geburtsdatum|geburtstag|date de naissance|nee? le|fecha de nacimiento|nacid[oa](?: el)?|data di nascita|nat[oa] il|data de nascimento|nasci(?:do|da)? em|nasceu em|naci el)|[Nn]\x{e9}e? le|[Nn]ac\x{ed} el|\x{51fa}\x{751f}(?:\x{65e5}\x{671f}|\x{4e8e}|\x{5728})?|\x{751f}\x{5e74}\x{6708}\x{65e5}|\x{8a95}\x{751f}\x{65e5})"
    };
}

/// Any date shape DATE knows, as one group.
macro_rules! any_date_re {
    () => {
        concat!(
            r"(?P<value>(?:",
            date_numeric_re!("{0,12}"),
            "|",
            date_month_first_re!(),
            "|",
            date_day_first_re!(),
            r")(?-u:\b)|",
            date_cjk_re!(),
            r")"
        )
    };
}

/// The first date within a few words after a birth phrase ("DOB: 03/14/1985", "Date of
/// birth (as on the passport) 14 March 1985", "born on July 4th, 1990"), or a date right
/// before one ("14/03/1985 (DOB)"), that could be a living person's birth date: not in the
/// future and not before 1900. Only the first date after the phrase: in "DOB 2011-07-23, seen
/// on 03/04/2024" the visit date is not a birth date. LIKELY when found; VERY_LIKELY with the
/// birth phrase right next to it.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "DATE_OF_BIRTH",
    description: "Dates of birth: a valid past date (1900 to today) next to DOB, date of birth, born, geb., né le, fecha de nacimiento",
    patterns: &[
        Pattern::near(
            "dob-after-birth-word",
            concat!(birth_re!(), r"[A-Za-z ().,:;'/#=\t\x{ff1a}-]{0,30}?", any_date_re!()),
            BIRTH_KEYWORDS,
            // "date of birth", "fecha de nacimiento": the phrase starts before its keyword.
            16,
            0,
        ),
        Pattern::near(
            "dob-before-birth-word",
            concat!(
                r"(?-u:\b)",
                any_date_re!(),
                r"[ \t]{0,3}[(\[,-]?[ \t]{0,3}",
                birth_re!()
            ),
            BIRTH_KEYWORDS,
            40,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "dob", "d.o.b", "birth", "born", "bday", "b-day", "geb.", "geboren", "geburt",
            "naissance", "né le", "née le", "ne le", "nee le", "nacimiento", "nacido", "nacida",
            "nascita", "nato il", "nata il", "nascimento", "nasci", "nac\u{ed} el", "naci el",
            "\u{51fa}\u{751f}", "\u{751f}\u{5e74}\u{6708}\u{65e5}",
        ],
        opposing: &[
            "order", "invoice", "shipped", "delivered", "due", "expir", "appointment", "issued",
        ],
        window: 24,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Likely,
    },
    priority: 34,
    examples: &[
        Example {
            text: "Patient DOB: 03/14/1985, MRN on file.",
            finds: &["03/14/1985"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "My date of birth is 14 March 1985 and my card was declined.",
            finds: &["14 March 1985"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "She was born on July 4th, 1990 in Ohio.",
            finds: &["July 4th, 1990"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Name: Jana Novak, geb. 14.03.1985, Kundennummer 4471",
            finds: &["14.03.1985"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Je m'appelle Élodie Martin, née le 2 février 1990.",
            finds: &["2 février 1990"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Fecha de nacimiento: 14 de marzo de 1985",
            finds: &["14 de marzo de 1985"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "DOB 2011-07-23, seen on 03/04/2024 for a check-up.",
            finds: &["2011-07-23"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Data de nascimento: 28 de maio de 2003",
            finds: &["28 de maio de 2003"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Nací el 27/03/1970 en Sevilla.",
            finds: &["27/03/1970"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "nasci em 18/07/1993, o cadastro está errado",
            finds: &["18/07/1993"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "出生日期：2004年8月5日",
            finds: &["2004年8月5日"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "生年月日：1968年12月10日",
            finds: &["1968年12月10日"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "1985-03-14 (date of birth) needs correcting on the policy",
            finds: &["1985-03-14"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Dates that are not near a birth word.
        "Your order of 03/14/1985-style vintage prints shipped on 2024-01-02.",
        // A birth word, but a future date or one before 1900.
        "Expected birth date of the baby: 01/01/2099.",
        "Born 12/12/1850 according to the archive.",
        // Impossible dates.
        "DOB 31/02/1990 was rejected by the form.",
        // A birthday promotion, not a birth date.
        "Birthday sale ends on 2024-12-01 10:00 sharp.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    let d = date::parse(text)?;
    if d.year < 1900 || d > date::today() {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "plausible-birth-date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, ok) in [
            ("03/14/1985", true),
            ("14.03.1985", true),
            ("14 March 1985", true),
            ("1900-01-01", true),
            ("2099-01-01", false),
            ("1899-12-31", false),
            ("31/02/1990", false),
            ("1985-03-14 08:00", false),
        ] {
            assert_eq!(validate(text).is_some(), ok, "{text}");
        }
    }
}
