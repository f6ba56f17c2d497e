//! Calendar dates as people write them in tickets and forms: `1985-03-14`, `14/03/1985`,
//! `03/14/85`, `14.03.1985`, `March 14, 1985`, `14 Mar 1985`, `14th of March 1985`,
//! `14. März 1985`, `14 de marzo de 1985`, `le 14 mars 1985`, `14 de março de 1985`,
//! `1985年3月14日`.
//!
//! [`parse`] accepts exactly those shapes with a real day for the month; anything with a time
//! of day (`2023-11-26 10:22`, `…T10:22:01Z`) or a fourth part (`12-05-2023-0042`, a reference
//! number) is not a date for our purposes. The regex fragments the DATE and DATE_OF_BIRTH
//! detectors share are macros here, so `concat!` can build their patterns at compile time.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
}

/// A month name or abbreviation in English, French, German, Spanish or Portuguese
/// (case-insensitive).
macro_rules! month_re {
    () => {
        r"(?:(?i-u:january|jan(?:vier|uar)?|february|fevrier|feb(?:ruar|rero)?|march|mars|maerz|marzo|mar|april|avril|abril|apr|abr|may|mayo|mai|june|juni|junio|juin|jun|july|juli|julio|juillet|juil|jul|august|aout|agosto|aug|ago|september|septembre|septiembre|sept|sep|october|octobre|octubre|oktober|oct|okt|november|novembre|noviembre|nov|december|decembre|dezember|diciembre|dec|dez|dic|enero|ene|janeiro|fevereiro|maio|junho|julho|setembro|outubro|novembro|dezembro)|[Mm]ar\x{e7}o|[Ff][\x{e9}\x{c9}]v(?:rier)?|[Mm][\x{e4}\x{c4}]rz|[Aa]o[\x{fb}\x{db}]t|[Dd][\x{e9}\x{c9}]c(?:embre)?|F\x{c9}VRIER|M\x{c4}RZ|AO\x{db}T|D\x{c9}CEMBRE)"
    };
}
pub(crate) use month_re;

/// Numeric dates: year first (`1985-03-14`, `1985/3/14`, `1985.03.14`) or year last
/// (`14/03/1985`, `3/14/85`, `14-03-1985`, `14.03.1985`). A trailing time or fourth part is
/// swallowed so that [`parse`] can reject the whole thing. `$tail` repeats its last class:
/// `"+"` in the multi-pattern pass (which relaxes counters anyway), `"{0,12}"` in keyword-gated
/// patterns (whose search window grows with the longest possible match).
macro_rules! date_numeric_re {
    ($tail:literal) => {
        concat!(
            r"(?:(?:19|20)[0-9]{2}(?:-[01][0-9]-[0-3][0-9]|/[01]?[0-9]/[0-3]?[0-9]|\.[01][0-9]\.[0-3][0-9])|[0-3]?[0-9](?:/[0-3]?[0-9]/(?:19|20)?[0-9]{2}|-[0-3]?[0-9]-(?:19|20)[0-9]{2}|\.[01]?[0-9]\.(?:19|20)[0-9]{2}))(?:[T ][0-9]{1,2}:[0-9]{2}|[-/.:][0-9A-Za-z]",
            $tail,
            ")?"
        )
    };
}
pub(crate) use date_numeric_re;

/// Month name first: `March 14, 1985`, `Mar. 14th 1985`.
macro_rules! date_month_first_re {
    () => {
        concat!(
            $crate::validate::date::month_re!(),
            r"\.?[ ]{1,3}[0-3]?[0-9](?:st|nd|rd|th)?,?[ ]{1,3}(?:19|20)[0-9]{2}"
        )
    };
}
pub(crate) use date_month_first_re;

/// Day first: `14 March 1985`, `14th of March, 1985`, `14. März 1985`, `14-Mar-1985`,
/// `14 de marzo de 1985`, `1er mai 1985`.
macro_rules! date_day_first_re {
    () => {
        concat!(
            r"[0-3]?[0-9](?:st|nd|rd|th|er)?\.?(?:[ ]{1,3}(?:of|de))?(?:[ ]{1,3}|-)",
            $crate::validate::date::month_re!(),
            r"\.?(?:,|[ ]de)?(?:[ ]{1,3}|-)(?:19|20)[0-9]{2}"
        )
    };
}
pub(crate) use date_day_first_re;

/// Chinese and Japanese: `1985年3月14日`.
macro_rules! date_cjk_re {
    () => {
        r"(?:19|20)[0-9]{2}\x{5e74}[01]?[0-9]\x{6708}[0-3]?[0-9]\x{65e5}"
    };
}
pub(crate) use date_cjk_re;

/// Days in `month` of `year` (Gregorian), 0 for a month out of range.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The month a name or abbreviation stands for (English, French, German, Spanish; any case,
/// an abbreviation may end with a dot).
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let month = match w.as_str() {
        "january" | "jan" | "janvier" | "januar" | "enero" | "ene" | "janeiro" => 1,
        "february" | "feb" | "février" | "fevrier" | "februar" | "febrero" | "fevereiro" => 2,
        "march" | "mar" | "mars" | "märz" | "maerz" | "marzo" | "março" => 3,
        "april" | "apr" | "avril" | "abril" | "abr" => 4,
        "may" | "mai" | "mayo" | "maio" => 5,
        "june" | "jun" | "juin" | "juni" | "junio" | "junho" => 6,
        "july" | "jul" | "juillet" | "juil" | "juli" | "julio" | "julho" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setembro" => 9,
        "october" | "oct" | "octobre" | "oktober" | "okt" | "octubre" | "outubro" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" => 11,
        "december" | "dec" | "décembre" | "decembre" | "déc" | "dezember" | "dez" | "diciembre"
        | "dic" | "dezembro" => 12,
        _ => return None,
    };
    Some(month)
}

fn ymd(year: u16, month: u8, day: u8) -> Option<Ymd> {
    (day >= 1 && day <= days_in_month(year, month)).then_some(Ymd { year, month, day })
}

/// A two-digit year: the latest century that does not put it after this year.
fn full_year(yy: u16) -> u16 {
    let this = today().year;
    if 2000 + yy <= this {
        2000 + yy
    } else {
        1900 + yy
    }
}

fn number(s: &str) -> Option<u16> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses a date in one of the shapes of the module documentation, with a day that exists
/// in its month and a year in 1900–2099. Numeric dates with `/` or `-` and the year last are
/// tried month first (US), then day first; with `.` they are day first.
pub fn parse(text: &str) -> Option<Ymd> {
    let text = text.trim();
    if text.contains(':') || text.is_empty() {
        return None;
    }
    let date = if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b"/-.".contains(&b))
    {
        parse_numeric(text)?
    } else if let Some(rest) = text.strip_suffix('\u{65e5}') {
        parse_cjk(rest)?
    } else {
        parse_words(text)?
    };
    (1900..=2099).contains(&date.year).then_some(date)
}

fn parse_numeric(text: &str) -> Option<Ymd> {
    let sep = text.bytes().find(|b| !b.is_ascii_digit())?;
    if text.bytes().any(|b| !b.is_ascii_digit() && b != sep) {
        return None;
    }
    let parts: Vec<&str> = text.split(sep as char).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let (na, nb, nc) = (number(a)?, number(b)?, number(c)?);
    if a.len() == 4 {
        return ymd(na, u8::try_from(nb).ok()?, u8::try_from(nc).ok()?);
    }
    if a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
        return None;
    }
    let year = if c.len() == 2 { full_year(nc) } else { nc };
    let (na, nb) = (u8::try_from(na).ok()?, u8::try_from(nb).ok()?);
    if sep == b'.' {
        ymd(year, nb, na)
    } else {
        ymd(year, na, nb).or_else(|| ymd(year, nb, na))
    }
}

/// `1985年3月14` (the final 日 already taken off).
fn parse_cjk(text: &str) -> Option<Ymd> {
    let (year, rest) = text.split_once('\u{5e74}')?;
    let (month, day) = rest.split_once('\u{6708}')?;
    if year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    ymd(
        number(year)?,
        u8::try_from(number(month)?).ok()?,
        u8::try_from(number(day)?).ok()?,
    )
}

fn parse_words(text: &str) -> Option<Ymd> {
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for token in text.split([' ', ',', '-', '.']).filter(|t| !t.is_empty()) {
        let lower = token.to_ascii_lowercase();
        if matches!(lower.as_str(), "of" | "de" | "le" | "the") {
            continue;
        }
        if let Some(m) = month_from_name(token) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[digits.len()..];
        let n = number(digits)?;
        if digits.len() == 4 && suffix.is_empty() {
            if year.replace(n).is_some() {
                return None;
            }
        } else if digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") {
            if day.replace(u8::try_from(n).ok()?).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    ymd(year?, month?, day?)
}

/// Today's date (UTC), from the system clock.
pub fn today() -> Ymd {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a Gregorian date (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Ymd { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Option<Ymd> {
        Some(Ymd { year, month, day })
    }

    #[test]
    fn numeric_shapes() {
        for (text, want) in [
            ("1985-03-14", d(1985, 3, 14)),
            ("1985/3/14", d(1985, 3, 14)),
            ("1985.03.14", d(1985, 3, 14)),
            ("14/03/1985", d(1985, 3, 14)),
            ("03/14/1985", d(1985, 3, 14)),
            ("3/4/1985", d(1985, 3, 4)),
            ("14-03-1985", d(1985, 3, 14)),
            ("14.03.1985", d(1985, 3, 14)),
            ("04.03.1985", d(1985, 3, 4)),
            ("29/02/2024", d(2024, 2, 29)),
            ("02/29/2000", d(2000, 2, 29)),
            ("14/03/85", d(1985, 3, 14)),
            // Invalid days and months, mixed separators, times, fourth parts.
            ("29/02/2023", None),
            ("31/04/1985", None),
            ("13/13/1985", None),
            ("1985-13-01", None),
            ("1985-02-30", None),
            ("14/03-1985", None),
            ("2023-11-26 10:22", None),
            ("2023-11-26T10:22:01Z", None),
            ("12-05-2023-0042", None),
            ("1.2.3", None),
            ("1899-12-31", None),
            ("00/00/2000", None),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn word_shapes() {
        for (text, want) in [
            ("March 14, 1985", d(1985, 3, 14)),
            ("Mar. 14th 1985", d(1985, 3, 14)),
            ("14 Mar 1985", d(1985, 3, 14)),
            ("14th of March, 1985", d(1985, 3, 14)),
            ("14-Mar-1985", d(1985, 3, 14)),
            ("14. März 1985", d(1985, 3, 14)),
            ("14 de marzo de 1985", d(1985, 3, 14)),
            ("1er mai 1985", d(1985, 5, 1)),
            ("2 février 2001", d(2001, 2, 2)),
            ("28 de maio de 2003", d(2003, 5, 28)),
            ("14 de março de 1985", d(1985, 3, 14)),
            ("1985年3月14日", d(1985, 3, 14)),
            ("2024年12月31日", d(2024, 12, 31)),
            ("2023年2月29日", None),
            ("19850年3月14日", None),
            ("February 29, 2023", None),
            ("April 31, 1990", None),
            ("March 1985", None),
            ("March 14 15 1985", None),
            ("Marchy 14, 1985", None),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn calendar() {
        assert_eq!(
            civil_from_days(0),
            Ymd {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(19_723),
            Ymd {
                year: 2024,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(11_016),
            Ymd {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        assert!(today().year >= 2024);
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("DÉCEMBRE"), Some(12));
        assert_eq!(month_from_name("Mayo"), Some(5));
        assert_eq!(month_from_name("Maybe"), None);
    }
}
