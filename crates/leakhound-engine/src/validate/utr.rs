//! UK Unique Taxpayer Reference (UTR): ten digits whose FIRST digit is a check digit over the
//! other nine (weights 6, 7, 8, 9, 10, 5, 4, 3, 2; the sum mod 11 indexes `21987654321`).
//! As python-stdnum's `gb.utr`: spaces ignored, a leading `K` dropped.

use super::compact::compact;

/// The check digit for the nine digits after it.
fn check_digit(rest: &[u8]) -> u8 {
    const WEIGHTS: [u32; 9] = [6, 7, 8, 9, 10, 5, 4, 3, 2];
    let sum: u32 = rest
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d - b'0') * w)
        .sum();
    b"21987654321"[(sum % 11) as usize]
}

/// True when `text` is a valid UTR (spaces ignored, leading `K`s dropped), as python-stdnum's
/// `gb.utr.is_valid`.
pub fn is_valid(text: &str) -> bool {
    let Some(c) = compact(text, " ", true) else {
        return false;
    };
    let mut b = c.bytes();
    while let [b'K', rest @ ..] = b {
        b = rest;
    }
    b.len() == 10 && b.iter().all(u8::is_ascii_digit) && b[0] == check_digit(&b[1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("1955839661", true),
            ("19558 39661", true),
            ("k1955839661", true),
            ("1234567895", true),
            ("2234567890", true),
            ("2955839661", false),
            ("1955839662", false),
            ("195583966", false),
            ("19558396610", false),
            ("19558-39661", false),
            ("1955839661K", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
