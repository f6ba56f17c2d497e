//! CUSIP security identifiers: nine characters (six for the issuer, two for the issue, one
//! check digit). The check digit is a Luhn-style sum over character values (0–9, A=10 … Z=35,
//! `*` 36, `@` 37, `#` 38), every second one doubled. As python-stdnum's `cusip` (spaces
//! ignored, any case).

use super::compact::compact;

fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'*' => Some(36),
        b'@' => Some(37),
        b'#' => Some(38),
        _ => None,
    }
}

/// The check digit of the first eight characters, or `None` for a character outside the
/// CUSIP alphabet.
pub fn check_digit(first8: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (i, &c) in first8.iter().enumerate() {
        let v = value(c)? * if i % 2 == 1 { 2 } else { 1 };
        // The digits of the (at most two-digit) product.
        sum += v / 10 + v % 10;
    }
    Some(((10 - sum % 10) % 10) as u8 + b'0')
}

/// True when `text` is a CUSIP whose check digit matches, as python-stdnum's `cusip.is_valid`.
pub fn is_valid(text: &str) -> bool {
    let Some(c) = compact(text, " ", true) else {
        return false;
    };
    let b = c.bytes();
    b.len() == 9 && value(b[8]).is_some() && check_digit(&b[..8]) == Some(b[8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("DUS0421C5", true),
            ("037833100", true),
            ("38259P508", true),
            ("594918104", true),
            ("91324PAE2", true),
            ("FDIC90903", true),
            ("00141V267", true),
            ("dus0421c5", true),
            ("DUS0421CN", false),
            ("037833101", false),
            ("03783310", false),
            ("0378331000", false),
            ("03783310!", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
