//! Irish Personal Public Service Number (PPSN): seven digits, a check letter and an optional
//! second letter. The check letter is `WABCDEFGHIJKLMNOPQRSTUV`[sum mod 23] with weights 8 down
//! to 2 on the digits, plus 9 × the position of a second letter A, B or H (the 2013 format).
//! W, T and X as second letters (pre-2013) do not count. As python-stdnum's `ie.pps`.

use super::compact::compact;

const ALPHABET: &[u8; 23] = b"WABCDEFGHIJKLMNOPQRSTUV";

/// True when `text` is a valid PPSN (spaces and dashes ignored, any case), as python-stdnum's
/// `ie.pps.is_valid`.
pub fn is_valid(text: &str) -> bool {
    let Some(c) = compact(text, " -", true) else {
        return false;
    };
    let b = c.bytes();
    if !(8..=9).contains(&b.len()) || !b[..7].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b'A'..=b'W').contains(&b[7]) {
        return false;
    }
    let second = b.get(8).copied();
    if second.is_some_and(|s| !b"ABHWTX".contains(&s)) {
        return false;
    }
    let mut sum: usize = b[..7]
        .iter()
        .enumerate()
        .map(|(i, &d)| (8 - i) * usize::from(d - b'0'))
        .sum();
    if let Some(s @ (b'A' | b'B' | b'H')) = second {
        sum += 9 * ALPHABET.iter().position(|&a| a == s).unwrap_or(0);
    }
    b[7] == ALPHABET[sum % 23]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("6433435F", true),
            ("6433435FT", true),
            ("6433435FW", true),
            ("6433435OA", true),
            ("6433435IH", true),
            ("6433435oa", true),
            ("643 3435-F", true),
            ("1234567FA", true),
            ("1234567WH", true),
            ("1234567OB", true),
            ("1234567TW", true),
            ("1234567TT", true),
            ("6433435E", false),
            ("6433435VH", false),
            ("111222333", false),
            ("1234567ABC", false),
            ("1234567XX", false),
            ("643343F", false),
            ("6433435FC", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
