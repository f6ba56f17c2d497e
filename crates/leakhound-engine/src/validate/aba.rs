//! ABA routing transit numbers (the nine-digit US bank routing number printed on cheques in
//! MICR ink): the Federal Reserve prefix ranges and the 3-7-1 weighted checksum.

/// Why a nine-digit number is or is not an ABA routing number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbaStatus {
    /// Prefix in an assigned range and checksum correct.
    Valid,
    /// Prefix in range but the checksum fails.
    BadChecksum,
    /// Not nine digits, or the first two digits are outside every assigned range.
    NotRouting,
}

/// True when the first two digits are in a range the ABA assigns: 00–12 (Federal Reserve
/// districts; 00 is the US government), 21–32 (thrift institutions), 61–72 (electronic
/// transactions) and 80 (traveller's cheques).
pub fn prefix_assigned(prefix: u8) -> bool {
    matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80)
}

/// True when the digits pass `3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10)`.
pub fn checksum_ok(d: &[u8; 9]) -> bool {
    let sum = 3 * (u32::from(d[0]) + u32::from(d[3]) + u32::from(d[6]))
        + 7 * (u32::from(d[1]) + u32::from(d[4]) + u32::from(d[7]))
        + (u32::from(d[2]) + u32::from(d[5]) + u32::from(d[8]));
    sum % 10 == 0
}

/// Judges a candidate made of exactly nine ASCII digits (anything else is `NotRouting`).
pub fn status(text: &str) -> AbaStatus {
    let b = text.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return AbaStatus::NotRouting;
    }
    let mut d = [0u8; 9];
    for (slot, c) in d.iter_mut().zip(b) {
        *slot = c - b'0';
    }
    if !prefix_assigned(d[0] * 10 + d[1]) {
        return AbaStatus::NotRouting;
    }
    if checksum_ok(&d) {
        AbaStatus::Valid
    } else {
        AbaStatus::BadChecksum
    }
}

/// True when `text` (surrounding whitespace ignored) is a routing number with an assigned
/// prefix and a correct checksum. python-stdnum's `us.rtn` checks the checksum only.
pub fn is_valid(text: &str) -> bool {
    status(text.trim()) == AbaStatus::Valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_routing_numbers_pass() {
        // Federal Reserve Bank of Boston, JPMorgan Chase NY, Bank of America NY,
        // Wells Fargo CA, Citibank NY, a thrift (32x) and an electronic (6x) number.
        for n in [
            "011000015",
            "021000021",
            "026009593",
            "121000248",
            "021000089",
            "322271627",
            "061000104",
        ] {
            assert_eq!(status(n), AbaStatus::Valid, "{n}");
        }
    }

    #[test]
    fn checksum_near_misses_fail() {
        for n in [
            "011000016",
            "021000022",
            "026009594",
            "121000249",
            "012345678",
        ] {
            assert_eq!(status(n), AbaStatus::BadChecksum, "{n}");
        }
    }

    #[test]
    fn unassigned_prefixes_and_shapes() {
        for n in [
            "131000014",
            "991234567",
            "501234567",
            "810000000",
            "02100002",
            "0210000211",
            "02100002a",
            "",
        ] {
            assert_eq!(status(n), AbaStatus::NotRouting, "{n}");
        }
    }
}
