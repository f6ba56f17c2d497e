//! UK NHS numbers and the mod-11 check shared with Scotland's CHI numbers.
//!
//! Ten digits; the tenth is a check digit: weights 10 down to 2 on the first nine, check =
//! 11 − (sum mod 11), where 11 becomes 0 and 10 means the number is never issued. Equivalent
//! to python-stdnum's `gb.nhs` (sum of digit × position from the right ≡ 0 mod 11).

use super::compact::compact;

/// The ten digits of an NHS-style number when they pass the mod-11 check.
pub fn mod11_ok(d: &[u8; 10]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| (i as u32 + 1) * u32::from(x))
        .sum();
    sum % 11 == 0
}

/// Ten ASCII digits of `text` after dropping spaces and dashes, or `None`.
pub fn ten_digits(text: &str) -> Option<[u8; 10]> {
    let c = compact(text, " -", false)?;
    if c.len() != 10 || !c.all_digits() {
        return None;
    }
    let mut d = [0u8; 10];
    for (slot, b) in d.iter_mut().zip(c.bytes()) {
        *slot = b - b'0';
    }
    Some(d)
}

/// True when `text` is a valid NHS number (spaces and dashes ignored), as python-stdnum's
/// `gb.nhs.is_valid`.
pub fn is_valid(text: &str) -> bool {
    ten_digits(text).is_some_and(|d| mod11_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("943-476-5870", true),
            ("9434765870", true),
            ("943 476 5870", true),
            ("4010232137", true),
            ("9434765871", false),
            ("9434765878", false),
            ("943476587", false),
            ("94347658700", false),
            ("943a765870", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }

    #[test]
    fn check_digit_ten_is_never_valid() {
        // 6 × 2 = 12 ≡ 1 (mod 11): the check digit would have to be 10, so no digit completes it.
        assert!((0..10u8).all(|x| !mod11_ok(&[0, 0, 0, 0, 0, 0, 0, 0, 6, x])));
        // 5 × 2 = 10: exactly one completion (1).
        assert_eq!(
            (0..10u8)
                .filter(|&x| mod11_ok(&[0, 0, 0, 0, 0, 0, 0, 0, 5, x]))
                .count(),
            1
        );
    }
}
