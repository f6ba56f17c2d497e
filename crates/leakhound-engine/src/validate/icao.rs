//! The ICAO 9303 check digit of machine-readable travel documents (passports, identity
//! cards): weights 7, 3, 1 repeating, digits at face value, letters A=10 … Z=35, `<` 0;
//! the check digit is the sum mod 10. Used by German identity cards and passports.

/// The check digit of `text` (ASCII digits, upper-case letters and `<`), or `None`.
pub fn check_digit(text: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in text.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += v * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8 + b'0')
}

/// True when the last character of `text` is the check digit of the rest.
pub fn is_valid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2 && check_digit(&b[..b.len() - 1]) == Some(b[b.len() - 1])
}

/// The characters of German document numbers since 2010: digits and the consonants that
/// cannot be confused with digits or each other (no vowels, no B, D, Q, S).
pub fn is_german_document_char(c: u8) -> bool {
    c.is_ascii_digit() || b"CFGHJKLMNPRTVWXYZ".contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("T220001293", true),
            ("C01X00T478", true),
            ("L01X00T471", true),
            ("1220001297", true),
            ("520727<<<4", false),
            ("T220001294", false),
            ("C01X00T47", false),
            ("t220001293", false),
            ("1", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
        assert_eq!(check_digit(b"520727"), Some(b'3'));
        assert_eq!(check_digit(b"AB<"), Some(b'3'));
    }
}
