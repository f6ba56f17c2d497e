//! ICD-9-CM and ICD-10-CM diagnosis code shapes, checked against the real category lists
//! shipped in `data/` (CMS ICD-9-CM v32, CDC ICD-10-CM April 2026).

use crate::detector::list_entries;
use std::collections::HashSet;
use std::sync::OnceLock;

const ICD10_CATEGORIES: &str = include_str!("../../data/icd10_categories.txt");
const ICD9_CATEGORIES: &str = include_str!("../../data/icd9_categories.txt");

fn icd10_categories() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| list_entries(ICD10_CATEGORIES).collect())
}

fn icd9_categories() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| list_entries(ICD9_CATEGORIES).collect())
}

/// How an ICD-9 candidate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icd9 {
    /// Three digits only (`428`): a real category, but any three-digit number looks alike.
    BareCategory,
    /// A category with its decimals (`250.00`), or a V or E code (`V45.81`, `E880.9`).
    Specific,
}

/// An ICD-10-CM code: a real three-character category (`E11`, `C4A`, `U07`), then
/// optionally up to four more characters, with or without the dot (`E11.9`, `S72.001A`,
/// `E119`). Returns whether it checks out.
pub fn icd10_is_valid(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 3 || !b[0].is_ascii_uppercase() || !b[1].is_ascii_digit() {
        return false;
    }
    let category = &text[..3];
    let rest = text[3..].strip_prefix('.').unwrap_or(&text[3..]);
    if text[3..].starts_with('.') && rest.is_empty() {
        return false;
    }
    rest.len() <= 4
        && rest
            .bytes()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && icd10_categories().contains(category)
}

/// An ICD-9-CM diagnosis code: `ddd` or `ddd.d(d)`, `Vdd` or `Vdd.d(d)`, `Eddd` or `Eddd.d`,
/// with a real category.
pub fn icd9(text: &str) -> Option<Icd9> {
    let (head, decimals) = match text.split_once('.') {
        Some((h, d)) => (h, Some(d)),
        None => (text, None),
    };
    let b = head.as_bytes();
    let shape_ok = match b.first()? {
        b'0'..=b'9' => b.len() == 3 && b.iter().all(u8::is_ascii_digit),
        b'V' => b.len() == 3 && b[1..].iter().all(u8::is_ascii_digit),
        b'E' => b.len() == 4 && b[1..].iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !shape_ok {
        return None;
    }
    let max_decimals = if b[0] == b'E' { 1 } else { 2 };
    if let Some(d) = decimals {
        if d.is_empty() || d.len() > max_decimals || !d.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if !icd9_categories().contains(head) {
        return None;
    }
    Some(if decimals.is_none() && b[0].is_ascii_digit() {
        Icd9::BareCategory
    } else {
        Icd9::Specific
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10() {
        for (code, ok) in [
            ("E11.9", true),
            ("E119", true),
            ("I10", true),
            ("J45.909", true),
            ("S72.001A", true),
            ("C4A.0", true),
            ("U07.1", true),
            ("F32.A", true),
            ("E11.", false),
            ("E11.12345", false),
            ("W1", false),
            ("11.9", false),
            ("e11.9", false),
        ] {
            assert_eq!(icd10_is_valid(code), ok, "{code}");
        }
    }

    #[test]
    fn icd9() {
        for (code, want) in [
            ("250.00", Some(Icd9::Specific)),
            ("428.0", Some(Icd9::Specific)),
            ("428", Some(Icd9::BareCategory)),
            ("V45.81", Some(Icd9::Specific)),
            ("E880.9", Some(Icd9::Specific)),
            ("V45", Some(Icd9::Specific)),
            ("250.001", None),
            ("E880.12", None),
            ("000", None),
            ("25", None),
            ("2500", None),
            ("V4", None),
            ("X12.3", None),
        ] {
            assert_eq!(super::icd9(code), want, "{code}");
        }
        assert!(list_entries(ICD9_CATEGORIES).count() > 1000);
        assert!(list_entries(ICD10_CATEGORIES).count() > 1800);
    }
}
