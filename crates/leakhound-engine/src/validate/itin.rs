//! US Individual Taxpayer Identification Numbers (IRS): nine digits `9XX-GG-SSSS` whose
//! group `GG` is in a range the IRS assigns (50–65, 70–88, 90–92, 94–99).
//!
//! python-stdnum (`stdnum.us.itin`) still knows only the older 70–99 ranges (without 89 and
//! 93); the IRS added 50–65 in 2011 (IRS ITIN guidance, "ITIN range expansion"), so 9XX-5X-XXXX
//! numbers are valid here and not there. No stdnum test number falls in that range.

/// True when `group` (the fourth and fifth digits) is an assigned ITIN group.
pub fn group_allowed(group: u8) -> bool {
    matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

/// The nine digits of a candidate written `ddd-dd-dddd`, `ddd dd dddd` or `ddddddddd` (one
/// separator kind), as [`crate::validate::ssn::parse`] reads them.
pub fn parse(text: &str) -> Option<[u8; 9]> {
    crate::validate::ssn::parse(text)
}

/// True when nine digits have the ITIN structure: area 9XX and an assigned group.
pub fn structure_ok(d: &[u8; 9]) -> bool {
    d[0] == 9 && group_allowed(d[3] * 10 + d[4])
}

/// python-stdnum's reading of an ITIN: surrounding whitespace ignored, optional dashes after
/// the third and the fifth digit (each independently), nothing else.
pub fn is_valid(text: &str) -> bool {
    let b = text.trim().as_bytes();
    let mut d = [0u8; 9];
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'-' {
            // A dash may only follow the third or the fifth digit, once.
            let prev_dash = i > 0 && b[i - 1] == b'-';
            if !(n == 3 || n == 5) || prev_dash {
                return false;
            }
            continue;
        }
        if !c.is_ascii_digit() || n == 9 {
            return false;
        }
        d[n] = c - b'0';
        n += 1;
    }
    n == 9 && structure_ok(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "912-90-3456",
            "912903456",
            "912-903456",
            "91290-3456",
            "900-70-0000",
            "999-99-9999",
            "955-50-1234",
            "955-65-1234",
            " 912-88-3456 ",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "9129-03456",
            "123-45-6789",
            "912-93-4567",
            "912-89-4567",
            "912-66-4567",
            "912-49-4567",
            "912-69-4567",
            "912--90-3456",
            "912 90 3456",
            "91290345",
            "9129034567",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
        assert!(parse("912 90 3456").is_some_and(|d| structure_ok(&d)));
        assert!(parse("912-90 3456").is_none());
    }
}
