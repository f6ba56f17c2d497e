//! UK National Insurance numbers (NINO): two prefix letters, six digits and a suffix A–D.
//! No check digit; HMRC's allocation rules exclude D, F, I, Q, U and V as either prefix
//! letter, O as the second, and the prefixes BG, GB, KN, NK, NT, TN and ZZ. (QQ, HMRC's
//! published example prefix, is excluded by the first rule.)

use super::compact::compact;

/// The prefix rules on two upper-case letters.
pub fn prefix_allowed(p: [u8; 2]) -> bool {
    const NEVER: &[u8] = b"DFIQUV";
    p[0].is_ascii_uppercase()
        && p[1].is_ascii_uppercase()
        && !NEVER.contains(&p[0])
        && !NEVER.contains(&p[1])
        && p[1] != b'O'
        && !matches!(&p, b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ")
}

/// True when `text` (spaces ignored, any case) is a NINO the rules allow.
pub fn is_valid(text: &str) -> bool {
    let Some(c) = compact(text, " ", true) else {
        return false;
    };
    let b = c.bytes();
    b.len() == 9
        && prefix_allowed([b[0], b[1]])
        && b[2..8].iter().all(u8::is_ascii_digit)
        && (b'A'..=b'D').contains(&b[8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("AB123456C", true),
            ("JG 10 37 26 A", true),
            ("ce 04 38 52 d", true),
            ("SX918273B", true),
            ("QQ123456C", false),
            ("AO123456C", false),
            ("DA123456A", false),
            ("GB123456A", false),
            ("ZZ123456A", false),
            ("TN123456A", false),
            ("AB123456E", false),
            ("AB12345C", false),
            ("AB1234567C", false),
            ("A1123456C", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
