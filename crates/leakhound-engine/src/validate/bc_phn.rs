//! British Columbia Personal Health Numbers: ten digits, the first always 9, the last a
//! MOD 11 check digit over digits 2–9 with weights 2, 4, 8, 5, 10, 9, 7, 3 (BC Ministry of
//! Health, Client Registry conformance standard, vol. 4B).

const WEIGHTS: [u32; 8] = [2, 4, 8, 5, 10, 9, 7, 3];

/// The ten digits of a PHN with spaces or dashes anywhere (python-stdnum's `compact`).
pub fn parse(text: &str) -> Option<[u8; 10]> {
    let mut d = [0u8; 10];
    let mut n = 0;
    for c in text.trim().bytes() {
        match c {
            b' ' | b'-' => {}
            b'0'..=b'9' if n < 10 => {
                d[n] = c - b'0';
                n += 1;
            }
            _ => return None,
        }
    }
    (n == 10).then_some(d)
}

/// True when ten digits start with 9 and carry the right check digit.
pub fn digits_ok(d: &[u8; 10]) -> bool {
    if d[0] != 9 {
        return false;
    }
    let sum: u32 = WEIGHTS
        .iter()
        .zip(&d[1..9])
        .map(|(w, &x)| (w * u32::from(x)) % 11)
        .sum();
    (11 - sum % 11) % 11 == u32::from(d[9])
}

/// python-stdnum's `ca.bc_phn.is_valid`.
pub fn is_valid(text: &str) -> bool {
    parse(text).is_some_and(|d| digits_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in ["9698 658 215", "9698658215", "9876543218", "9123456780"] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "9698648215",
            "5736504210",
            "9736A04212",
            "9698658216",
            "969865821",
            "96986582150",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
