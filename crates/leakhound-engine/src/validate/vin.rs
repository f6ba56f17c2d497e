//! Vehicle Identification Numbers (ISO 3779; US 49 CFR Part 565): 17 characters from the
//! digits and the letters other than I, O and Q. Position 9 is a check digit (mod 11, `X`
//! for 10) that 49 CFR 565.15 requires of every vehicle made for North America (world
//! manufacturer identifiers starting 1–5: United States, Canada, Mexico). Other regions do
//! not require it, so there the check digit may be any character and proves nothing.

/// The value of a VIN character in the check-digit sum, or `None` for a character a VIN
/// cannot contain.
fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// What the VIN rules say about a 17-character candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VinStatus {
    /// North American VIN whose check digit is right.
    CheckDigitValid,
    /// North American VIN whose check digit is wrong.
    CheckDigitInvalid,
    /// Well-formed VIN from a region that does not require the check digit.
    NoCheckDigit,
    /// Not 17 characters of the VIN alphabet (upper case), or one character repeated.
    NotVin,
}

/// Judges a candidate (exactly 17 upper-case characters, no separators).
pub fn status(text: &str) -> VinStatus {
    let b = text.as_bytes();
    if b.len() != 17 || b.iter().all(|&c| c == b[0]) {
        return VinStatus::NotVin;
    }
    let mut sum = 0;
    for (&c, w) in b.iter().zip(WEIGHTS) {
        let Some(v) = value(c) else {
            return VinStatus::NotVin;
        };
        sum += v * w;
    }
    if !matches!(b[0], b'1'..=b'5') {
        return VinStatus::NoCheckDigit;
    }
    let expected = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    if b[8] == expected {
        VinStatus::CheckDigitValid
    } else {
        VinStatus::CheckDigitInvalid
    }
}

/// True when `text` (surrounding whitespace ignored, letters in either case) is a VIN: a
/// North American one must carry the right check digit.
pub fn is_valid(text: &str) -> bool {
    let upper = text.trim().to_ascii_uppercase();
    matches!(
        status(&upper),
        VinStatus::CheckDigitValid | VinStatus::NoCheckDigit
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "1M8GDM9AXKP042788",
            "1HGCM82633A004352",
            "5YJ3E1EA2KF317000",
            "2T1BURHEXJC043821",
        ] {
            assert_eq!(status(v), VinStatus::CheckDigitValid, "{v}");
        }
        for v in [
            "1M8GDM9A1KP042788",
            "1HGCM82643A004352",
            "5YJ3E1EA7KF317000",
            "2T1BURHE0JC043821",
        ] {
            assert_eq!(status(v), VinStatus::CheckDigitInvalid, "{v}");
        }
        // European and Asian VINs: no check digit required.
        for v in [
            "WVWZZZ1JZXW000001",
            "JT2AE09W0P0038539",
            "VF1RFB00X63748196",
        ] {
            assert_eq!(status(v), VinStatus::NoCheckDigit, "{v}");
        }
        for v in [
            "1M8GDM9AXKP04278",
            "1M8GDM9AXKP0427881",
            "1M8GDM9AXKO042788",
            "1M8GDM9AXKQ042788",
            "1M8GDM9AXKI042788",
            "11111111111111111",
            "1m8gdm9axkp042788",
        ] {
            assert_eq!(status(v), VinStatus::NotVin, "{v}");
        }
        assert!(is_valid(" 1m8gdm9axkp042788 "));
        assert!(!is_valid("1M8GDM9A1KP042788"));
    }
}
