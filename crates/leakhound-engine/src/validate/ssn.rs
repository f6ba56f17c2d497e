//! US Social Security Number structure rules (SSA, "Social Security Number Randomization",
//! 2011): which area/group/serial combinations are never issued, and which numbers were
//! published as samples or in advertising and so are not anyone's.

/// What the structure rules say about a nine-digit number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsnStatus {
    /// Issuable: area, group and serial are all in range and it is not a known sample.
    Valid,
    /// Can never be issued: area 000, 666 or 900–999, group 00 or serial 0000.
    NeverIssued,
    /// Structurally valid but published in advertising or as a sample (078-05-1120 from the
    /// Woolworth wallet insert, 219-09-9999 from a Social Security card advertisement), or the
    /// textbook placeholder 123-45-6789. Real people do not have these.
    KnownSample,
    /// One digit repeated (111-11-1111 and the like): typed as filler, not a real number.
    Repeated,
}

/// Splits a candidate written `ddd-dd-dddd`, `ddd dd dddd` or `ddddddddd` into its nine
/// digits. Mixed separators (`123-45 6789`) and any other shape return `None`: the SSA never
/// prints them, and mixed separators are how phone and reference numbers look.
pub fn parse(text: &str) -> Option<[u8; 9]> {
    let b = text.as_bytes();
    let mut out = [0u8; 9];
    let positions: &[usize] = match b.len() {
        9 => &[0, 1, 2, 3, 4, 5, 6, 7, 8],
        11 => {
            let sep = b[3];
            if !(sep == b'-' || sep == b' ') || b[6] != sep {
                return None;
            }
            &[0, 1, 2, 4, 5, 7, 8, 9, 10]
        }
        _ => return None,
    };
    for (slot, &pos) in out.iter_mut().zip(positions) {
        let c = b[pos];
        if !c.is_ascii_digit() {
            return None;
        }
        *slot = c - b'0';
    }
    Some(out)
}

/// Applies the area/group/serial rules and the known-sample list to nine digits.
pub fn status(d: &[u8; 9]) -> SsnStatus {
    let area = u16::from(d[0]) * 100 + u16::from(d[1]) * 10 + u16::from(d[2]);
    let group = d[3] * 10 + d[4];
    let serial =
        u16::from(d[5]) * 1000 + u16::from(d[6]) * 100 + u16::from(d[7]) * 10 + u16::from(d[8]);
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return SsnStatus::NeverIssued;
    }
    if d.iter().all(|&x| x == d[0]) {
        return SsnStatus::Repeated;
    }
    const SAMPLES: [[u8; 9]; 4] = [
        [0, 7, 8, 0, 5, 1, 1, 2, 0],
        // Printed in a 2007 identity-theft protection advertisement.
        [4, 5, 7, 5, 5, 5, 4, 6, 2],
        [2, 1, 9, 0, 9, 9, 9, 9, 9],
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
    ];
    if SAMPLES.contains(d) {
        return SsnStatus::KnownSample;
    }
    SsnStatus::Valid
}

/// python-stdnum's reading of an SSN (`us.ssn.is_valid`): surrounding whitespace ignored,
/// optional dashes after the third and the fifth digit, and the structure rules above.
/// Stricter than stdnum in one way: repeated digits and 123-45-6789 are refused too.
pub fn is_valid(text: &str) -> bool {
    let t = text.trim();
    let compact: String = t.chars().filter(|&c| c != '-').collect();
    // The dashes, if any, stand after the third and/or the fifth digit.
    let dashes_ok = compact.len() == 9
        && compact.is_char_boundary(3)
        && compact.is_char_boundary(5)
        && [
            compact.clone(),
            format!("{}-{}-{}", &compact[..3], &compact[3..5], &compact[5..]),
            format!("{}-{}", &compact[..3], &compact[3..]),
            format!("{}-{}", &compact[..5], &compact[5..]),
        ]
        .contains(&t.to_string());
    dashes_ok && parse(&compact).is_some_and(|d| status(&d) == SsnStatus::Valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<SsnStatus> {
        parse(text).map(|d| status(&d))
    }

    #[test]
    fn valid_numbers() {
        for ssn in [
            "678-99-8212",
            "489-36-8350",
            "536 22 1234",
            "001010001",
            "899-99-9999",
            "665-01-0001",
        ] {
            assert_eq!(check(ssn), Some(SsnStatus::Valid), "{ssn}");
        }
    }

    #[test]
    fn never_issued() {
        for ssn in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "999-99-9998",
            "123-00-4567",
            "123-45-0000",
            "987-65-4320",
        ] {
            assert_eq!(check(ssn), Some(SsnStatus::NeverIssued), "{ssn}");
        }
    }

    #[test]
    fn samples_and_repeats() {
        assert_eq!(check("078-05-1120"), Some(SsnStatus::KnownSample));
        assert_eq!(check("219 09 9999"), Some(SsnStatus::KnownSample));
        assert_eq!(check("123456789"), Some(SsnStatus::KnownSample));
        assert_eq!(check("111-11-1111"), Some(SsnStatus::Repeated));
        assert_eq!(check("888888888"), Some(SsnStatus::Repeated));
    }

    #[test]
    fn stdnum_reading() {
        for v in [
            "536-90-4399",
            "536904399",
            "536-904399",
            "53690-4399",
            " 536-90-4399 ",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "1112-23333",
            "666-00-0000",
            "078-05-1120",
            "457-55-5462",
            "536 90 4399",
            "5369-04399",
            "536--90-4399",
            "536904-399",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }

    #[test]
    fn malformed_near_misses() {
        for text in [
            "123-45 6789",
            "123 45-6789",
            "12-345-6789",
            "1234-56-789",
            "12345678",
            "1234567890",
            "12a-45-6789",
            "",
        ] {
            assert_eq!(check(text), None, "{text}");
        }
    }
}
