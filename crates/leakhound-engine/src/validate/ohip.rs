//! Ontario Health Insurance Plan health numbers: ten digits, the last a Luhn (mod 10) check
//! digit over the first nine (Ontario Ministry of Health, Health Card Validation reference
//! manual), optionally followed by a two-letter version code (`1234 567 890 AB`).

use crate::validate::luhn;

/// The ten digits and the version code (if any) of a health number written with spaces or
/// dashes between groups.
pub fn parse(text: &str) -> Option<([u8; 10], Option<[u8; 2]>)> {
    let t = text.trim();
    let b = t.as_bytes();
    // A trailing version code: two ASCII letters.
    let (body, version) = match b.len() {
        n if n >= 2 && b[n - 1].is_ascii_alphabetic() && b[n - 2].is_ascii_alphabetic() => (
            &b[..n - 2],
            Some([b[n - 2].to_ascii_uppercase(), b[n - 1].to_ascii_uppercase()]),
        ),
        _ => (b, None),
    };
    let mut d = [0u8; 10];
    let mut n = 0;
    for &c in body {
        match c {
            b' ' | b'-' => {}
            b'0'..=b'9' if n < 10 => {
                d[n] = c - b'0';
                n += 1;
            }
            _ => return None,
        }
    }
    (n == 10).then_some((d, version))
}

/// True when ten digits pass the Luhn check and are not one repeated digit.
pub fn digits_ok(d: &[u8; 10]) -> bool {
    let text: [u8; 10] = d.map(|x| x + b'0');
    !d.iter().all(|&x| x == d[0]) && luhn::is_valid(std::str::from_utf8(&text).unwrap_or(""))
}

/// True when `text` is a health number with a valid check digit.
pub fn is_valid(text: &str) -> bool {
    parse(text).is_some_and(|(d, _)| digits_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "1234567897",
            "1234-567-897",
            "1234 567 897 AB",
            "1234567897XY",
            "9876543217",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "1234567890",
            "1234 567 898 AB",
            "1234567897A",
            "123456789",
            "0000000000",
            "1234567897ABC",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
