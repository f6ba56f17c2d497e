//! US Employer Identification Numbers (IRS): `XX-XXXXXXX`, where the two-digit prefix names
//! the IRS campus (or the Internet/SBA channel) that assigned it. There is no check digit.
//!
//! The prefix list is the IRS's "How EINs are assigned and valid EIN prefixes" (the same list
//! python-stdnum ships as `stdnum/us/ein.dat`): 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89,
//! 96 and 97 are never assigned.

/// True when `prefix` (the first two digits) is an assigned EIN prefix.
pub fn prefix_assigned(prefix: u8) -> bool {
    matches!(
        prefix,
        1..=6 | 10..=16 | 20..=27 | 30..=39 | 40..=48 | 50..=59 | 60..=68 | 71..=77 | 80..=88
            | 90..=95 | 98 | 99
    )
}

/// The nine digits of `XX-XXXXXXX` or `XXXXXXXXX` (no other shape), as python-stdnum reads
/// them (surrounding whitespace ignored).
pub fn parse(text: &str) -> Option<[u8; 9]> {
    let b = text.trim().as_bytes();
    let digits: &[usize] = match b.len() {
        9 => &[0, 1, 2, 3, 4, 5, 6, 7, 8],
        10 if b[2] == b'-' => &[0, 1, 3, 4, 5, 6, 7, 8, 9],
        _ => return None,
    };
    let mut d = [0u8; 9];
    for (slot, &i) in d.iter_mut().zip(digits) {
        if !b[i].is_ascii_digit() {
            return None;
        }
        *slot = b[i] - b'0';
    }
    Some(d)
}

/// True when `text` is an EIN with an assigned prefix (python-stdnum's `us.ein.is_valid`).
pub fn is_valid(text: &str) -> bool {
    parse(text).is_some_and(|d| prefix_assigned(d[0] * 10 + d[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "91-1144442",
            "04-2103594",
            "042103594",
            "01-0000001",
            "99-9999998",
            "31-1234567",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "911-14-4442",
            "07-1144442",
            "00-1234567",
            "89-1234567",
            "96-1234567",
            "97-1234567",
            "19-1234567",
            "91-114444",
            "91-11444422",
            "91 1144442",
            "9a-1144442",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
