//! Canadian Social Insurance Numbers: nine digits, Luhn-checked. The first digit says where
//! or to whom it was issued (1–7 by province, 9 for temporary residents); 0 is never issued
//! and 8 is used for business numbers, not people.

use crate::validate::luhn;

/// The nine digits of `ddd-ddd-ddd`, `ddd ddd ddd` or `ddddddddd` (one separator kind).
pub fn parse(text: &str) -> Option<[u8; 9]> {
    let b = text.as_bytes();
    let positions: &[usize] = match b.len() {
        9 => &[0, 1, 2, 3, 4, 5, 6, 7, 8],
        11 if (b[3] == b'-' || b[3] == b' ') && b[7] == b[3] => &[0, 1, 2, 4, 5, 6, 8, 9, 10],
        _ => return None,
    };
    let mut d = [0u8; 9];
    for (slot, &i) in d.iter_mut().zip(positions) {
        if !b[i].is_ascii_digit() {
            return None;
        }
        *slot = b[i] - b'0';
    }
    Some(d)
}

/// True when nine digits are an issuable SIN: first digit not 0 or 8, Luhn valid.
pub fn digits_ok(d: &[u8; 9]) -> bool {
    if d[0] == 0 || d[0] == 8 {
        return false;
    }
    let text: [u8; 9] = d.map(|x| x + b'0');
    luhn::is_valid(std::str::from_utf8(&text).unwrap_or(""))
}

/// python-stdnum's `ca.sin.is_valid`: spaces and dashes anywhere are ignored.
pub fn is_valid(text: &str) -> bool {
    let compact: Vec<u8> = text
        .trim()
        .bytes()
        .filter(|&c| c != b' ' && c != b'-')
        .collect();
    let Ok(s) = std::str::from_utf8(&compact) else {
        return false;
    };
    parse(s).is_some_and(|d| digits_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "123-456-782",
            "123456782",
            "456 123 785",
            "9-8-7-654-324",
            "130692544",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "999-999-999",
            "046 454 286",
            "12345678Z",
            "823456785",
            "023456787",
            "123-456-783",
            "12345678",
            "1234567820",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
        assert!(parse("123-456 782").is_none());
        assert!(parse("123 456 782").is_some());
    }
}
