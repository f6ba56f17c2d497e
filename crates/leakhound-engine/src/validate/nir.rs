//! French NIR ("numéro INSEE", social security number): 13 characters and a two-digit key,
//! key = 97 − (the 13 digits mod 97). Corsica's departments 2A and 2B count as 19 and 18.
//! As python-stdnum's `fr.nir` (spaces and dots ignored).

use super::compact::compact;

/// The 15 compacted bytes of a well-formed NIR whose key matches.
fn checked(text: &str) -> Option<[u8; 15]> {
    let c = compact(text, " .", true)?;
    let b: [u8; 15] = c.bytes().try_into().ok()?;
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if !digits(&b[..5]) || !digits(&b[7..]) {
        return None;
    }
    let dept = match &b[5..7] {
        [b'2', b'A'] => 19,
        [b'2', b'B'] => 18,
        d if digits(d) => u64::from(d[0] - b'0') * 10 + u64::from(d[1] - b'0'),
        _ => return None,
    };
    let num = |s: &[u8]| {
        s.iter()
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'))
    };
    let n = num(&b[..5]) * 100_000_000 + dept * 1_000_000 + num(&b[7..13]);
    (97 - n % 97 == num(&b[13..])).then_some(b)
}

/// True when `text` is a NIR whose key matches, as python-stdnum's `fr.nir.is_valid`.
pub fn is_valid(text: &str) -> bool {
    checked(text).is_some()
}

/// A valid key and a plausible structure: sex digit 1, 2 (3, 4 for provisional and 7, 8 for
/// foreign-born temporary numbers) and a birth month 01–12 or one of the codes 20–42 used when
/// the month is unknown. (Codes 50–99 exist too, for incomplete civil-status records, but are
/// rare enough that accepting them would mostly admit random fifteen-digit numbers.)
pub fn is_plausible(text: &str) -> bool {
    let Some(b) = checked(text) else {
        return false;
    };
    let month = (b[3] - b'0') * 10 + (b[4] - b'0');
    matches!(b[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') && matches!(month, 1..=12 | 20..=42)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("2 95 10 99 126 111 93", true),
            ("295109912611193", true),
            ("253072B07300470", true),
            ("253072A07300443", true),
            ("253072a07300443", true),
            ("1.84.12.76.451.089.46", true),
            ("295109912611199", false),
            ("253072C07300443", false),
            ("6546546546546703", false),
            ("25307207300443", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }

    #[test]
    fn plausibility() {
        assert!(is_plausible("2 95 10 99 126 111 93"));
        assert!(is_plausible("253072B07300470"));
        // Keys valid, but sex digit 5 and month 15 are never issued.
        assert!(is_valid("595109912611140") && !is_plausible("595109912611140"));
        assert!(is_valid("184157645108994") && !is_plausible("184157645108994"));
        assert!(is_valid("875554956487594") && !is_plausible("875554956487594"));
        assert!(!is_plausible("295109912611199"));
    }
}
