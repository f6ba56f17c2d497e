//! Typed filler in identifier fields: one digit repeated (`000000000`, `D1111111`) or every
//! digit one more (or one less) than the last (`123456789`, `A9876543`). Real identifiers
//! of any scheme are practically never like this; test data and placeholders often are.

/// True when the ASCII digits of `text` (at least four; letters and separators ignored) are
/// one repeated digit or a straight ascending or descending run (wrapping 9→0 and 0→9).
pub fn is_filler(text: &str) -> bool {
    let d: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    if d.len() < 4 {
        return false;
    }
    let all = |step: u8| {
        d.windows(2)
            .all(|w| w[1] == (w[0] - b'0' + step) % 10 + b'0')
    };
    all(0) || all(1) || all(9)
}

#[cfg(test)]
mod tests {
    use super::is_filler;

    #[test]
    fn table() {
        for v in [
            "000000000",
            "D1111111",
            "123456789",
            "A9876543",
            "7890123",
            "1234-5678",
        ] {
            assert!(is_filler(v), "{v}");
        }
        for v in ["518249301", "D1234568", "123", "1357-9246", "", "ABCDEFG"] {
            assert!(!is_filler(v), "{v}");
        }
    }
}
