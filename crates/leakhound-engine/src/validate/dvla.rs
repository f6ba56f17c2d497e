//! UK (DVLA, Great Britain) driving licence numbers: sixteen characters that encode the
//! holder. 1–5: the surname's first five letters, padded with 9; 6: the decade of birth;
//! 7–8: the month of birth (+50 for women); 9–10: the day; 11: the year's last digit;
//! 12–13: the initials (9 when there is no middle initial); 14: a digit (usually 9);
//! 15–16: two computer check characters (their algorithm is not published).

use super::chi::date_exists;
use super::compact::compact;

/// True when `text` (spaces ignored, any case) has the DVLA structure with a real month and
/// day of birth.
pub fn is_valid(text: &str) -> bool {
    let Some(c) = compact(text, " ", true) else {
        return false;
    };
    let Ok(b): Result<[u8; 16], _> = c.bytes().try_into() else {
        return false;
    };
    // Surname: one to five letters, then only 9s.
    let letters = b[..5].iter().take_while(|c| c.is_ascii_uppercase()).count();
    if letters == 0 || b[letters..5].iter().any(|&c| c != b'9') {
        return false;
    }
    if !b[5..11].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    let month = match n(6) {
        m @ 51..=62 => m - 50,
        m => m,
    };
    b[11].is_ascii_uppercase()
        && (b[12].is_ascii_uppercase() || b[12] == b'9')
        && b[13].is_ascii_digit()
        && b[14..].iter().all(u8::is_ascii_alphanumeric)
        && date_exists(n(8), month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("MORGA753116SM9IJ", true),
            ("morga753116sm9ij", true),
            ("MORGA 753116 SM9IJ", true),
            ("JONES610247RJ9AB", true),
            ("LI999862304WC9XY", true),
            ("O9999701015A99AA", true),
            ("MORGA713116SM9IJ", false),
            ("MORGA753326SM9IJ", false),
            ("MORG9A53116SM9IJ", false),
            ("99999753116SM9IJ", false),
            ("MORGA753116S99IJ", true),
            ("MORGA753116SMXIJ", false),
            ("MORGA753116SM9I", false),
            ("MORGA753116SM9IJK", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
