//! US National Provider Identifiers (CMS, NPPES): ten digits starting with 1 or 2, whose last
//! digit is the Luhn check digit of the number prefixed with 80840 (the ISO 7812 issuer
//! prefix of US health applications).

use crate::validate::luhn;

/// The ten digits of an NPI written plain (NPIs are not grouped in practice).
pub fn parse(text: &str) -> Option<[u8; 10]> {
    let b = text.trim().as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut d = [0u8; 10];
    for (slot, c) in d.iter_mut().zip(b) {
        *slot = c - b'0';
    }
    Some(d)
}

/// True when ten digits start with 1 or 2 and pass Luhn with the 80840 prefix.
pub fn digits_ok(d: &[u8; 10]) -> bool {
    if !(d[0] == 1 || d[0] == 2) {
        return false;
    }
    let mut text = *b"808400000000000";
    for (slot, x) in text[5..].iter_mut().zip(d) {
        *slot = x + b'0';
    }
    luhn::is_valid(std::str::from_utf8(&text).unwrap_or(""))
}

/// True when `text` is a valid NPI.
pub fn is_valid(text: &str) -> bool {
    parse(text).is_some_and(|d| digits_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // 1234567893 is the CMS documentation's worked example.
        for v in ["1234567893", "1987654328", "1123456786", "1500000009"] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "1234567890",
            "1234567894",
            "3234567893",
            "0234567893",
            "123456789",
            "12345678933",
            "1234-567893",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
