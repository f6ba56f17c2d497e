//! DATE: calendar dates.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::date::{
    self, date_cjk_re, date_day_first_re, date_month_first_re, date_numeric_re,
};

/// Month names, and abbreviations followed by the characters that end them in dates, that
/// gate the word-form patterns ("mar" alone would fire in "summary" and "email").
pub(crate) const MONTH_KEYWORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "vrier",
    "fevrier",
    "mars",
    "avril",
    "juin",
    "juillet",
    "aout",
    "ao\u{fb}t",
    "septembre",
    "octobre",
    "novembre",
    "cembre",
    "decembre",
    "januar",
    "februar",
    "rz ",
    "maerz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "jan ",
    "jan.",
    "jan-",
    "jan,",
    "janv ",
    "janv.",
    "janv-",
    "janv,",
    "feb ",
    "feb.",
    "feb-",
    "feb,",
    "fev ",
    "fev.",
    "fev-",
    "fev,",
    "mar ",
    "mar.",
    "mar-",
    "mar,",
    "apr ",
    "apr.",
    "apr-",
    "apr,",
    "avr ",
    "avr.",
    "avr-",
    "avr,",
    "abr ",
    "abr.",
    "abr-",
    "abr,",
    "jun ",
    "jun.",
    "jun-",
    "jun,",
    "jul ",
    "jul.",
    "jul-",
    "jul,",
    "juil ",
    "juil.",
    "juil-",
    "juil,",
    "aug ",
    "aug.",
    "aug-",
    "aug,",
    "ago ",
    "ago.",
    "ago-",
    "ago,",
    "sep ",
    "sep.",
    "sep-",
    "sep,",
    "sept ",
    "sept.",
    "sept-",
    "sept,",
    "oct ",
    "oct.",
    "oct-",
    "oct,",
    "okt ",
    "okt.",
    "okt-",
    "okt,",
    "nov ",
    "nov.",
    "nov-",
    "nov,",
    "dec ",
    "dec.",
    "dec-",
    "dec,",
    "dez ",
    "dez.",
    "dez-",
    "dez,",
    "dic ",
    "dic.",
    "dic-",
    "dic,",
    "ene ",
    "ene.",
    "ene-",
    "ene,",
    "may ",
    "may.",
    "may,",
    "mai ",
    "mai.",
    "mai,",
    "janeiro",
    "fevereiro",
    "mar\u{e7}o",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// Calendar dates written with digits (`2024-03-14`, `14/03/2024`, `03/14/24`, `14.03.2024`)
/// or a month name (`March 14, 2024`, `14 Mar 2024`, `14. März 2024`, `14 de marzo de 2024`),
/// with a day that exists in its month and a year in 1900–2099.
///
/// A date with a month name is LIKELY; a numeric one is only POSSIBLE on its own (version
/// numbers and references take the same shapes) and LIKELY next to a date word ("on", "due",
/// "appointment"). Date-times (`2023-11-26 10:22:01`, `…T10:22Z`) are log timestamps, not
/// dates anyone wrote, and are not reported; neither are versions (`v1.2.2023`) or
/// references with a fourth part (`12-05-2023-0042`).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "DATE",
    description: "Calendar dates, numeric (ISO, d/m/y, m/d/y, d.m.y) or with a month name in EN/FR/DE/ES, day valid for the month",
    patterns: &[
        Pattern::new(
            "date-numeric",
            concat!(r"(?-u:\b)(?P<value>", date_numeric_re!("+"), r")(?-u:\b)"),
        ),
        Pattern::near(
            "date-month-name-first",
            concat!(r"(?-u:\b)(?P<value>", date_month_first_re!(), r")(?-u:\b)"),
            MONTH_KEYWORDS,
            4,
            0,
        ),
        Pattern::near(
            "date-day-first",
            concat!(r"(?-u:\b)(?P<value>", date_day_first_re!(), r")(?-u:\b)"),
            MONTH_KEYWORDS,
            14,
            0,
        ),
        // "1985年3月14日": the year's four digits come before the keyword 年.
        Pattern::near(
            "date-cjk",
            concat!(r"(?P<value>", date_cjk_re!(), r")"),
            &["\u{5e74}"],
            4,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "date", "dated", "on ", "due", "appointment", "schedul", "deadline", "since ",
            "until ", "visit", "admitted", "discharge", "effective", "expir", "issued",
            "delivered", "signed", "moved to", "reschedul", "between ", "le ", "am ", "el ", "em ", "datum", "fecha",
            "login", "logged in", "charged", "data de",
        ],
        opposing: &[
            "version", "ver.", "build", "release", "firmware", "ref:", "ref#", "ref.", "order",
            "invoice", "serial", "sku", "part no", "model", "tracking", "ip ",
        ],
        window: 32,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 21,
    examples: &[
        Example {
            text: "The appointment was moved to 14/03/2024, please confirm.",
            finds: &["14/03/2024"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Contract signed March 14, 2024 and renewed on 2025-03-14.",
            finds: &["March 14, 2024", "2025-03-14"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Lieferung am 14.03.2024, Rechnung folgt.",
            finds: &["14.03.2024"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "We spoke on the 3rd of June 2023 about the refund.",
            finds: &["3rd of June 2023"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Rendez-vous le 2 février 2024 à l'agence.",
            finds: &["2 février 2024"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "我在2024年2月8日被重复扣款了。",
            finds: &["2024年2月8日"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "A cobrança foi feita em 13/10/2024 e de novo em 2 de março de 2024.",
            finds: &["13/10/2024", "2 de março de 2024"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Last successful login: 09/26/2019",
            finds: &["09/26/2019"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Payment due 12/31/2024 for account 55120.",
            finds: &["12/31/2024"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        // Log timestamps.
        "2023-11-26 10:22:01 ERROR worker crashed",
        "ts=2023-11-26T10:22:01Z level=warn msg=retry",
        // Versions and references.
        "Upgraded firmware to version 14.03.2024 last night.",
        "Ticket ref 12-05-2023-0042 was closed.",
        // Impossible dates.
        "The form accepted 31/04/2024 and 29/02/2023 without complaint.",
        "Order 2024/13/45 is delayed.",
        "Build 20240314 passed all checks.",
    ],
};

fn validate(text: &str) -> Option<Verdict> {
    date::parse(text)?;
    // A month name or the CJK 年月日 form: not a version or reference shape.
    Some(
        if text.bytes().any(|b| b.is_ascii_alphabetic() || b >= 0x80) {
            Verdict::passed(Confidence::Likely, "calendar-date")
        } else {
            Verdict::passed(Confidence::Possible, "calendar-date")
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, want) in [
            ("2024-03-14", Some(Confidence::Possible)),
            ("2024年3月14日", Some(Confidence::Likely)),
            ("14/03/2024", Some(Confidence::Possible)),
            ("March 14, 2024", Some(Confidence::Likely)),
            ("14 Mar 2024", Some(Confidence::Likely)),
            ("2024-03-14 10:30", None),
            ("31/04/2024", None),
            ("February 30, 2024", None),
            ("12-05-2023-0042", None),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }
}
